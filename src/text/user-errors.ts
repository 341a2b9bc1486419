/**
 * The one table from an error code wirewatch records to the words a user reads: feed polls (`/feeds status`, the
 * feed-disabled notice), deliveries (`/why`, logs) and slash-command options that fail a check beyond their type. Codes are what the store keeps (`feeds.last_error_code`);
 * an HTTP failure is kept as `http-<status>` so the status needs no parsing out of a message. A code this table
 * does not know (a row written by an older version) reads as a generic failure, never as the raw code.
 */

/** Feed poll failures. Example: `http-403` → "the site refused us (HTTP 403)". */
const FEED_ERRORS: Readonly<Record<string, string>> = {
  timeout: 'the site took too long to answer',
  'too-large': 'the feed is larger than wirewatch reads (10 MB)',
  'private-address': 'the address points into a private network, which wirewatch never reads',
  dns: 'the site’s name does not resolve',
  network: 'wirewatch could not connect to the site',
  'too-many-redirects': 'the site redirects too many times',
  'bad-url': 'the address is not a valid web address',
  'unsupported-protocol': 'the address is not http or https',
  aborted: 'the request was cancelled (wirewatch was stopping)',
  'not-a-feed': 'the page is not a feed wirewatch can read (RSS, Atom or JSON Feed)',
  'internal-error': 'wirewatch itself failed on this feed (a bug: the log has the details)',
};

/** HTTP statuses people meet on feeds, by what they mean for the reader. */
const HTTP_STATUS_MEANINGS: Readonly<Record<number, string>> = {
  401: 'the feed needs a login',
  403: 'the site refused us',
  404: 'the feed is not at that address',
  410: 'the feed was removed',
  429: 'the site asked us to slow down',
};

/** Discord delivery failures (the kinds `classifyDeliveryError` gives). */
const DELIVERY_ERRORS: Readonly<Record<string, string>> = {
  'no-access': 'wirewatch cannot post in that channel (a permission is missing or the channel is gone)',
  retry: 'Discord did not take the message yet; it is retried',
  rejected: 'Discord refused the message',
};

/** Command options wirewatch checks itself. Example: `quiet-clock` for quiet:25:00-07:00. */
const OPTION_ERRORS: Readonly<Record<string, string>> = {
  'quiet-format': 'quiet hours are two times in 24-hour time joined by a hyphen, e.g. "22:00-07:00"',
  'quiet-clock': 'a time of day runs from 00:00 to 23:59, e.g. "22:00-07:00"',
  'quiet-empty': 'quiet hours need a start and an end that differ, e.g. "22:00-07:00" (a window past midnight is fine)',
  'min-outlets': 'min_outlets is a whole number from 2 to 10: how many outlets must report a story before it is alerted',
};

export function optionErrorText(code: string): string {
  return OPTION_ERRORS[code] ?? 'that value is not accepted here';
}

export function feedErrorText(code: string | null): string {
  if (code === null) return 'the last poll failed';
  const status = /^http-(\d{3})$/u.exec(code)?.[1];
  if (status !== undefined) return `${httpMeaning(Number(status))} (HTTP ${status})`;
  return FEED_ERRORS[code] ?? 'the last poll failed';
}

export function deliveryErrorText(kind: string): string {
  return DELIVERY_ERRORS[kind] ?? 'the message could not be delivered';
}

/** The code a failed fetch is recorded under: its own, or `http-<status>` for an HTTP status. */
export function feedErrorCode(code: string, status: number | undefined): string {
  return code === 'http-status' && status !== undefined ? `http-${status}` : code;
}

function httpMeaning(status: number): string {
  const known = HTTP_STATUS_MEANINGS[status];
  if (known) return known;
  return status >= 500 ? 'the site had an error' : 'the site answered with an error';
}

/**
 * `/subscribe` options refused (or noted) for what they name, beyond their format. Example: `ping-everyone` → "`ping`:
 * wirewatch never pings the whole server …". No text here writes a raw mention (`@` + everyone/here): Discord would read it. `{role}` stands for the role's (escaped) name.
 */
const SUBSCRIPTION_OPTION_ERRORS = {
  'ping-everyone': '`ping`: wirewatch never pings the whole server. Make a role for the members who want these alerts and pick it.',
  'ping-foreign-role': '`ping`: that is not a role of this server. Pick one of this server’s roles.',
  'ping-not-mentionable':
    '**Note:** wirewatch cannot ping {role} yet, so alerts are posted without the ping: make the role mentionable ' +
    '(Server Settings → Roles → “Allow anyone to @mention this role”) or give wirewatch the Mention Everyone permission (“Mention all roles”) in that channel.',
} as const;

export type SubscriptionOptionError = keyof typeof SUBSCRIPTION_OPTION_ERRORS;

export function subscriptionOptionText(code: SubscriptionOptionError, role = 'the role'): string {
  return SUBSCRIPTION_OPTION_ERRORS[code].replace('{role}', role);
}
