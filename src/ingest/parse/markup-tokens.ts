/**
 * A forgiving tokenizer for XML and HTML: never throws, never backtracks badly, and turns what it
 * cannot read as markup into text. Shared by the tolerant feed reader and the HTML→text helper.
 */
export type MarkupToken =
  | { kind: 'text'; text: string }
  | { kind: 'cdata'; text: string }
  | { kind: 'open'; name: string; attributes: string; selfClosing: boolean }
  | { kind: 'close'; name: string };

// Comments, processing instructions and declarations are skipped. A start tag honours quoted
// attribute values ('>' inside quotes); when a quote is never closed, the tag ends at the next
// '>' instead (HTML's unquoted values may contain quotes). Outside short quoted values no tag
// spans a '<', so each attempt stops soon and tokenizing stays near-linear even on hostile input.
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^<>]*>|<\/\s*([A-Za-z_][\w:.-]*)\s*>|<([A-Za-z_][\w:.-]*)((?:[^<>"']|"[^"]{0,512}"|'[^']{0,512}')*)>|<([A-Za-z_][\w:.-]*)([^<>]*)>/g;

export function* tokenizeMarkup(source: string): Generator<MarkupToken> {
  TOKEN.lastIndex = 0;
  let last = 0;
  for (let match = TOKEN.exec(source); match; match = TOKEN.exec(source)) {
    if (match.index > last) yield { kind: 'text', text: source.slice(last, match.index) };
    last = TOKEN.lastIndex;
    if (match[0] === '') {
      TOKEN.lastIndex++;
      continue;
    }
    if (match[1] !== undefined) yield { kind: 'cdata', text: match[1] };
    else if (match[2] !== undefined) yield { kind: 'close', name: match[2] };
    else if (match[3] !== undefined || match[5] !== undefined) {
      const name = match[3] ?? match[5] ?? '';
      const attributes = match[4] ?? match[6] ?? '';
      const selfClosing = attributes.trimEnd().endsWith('/');
      yield { kind: 'open', name, attributes: selfClosing ? attributes.trimEnd().slice(0, -1) : attributes, selfClosing };
    }
  }
  if (last < source.length) yield { kind: 'text', text: source.slice(last) };
}

const ATTRIBUTE = /([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/** Attribute name → raw (still entity-encoded) value. The first occurrence of a name wins. */
export function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1] as string;
    if (!attributes.has(name)) attributes.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attributes;
}
