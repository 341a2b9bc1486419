import { z } from 'zod';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** The English name of an ISO 3166 alpha-2 code ("UA" → "Ukraine"), or null when it names no region. */
export function countryName(code: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const name = regionNames.of(code);
  return name === undefined || name === code || name === 'Unknown Region' ? null : name;
}

/** An ISO 3166-1 alpha-2 country code, any case in, upper case out ("ua" → "UA"). */
export const countryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => countryName(code) !== null, (code) => ({
    message: `"${code.slice(0, 20)}" is not an ISO 3166 two-letter country code; write e.g. "UA" for Ukraine, "RU" for Russia, "GB" for the United Kingdom`,
  }));
