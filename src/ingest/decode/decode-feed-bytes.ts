import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import {
  parseContentType,
  sniffByteOrderMark,
  sniffHtmlMetaCharset,
  sniffWideEncoding,
  sniffXmlDeclarationEncoding,
} from './charset-sniff.js';
import { cleanXmlText } from './xml-chars.js';

/**
 * Labels that name a subset of a richer encoding are decoded with the superset, as browsers
 * do (WHATWG Encoding): ASCII and Latin-1 labels with windows-1252, GB2312 with GB18030.
 */
const SUPERSETS: Record<string, string> = {
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'x-sjis': 'shift_jis',
  'ks_c_5601-1987': 'euc-kr',
  utf8: 'utf-8',
};

const WIDE = /^(utf-?16|utf-?32|ucs-?2|ucs-?4)/;
const LATIN1_FAMILY = new Set(['windows-1252']);

function normaliseLabel(label: string | null): string | null {
  if (!label) return null;
  const resolved = SUPERSETS[label] ?? label;
  return iconv.encodingExists(resolved) ? resolved : null;
}

/** Counts well-formed multi-byte UTF-8 sequences and invalid bytes. */
function utf8Evidence(bytes: Buffer): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i] as number;
    if (byte < 0x80) {
      i++;
      continue;
    }
    const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    let ok = length > 0 && i + length <= bytes.length;
    for (let k = 1; ok && k < length; k++) ok = ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return { valid, invalid };
}

/** UTF-8 unless the bytes are clearly something else, in which case windows-1252 (the usual culprit). */
function decodeUtf8OrLegacy(bytes: Buffer): string {
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const { valid, invalid } = utf8Evidence(bytes);
  if (invalid > 0 && invalid > valid) return iconv.decode(bytes, 'windows-1252');
  return bytes.toString('utf8');
}

function isAsciiCompatible(bytes: Buffer): boolean {
  return sniffWideEncoding(bytes) === null;
}

/**
 * Chooses the declared charset to trust. The HTTP charset wins (RFC 3023/7303, as feedparser
 * and browsers do), except where it cannot be right: a UTF-16/32 label on bytes that are not
 * wide, or a Latin-1-family label on a document that declares UTF-8 and is valid UTF-8 with
 * non-ASCII text (a web server's default charset stamped onto a UTF-8 feed).
 */
function chooseDeclaredCharset(bytes: Buffer, contentType: string | null): string | null {
  const httpCharset = normaliseLabel(parseContentType(contentType).charset);
  const xmlCharset = normaliseLabel(sniffXmlDeclarationEncoding(bytes) ?? sniffHtmlMetaCharset(bytes));
  const usable = (label: string | null) => (label && WIDE.test(label) && isAsciiCompatible(bytes) ? null : label);
  const fromHttp = usable(httpCharset);
  const fromDocument = usable(xmlCharset);
  if (fromHttp && LATIN1_FAMILY.has(fromHttp) && fromDocument === 'utf-8') {
    if (isUtf8(bytes) && !isAscii(bytes)) return 'utf-8';
  }
  return fromHttp ?? fromDocument;
}

/**
 * Turns the bytes of a feed (or an HTML page) into text: BOM, then UTF-16/32 sniffing, then the
 * HTTP charset, then the XML declaration (or HTML meta charset), then UTF-8 with a windows-1252
 * fallback. Characters XML forbids are removed and C1 controls are read as windows-1252.
 *
 * One deliberate departure from RFC 3023 (and feedparser): text/xml without a charset is not
 * forced to US-ASCII; as RFC 7303 says, the document's own declaration applies.
 */
export function decodeFeedBytes(body: Buffer, contentType: string | null): string {
  const unicode = sniffByteOrderMark(body) ?? sniffWideEncoding(body);
  let text: string;
  if (unicode) {
    text = iconv.decode(body.subarray(unicode.skip), unicode.encoding);
  } else {
    const charset = chooseDeclaredCharset(body, contentType);
    text = charset === null || charset === 'utf-8' ? decodeUtf8OrLegacy(body) : iconv.decode(body, charset);
  }
  return cleanXmlText(text.replace(/^\uFEFF/, ''));
}
