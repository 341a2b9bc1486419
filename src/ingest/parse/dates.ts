/** Feed dates (RFC 822 in RSS, RFC 3339 in Atom, and what publishers really write) → ISO-8601. */

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
};

const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7,
  bst: 1, cet: 1, cest: 2, eet: 2, eest: 3, msk: 3, ist: 5.5, jst: 9, kst: 9, aest: 10, aedt: 11,
};

const ISO = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?)?)?$/i;
const RFC822 =
  /^(?:[a-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([a-z]{3})[a-z]*\.?[\s-]+(\d{2,4})(?:[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([a-z]{1,5}|[+-]\d{2}:?\d{2})?$/i;

function offsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  const named = ZONES[zone.toLowerCase()];
  if (named !== undefined) return named * 60;
  // Military single letters other than Z are too often wrong to trust; read them as UTC.
  return /^[a-z]$/i.test(zone) ? 0 : null;
}

function build(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, offset: number): Date | null {
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  const date = new Date(Date.UTC(year, month, day, hour, minute, second, ms) - offset * 60_000);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parseIso(text: string): Date | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const offset = offsetMinutes(m[8]);
  if (offset === null) return null;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return build(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), ms, offset);
}

function parseRfc822(text: string): Date | null {
  const m = RFC822.exec(text);
  if (!m) return null;
  const month = MONTHS[(m[2] ?? '').toLowerCase()];
  const offset = offsetMinutes(m[7]);
  if (month === undefined || offset === null) return null;
  let year = Number(m[3]);
  if (year < 100) year += year < 50 ? 2000 : 1900;
  return build(year, month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0, offset);
}

/** ISO-8601 string for a feed date, or null when it cannot be read. Never throws. */
export function normalizeDate(raw: string | null | undefined): string | null {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text || text.length > 100) return null;
  const date = parseIso(text) ?? parseRfc822(text) ?? fallbackParse(text);
  if (!date) return null;
  const year = date.getUTCFullYear();
  return year >= 1000 && year <= 9999 ? date.toISOString() : null;
}

/** The engine's own parser is liberal enough to read "Item 2" as a date: demand a 4-digit year. */
function fallbackParse(text: string): Date | null {
  if (!/\b\d{4}\b/.test(text)) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time);
}
