/** windows-1252 characters for 0x80–0x9F; feeds that carry C1 controls almost always meant these. */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

// Control characters XML 1.0 forbids, U+FFFE/U+FFFF, and unpaired surrogates. Written as ranges without the u
// flag, which scans about five times faster here than \p{Cc} with it (this runs on every feed body).
// eslint-disable-next-line no-control-regex -- matching control characters is this module's job
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const C1_CONTROLS = /[\u0080-\u009f]/g;
// Unflagged twins for the quick checks: most feeds need no cleaning, and scanning is far cheaper than replacing.
// eslint-disable-next-line no-control-regex -- as above
const HAS_FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const HAS_C1_CONTROL = /[\u0080-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const HAS_ANY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u0080-\u009f\ufffe\uffff]/;

/** Removes characters that are invalid in XML and maps C1 controls to their windows-1252 meaning. */
export function cleanXmlText(text: string): string {
  // One scan answers the common case, clean text: every field of every item passes through here.
  if (!HAS_ANY_CONTROL.test(text) && text.isWellFormed()) return text;
  let cleaned = HAS_FORBIDDEN_CONTROL.test(text) ? text.replace(FORBIDDEN_CONTROLS, '') : text;
  if (!cleaned.isWellFormed()) cleaned = cleaned.replace(LONE_SURROGATES, '');
  if (!HAS_C1_CONTROL.test(cleaned)) return cleaned;
  return cleaned.replace(C1_CONTROLS, (c) => {
    const mapped = WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? '';
    // The five undefined windows-1252 positions map to themselves: drop those controls.
    return mapped === c ? '' : mapped;
  });
}
