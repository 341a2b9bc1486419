/** windows-1252 characters for 0x80–0x9F; feeds that carry C1 controls almost always meant these. */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

// Control characters XML 1.0 forbids, U+FFFE/U+FFFF, and unpaired surrogates.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const C1_CONTROLS = /[\u0080-\u009f]/g;

/** Removes characters that are invalid in XML and maps C1 controls to their windows-1252 meaning. */
export function cleanXmlText(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, '')
    .replace(C1_CONTROLS, (c) => {
      const mapped = WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? '';
      // The five undefined windows-1252 positions map to themselves: drop those controls.
      return mapped === c ? '' : mapped;
    });
}
