import type { AddressPolicy, HostResolver } from './resolve-host.js';

export interface FetchOptions {
  /** Validators from the previous fetch, sent back exactly as received. */
  etag?: string | null;
  lastModified?: string | null;
  userAgent: string;
  /** Name resolution plus TCP/TLS connect, per hop. Default 10 s. */
  connectTimeoutMs?: number;
  /** The whole fetch, every redirect hop and the full body included. Default 30 s. */
  totalTimeoutMs?: number;
  /** Cap on the body, both as received and after decompression. Default 10 MB. */
  maxBytes?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Off by default: loopback, private, link-local … addresses are refused (SSRF guard). */
  allowPrivateNetworks?: boolean;
  accept?: string;
  signal?: AbortSignal;
  /** Name resolution; defaults to the system resolver. Tests inject their own. */
  resolveHost?: HostResolver;
  /**
   * Replaces the SSRF address policy (default: public addresses only, or any address with
   * allowPrivateNetworks). Lets tests admit exactly their loopback server and nothing else.
   */
  isAllowedAddress?: AddressPolicy;
}

export type FetchErrorCode =
  | 'timeout'
  | 'too-large'
  | 'http-status'
  | 'private-address'
  | 'dns'
  | 'network'
  | 'too-many-redirects'
  | 'bad-url'
  | 'unsupported-protocol'
  | 'aborted';

export interface FetchOk {
  kind: 'ok';
  status: number;
  /** The URL the body came from, after redirects. */
  url: string;
  /** The final URL when every hop was a permanent redirect (301/308), else null. */
  permanentRedirect: string | null;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Cache-Control max-age, in seconds. */
  maxAgeSeconds: number | null;
}

export interface FetchNotModified {
  kind: 'not-modified';
  url: string;
  permanentRedirect: string | null;
  /** The validators to keep: the 304's own, or the ones we sent when it carries none. */
  etag: string | null;
  lastModified: string | null;
  maxAgeSeconds: number | null;
}

export interface FetchFailed {
  kind: 'failed';
  code: FetchErrorCode;
  /** Human-readable: what went wrong, with which URL. */
  message: string;
  status?: number;
  /** For 429/503: how long the server asked us to wait. */
  retryAfterSeconds?: number | null;
  /** The URL that failed (the last hop tried). */
  url: string;
}

export type FetchResult = FetchOk | FetchNotModified | FetchFailed;
