import { isIPv4, isIPv6 } from 'node:net';

/** Why an address may or may not be fetched from. Only 'public' is allowed by the SSRF guard. */
export type AddressClass =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'shared-cgnat'
  | 'multicast'
  | 'reserved'
  | 'unique-local'
  | 'invalid';

interface Ipv4Range {
  base: number;
  prefix: number;
  kind: Exclude<AddressClass, 'public' | 'invalid'>;
}

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

const IPV4_BLOCKED: Ipv4Range[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared-cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'], // IETF protocol assignments
  ['192.0.2.0', 24, 'reserved'], // TEST-NET-1
  ['192.88.99.0', 24, 'reserved'], // 6to4 relay anycast
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'], // benchmarking
  ['198.51.100.0', 24, 'reserved'], // TEST-NET-2
  ['203.0.113.0', 24, 'reserved'], // TEST-NET-3
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'], // incl. 255.255.255.255 broadcast
].map(([base, prefix, kind]) => ({
  base: ipv4ToInt(base as string),
  prefix: prefix as number,
  kind: kind as Ipv4Range['kind'],
}));

function classifyIpv4(ip: string): AddressClass {
  const value = ipv4ToInt(ip);
  for (const range of IPV4_BLOCKED) {
    const size = 2 ** (32 - range.prefix);
    if (value >= range.base && value < range.base + size) return range.kind;
  }
  return 'public';
}

/** Expands an IPv6 literal (with optional embedded dotted IPv4 tail) to eight 16-bit groups. */
function ipv6Groups(ip: string): number[] {
  let text = ip.toLowerCase();
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4ToInt(dotted[1]);
    text = text.slice(0, -dotted[1].length) + `${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(Math.max(0, missing)).fill('0'), ...tailGroups].map((g) => parseInt(g, 16));
}

function groupsToIpv4(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function classifyIpv6(ip: string): AddressClass {
  const g = ipv6Groups(ip);
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const upperZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 0) return 'unspecified';
  if (upperZero && g5 === 0 && g6 === 0 && g7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the deprecated IPv4-compatible (::a.b.c.d) carry an IPv4 address.
  if (upperZero && (g5 === 0xffff || g5 === 0)) return classifyIpv4(groupsToIpv4(g6, g7));
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) tunnel to an embedded IPv4 address: judge that one.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return classifyIpv4(groupsToIpv4(g6, g7));
  }
  if (g0 === 0x2002) return classifyIpv4(groupsToIpv4(g1, g2));
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g0 & 0xffc0) === 0xfe80) return 'link-local';
  if ((g0 & 0xffc0) === 0xfec0) return 'reserved'; // deprecated site-local
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'reserved'; // documentation
  if (g0 === 0x2001 && g1 === 0) return 'reserved'; // Teredo: tunnels to addresses we cannot check
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard-only
  if ((g0 & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3
  return 'public';
}

/** Classifies an IP literal (IPv4, IPv6, optionally in [brackets]). Pure; no DNS. */
export function classifyAddress(address: string): AddressClass {
  const ip = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(ip)) return classifyIpv4(ip);
  if (isIPv6(ip)) return classifyIpv6(ip);
  return 'invalid';
}

export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}

/** Names that never lead to the public internet: RFC 6761 localhost, mDNS .local, RFC 8375 and common in-house suffixes. */
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|internal|intranet|lan|home\.arpa|corp)$/iu;

/**
 * An https URL on a public host, judged from the URL alone (no DNS): for addresses others fetch, never wirewatch,
 * such as an alert's image, which Discord loads. An IP literal must be public; a name must have a dot and no
 * local suffix. Credentials in the URL refuse it.
 */
export function isPublicHttpsUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.replace(/\.$/u, '');
  const addressClass = classifyAddress(host);
  if (addressClass !== 'invalid') return addressClass === 'public';
  return host.includes('.') && !LOCAL_NAME.test(host);
}
