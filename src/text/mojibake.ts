/**
 * Repairs mojibake: UTF-8 text that a page or mirror decoded as windows-1252 ("Å imonytÄ—" for "Šimonytė",
 * "OrbÃ¡n" for "Orbán"). Only byte sequences that decode to one valid character are repaired, so ordinary
 * Latin-1 text ("Ärger", "Orbán") is left alone.
 */

/** windows-1252 code points 0x80–0x9F → their byte: "‚" (U+201A) is byte 0x82, "—" (U+2014) is byte 0x97. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function byteOf(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 0xa0 && code <= 0xff) return code;
  const high = WINDOWS_1252_HIGH.indexOf(char);
  return high >= 0 ? 0x80 + high : -1;
}

/**
 * A lead byte of a two- or three-byte UTF-8 sequence read as windows-1252, then its continuation bytes. A no-break
 * space (byte 0xA0, the second byte of "Š") has often become a plain space on the way: "Å imonytÄ—".
 */
const SUSPECT = /[\u00c2-\u00ef](?:[\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0081\u008d\u008f\u0090\u009d]{1,2}| (?=\p{Ll}))/gu;

export interface RepairedText {
  text: string;
  /** Offset in the original text of each offset of the repaired one (one more entry than its length). */
  originalOffsets: Int32Array;
}

/** The repaired text with an offset map back to the original, or null when there is nothing to repair. */
export function repairMojibake(text: string): RepairedText | null {
  if (!hasClearMojibake(text)) return null;
  const parts: string[] = [];
  const offsets: number[] = [];
  let copiedTo = 0;
  const copy = (end: number): void => {
    parts.push(text.slice(copiedTo, end));
    for (let i = copiedTo; i < end; i++) offsets.push(i);
  };
  SUSPECT.lastIndex = 0;
  for (let match = SUSPECT.exec(text); match; match = SUSPECT.exec(text)) {
    const decoded = decodeSequence(match[0]);
    if (!decoded) {
      SUSPECT.lastIndex = match.index + 1;
      continue;
    }
    copy(match.index);
    parts.push(decoded.char);
    offsets.push(match.index);
    copiedTo = match.index + decoded.length;
    SUSPECT.lastIndex = copiedTo;
  }
  if (parts.length === 0) return null;
  copy(text.length);
  offsets.push(text.length);
  return { text: parts.join(''), originalOffsets: Int32Array.from(offsets) };
}

/** A sequence that decodes without guessing at spaces: only then is "Å i" read as "Ši" too. */
function hasClearMojibake(text: string): boolean {
  SUSPECT.lastIndex = 0;
  for (let match = SUSPECT.exec(text); match; match = SUSPECT.exec(text)) {
    if (!match[0].endsWith(' ') && decodeSequence(match[0])) return true;
    SUSPECT.lastIndex = match.index + 1;
  }
  return false;
}

/** The character a lead byte and its continuation bytes encode, and how many characters of the text it replaces. */
function decodeSequence(sequence: string): { char: string; length: number } | null {
  const bytes = [...sequence].map((char) => (char === ' ' ? 0xa0 : byteOf(char)));
  const lead = bytes[0] ?? -1;
  const needed = lead >= 0xe0 ? 3 : 2;
  if (bytes.length < needed || bytes.slice(1, needed).some((byte) => byte < 0x80 || byte > 0xbf)) return null;
  const code =
    needed === 2
      ? ((lead & 0x1f) << 6) | ((bytes[1] as number) & 0x3f)
      : ((lead & 0x0f) << 12) | (((bytes[1] as number) & 0x3f) << 6) | ((bytes[2] as number) & 0x3f);
  if (code < (needed === 2 ? 0x80 : 0x800)) return null;
  return { char: String.fromCharCode(code), length: needed };
}
