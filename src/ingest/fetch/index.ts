export { DEFAULT_TOTAL_TIMEOUT_MS, fetchUrl } from './fetch-url.js';
export { classifyAddress, isPublicAddress, isPublicHttpsUrl, type AddressClass } from './address-policy.js';
export type { AddressPolicy, HostResolver, ResolvedAddress } from './resolve-host.js';
export type { FetchErrorCode, FetchFailed, FetchNotModified, FetchOk, FetchOptions, FetchResult } from './types.js';
