/** Where a document's bytes say which encoding they are in, before any decoding. */

export interface SniffedUnicode {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
  /** Bytes to skip (the byte-order mark). */
  skip: number;
}

function startsWith(bytes: Buffer, ...prefix: number[]): boolean {
  return prefix.every((value, index) => bytes[index] === value);
}

/** Byte-order marks, UTF-32 checked before UTF-16 because FF FE 00 00 starts with FF FE. */
export function sniffByteOrderMark(bytes: Buffer): SniffedUnicode | null {
  if (startsWith(bytes, 0xef, 0xbb, 0xbf)) return { encoding: 'utf-8', skip: 3 };
  if (startsWith(bytes, 0xff, 0xfe, 0x00, 0x00)) return { encoding: 'utf-32le', skip: 4 };
  if (startsWith(bytes, 0x00, 0x00, 0xfe, 0xff)) return { encoding: 'utf-32be', skip: 4 };
  if (startsWith(bytes, 0xff, 0xfe)) return { encoding: 'utf-16le', skip: 2 };
  if (startsWith(bytes, 0xfe, 0xff)) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

/**
 * UTF-16/32 without a BOM, recognised from the zero bytes around the first '<' (XML 1.0
 * appendix F). Leading whitespace is skipped in the pattern only by looking at the first '<'.
 */
export function sniffWideEncoding(bytes: Buffer): SniffedUnicode | null {
  if (startsWith(bytes, 0x00, 0x00, 0x00, 0x3c)) return { encoding: 'utf-32be', skip: 0 };
  if (startsWith(bytes, 0x3c, 0x00, 0x00, 0x00)) return { encoding: 'utf-32le', skip: 0 };
  if (startsWith(bytes, 0x00, 0x3c) && bytes[2] === 0x00) return { encoding: 'utf-16be', skip: 0 };
  if (startsWith(bytes, 0x3c, 0x00) && bytes[3] === 0x00) return { encoding: 'utf-16le', skip: 0 };
  return null;
}

function cleanLabel(label: string | undefined): string | null {
  const cleaned = label?.trim().replace(/^["']|["']$/g, '').trim().toLowerCase();
  return cleaned ? cleaned : null;
}

export interface ContentTypeInfo {
  mediaType: string | null;
  charset: string | null;
}

/** Splits `text/xml; charset="utf-8"` into its media type and charset (bogus parameters ignored). */
export function parseContentType(contentType: string | null): ContentTypeInfo {
  if (!contentType) return { mediaType: null, charset: null };
  const [type, ...params] = contentType.split(';');
  let charset: string | null = null;
  for (const param of params) {
    const match = /^\s*charset\s*=\s*(.*)$/i.exec(param);
    if (match) charset = cleanLabel(match[1]);
  }
  return { mediaType: type?.trim().toLowerCase() || null, charset };
}

/** The encoding named by an XML declaration, read as ASCII from the document start. */
export function sniffXmlDeclarationEncoding(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 512).toString('latin1');
  const match = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(head);
  return cleanLabel(match?.[1]);
}

/** `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">` for HTML pages. */
export function sniffHtmlMetaCharset(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const match =
    /<meta\s[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta\s[^>]*?content\s*=\s*["'][^"']*charset\s*=\s*([\w.:-]+)/i.exec(head);
  return cleanLabel(match?.[1]);
}
