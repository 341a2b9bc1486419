import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPublicAddress } from './address-policy.js';
import { readCappedBody } from './read-body.js';
import { resolveFetchAddress, systemResolver, type AddressPolicy, type ResolvedAddress } from './resolve-host.js';
import { headerValue, parseMaxAge, parseRetryAfter } from './response-headers.js';
import type { FetchErrorCode, FetchFailed, FetchOptions, FetchResult } from './types.js';

const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A fetch's whole time when the options give none. */
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000;
const PERMANENT_REDIRECT_STATUSES = new Set([301, 308]);

/** Carried as an AbortSignal reason so every pending step fails with the same, explained code. */
class FetchStop extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function failed(code: FetchErrorCode, message: string, url: string, extra: Partial<FetchFailed> = {}): FetchFailed {
  return { kind: 'failed', code, message, url, ...extra };
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** A `lookup` that answers with the address we already checked, so no second resolution happens. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  }) as LookupFunction;
}

function describeSocketError(error: NodeJS.ErrnoException): { code: FetchErrorCode; message: string } {
  if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return { code: 'dns', message: error.message };
  return { code: 'network', message: error.code ? `${error.code}: ${error.message}` : error.message };
}

interface HopRequest {
  url: URL;
  headers: Record<string, string>;
  connectTimeoutMs: number;
  resolver: NonNullable<FetchOptions['resolveHost']>;
  isAllowedAddress: AddressPolicy;
  controller: AbortController;
}

/** One request/response exchange, with the address pinned and the connect timeout armed. */
async function requestHop(hop: HopRequest): Promise<http.IncomingMessage | FetchFailed> {
  const { url, controller } = hop;
  const connectTimer = setTimeout(
    () => controller.abort(new FetchStop('timeout', `could not connect to ${url.host} within ${hop.connectTimeoutMs} ms`)),
    hop.connectTimeoutMs,
  );
  try {
    const resolved = await untilAborted(
      resolveFetchAddress(url.hostname, hop.resolver, hop.isAllowedAddress),
      controller.signal,
    );
    if (resolved.kind !== 'ok') return failed(resolved.kind, resolved.message, url.href);
    const transport = url.protocol === 'https:' ? https : http;
    return await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = transport.request(url, {
        method: 'GET',
        headers: hop.headers,
        agent: false,
        lookup: pinnedLookup(resolved.address),
        signal: controller.signal,
      });
      request.on('socket', (socket) => {
        socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
      });
      request.on('response', resolve);
      request.on('error', (error) => reject(controller.signal.aborted ? controller.signal.reason : error));
      request.end();
    });
  } finally {
    clearTimeout(connectTimer);
  }
}

/**
 * GETs a feed URL with our own safety rules: SSRF guard on every hop (addresses pinned),
 * connect and total timeouts, a body cap that also bounds decompression, redirects,
 * conditional GET. Every expected failure comes back as a `failed` value, never a throw.
 */
export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchResult> {
  const controller = new AbortController();
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
  const totalTimer = setTimeout(
    () => controller.abort(new FetchStop('timeout', `no complete response from ${url} within ${totalTimeoutMs} ms`)),
    totalTimeoutMs,
  );
  const onOuterAbort = () => controller.abort(new FetchStop('aborted', `the fetch of ${url} was cancelled`));
  if (options.signal?.aborted) onOuterAbort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  let currentUrl = url;
  try {
    return await followRedirects(url, options, controller, (next) => (currentUrl = next));
  } catch (error) {
    if (error instanceof FetchStop) return failed(error.code, error.message, currentUrl);
    const { code, message } = describeSocketError(error as NodeJS.ErrnoException);
    return failed(code, `fetching ${currentUrl} failed: ${message}`, currentUrl);
  } finally {
    clearTimeout(totalTimer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function followRedirects(
  startUrl: string,
  options: FetchOptions,
  controller: AbortController,
  onHop: (url: string) => void,
): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? 5;
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  const headers: Record<string, string> = {
    'user-agent': options.userAgent,
    accept: options.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  let href = startUrl;
  let allPermanent = true;
  for (let redirects = 0; ; redirects++) {
    onHop(href);
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return failed('bad-url', `not a valid URL: ${href}`, href);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      return failed('unsupported-protocol', `only http and https can be fetched, not ${url.protocol} (${href})`, href);
    }
    const response = await requestHop({
      url,
      headers,
      controller,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      resolver: options.resolveHost ?? systemResolver,
      isAllowedAddress: options.allowPrivateNetworks ? () => true : (options.isAllowedAddress ?? isPublicAddress),
    });
    if (!(response instanceof http.IncomingMessage)) return response;

    const status = response.statusCode ?? 0;
    const location = headerValue(response.headers, 'location');
    if (REDIRECT_STATUSES.has(status) && location !== null) {
      response.resume();
      if (redirects >= maxRedirects) {
        return failed('too-many-redirects', `more than ${maxRedirects} redirects starting from ${startUrl}`, href);
      }
      allPermanent &&= PERMANENT_REDIRECT_STATUSES.has(status);
      try {
        href = new URL(location, url).href;
      } catch {
        return failed('bad-url', `${href} redirects to an invalid URL: ${location}`, href);
      }
      continue;
    }

    const permanentRedirect = allPermanent && redirects > 0 ? href : null;
    const maxAgeSeconds = parseMaxAge(headerValue(response.headers, 'cache-control'));
    const etag = headerValue(response.headers, 'etag');
    const lastModified = headerValue(response.headers, 'last-modified');
    if (status === 304) {
      response.resume();
      return {
        kind: 'not-modified',
        url: href,
        permanentRedirect,
        etag: etag ?? options.etag ?? null,
        lastModified: lastModified ?? options.lastModified ?? null,
        maxAgeSeconds,
      };
    }
    if (status < 200 || status > 299) {
      response.resume();
      const retryAfterSeconds =
        status === 429 || status === 503 ? parseRetryAfter(headerValue(response.headers, 'retry-after')) : null;
      const reason = response.statusMessage ? ` ${response.statusMessage}` : '';
      return failed('http-status', `${href} answered HTTP ${status}${reason}`, href, { status, retryAfterSeconds });
    }

    const declaredLength = Number(headerValue(response.headers, 'content-length'));
    if (Number.isFinite(declaredLength) && declaredLength > maxBytes) {
      response.destroy();
      return failed('too-large', `${href} announces ${declaredLength} bytes, over the limit of ${maxBytes}`, href);
    }
    const body = await readCappedBody(response, headerValue(response.headers, 'content-encoding'), maxBytes, controller.signal);
    if (body.kind !== 'ok') return failed(body.kind, `reading ${href}: ${body.message}`, href);
    return {
      kind: 'ok',
      status,
      url: href,
      permanentRedirect,
      body: body.body,
      contentType: headerValue(response.headers, 'content-type'),
      etag,
      lastModified,
      maxAgeSeconds,
    };
  }
}
