import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress } from './address-policy.js';

/** Decides whether an address may be connected to. */
export type AddressPolicy = (address: string) => boolean;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses. Injected in tests so they need no real DNS. */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) => {
  const results = await lookup(hostname, { all: true, verbatim: true });
  return results.map((r) => ({ address: r.address, family: r.family === 6 ? 6 : 4 }));
};

export type ResolveOutcome =
  | { kind: 'ok'; address: ResolvedAddress }
  | { kind: 'private-address'; message: string }
  | { kind: 'dns'; message: string };

/**
 * Picks the address a request to `hostname` will connect to. Literal IPs are used as they are;
 * names are resolved. Only an address the policy allows is acceptable —
 * the caller must connect to exactly the returned address (no second lookup, no rebinding gap).
 */
export async function resolveFetchAddress(
  hostname: string,
  resolver: HostResolver,
  isAllowed: AddressPolicy,
): Promise<ResolveOutcome> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const literalFamily = isIP(bare);
  let candidates: ResolvedAddress[];
  if (literalFamily !== 0) {
    candidates = [{ address: bare, family: literalFamily === 6 ? 6 : 4 }];
  } else {
    try {
      candidates = await resolver(bare);
    } catch (error) {
      return { kind: 'dns', message: `could not resolve ${bare}: ${(error as Error).message}` };
    }
    if (candidates.length === 0) return { kind: 'dns', message: `${bare} has no addresses` };
  }
  const usable = candidates.find((c) => isAllowed(c.address));
  if (usable) return { kind: 'ok', address: usable };
  const first = candidates[0] as ResolvedAddress;
  return {
    kind: 'private-address',
    message: `refusing to fetch from ${bare}: it resolves to ${first.address} (${classifyAddress(first.address)} address)`,
  };
}
