/**
 * A feed URL without the parts that may be a secret: credentials, query string and fragment
 * ("https://user:pw@example.org/feed.xml?token=SECRET#top" → "https://example.org/feed.xml"). What everyone but a
 * server's managers is shown, and what the logs carry.
 */
export function redactedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '(an address that could not be read)';
  }
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
}

/** Every http(s) URL in a message (an error, a disabled feed's reason) redacted. */
export function redactUrlsIn(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s<>"'()]+/giu, (url) => redactedUrl(url));
}
