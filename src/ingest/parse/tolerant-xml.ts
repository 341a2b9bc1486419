import { decodeEntities } from './html-text.js';
import { parseAttributes, tokenizeMarkup } from './markup-tokens.js';

/**
 * A forgiving XML tree: unclosed elements close at the end of their parent or document, stray
 * end tags are ignored, undefined entities stay as text, bare `&` and `<` survive as characters.
 * Element names keep their case and prefix; callers match names case-insensitively.
 */
export interface XmlElement {
  name: string;
  attributes: Map<string, string>;
  children: Array<XmlElement | string>;
  parent: XmlElement | null;
}

export function parseTolerantXml(source: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: new Map(), children: [], parent: null };
  let current = root;
  for (const token of tokenizeMarkup(source)) {
    if (token.kind === 'text') current.children.push(decodeEntities(token.text));
    else if (token.kind === 'cdata') current.children.push(token.text);
    else if (token.kind === 'open') {
      const attributes = new Map([...parseAttributes(token.attributes)].map(([k, v]) => [k, decodeEntities(v)]));
      const element: XmlElement = { name: token.name, attributes, children: [], parent: current };
      current.children.push(element);
      if (!token.selfClosing) current = element;
    } else {
      const wanted = token.name.toLowerCase();
      let open: XmlElement | null = current;
      while (open && open !== root && open.name.toLowerCase() !== wanted) open = open.parent;
      if (open && open !== root) current = open.parent ?? root;
    }
  }
  return root;
}

export function elementChildren(element: XmlElement): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string');
}

export function textContent(element: XmlElement): string {
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textContent(child);
  return text;
}

function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The markup inside an element, re-serialised as HTML (namespace prefixes and declarations dropped). */
export function innerMarkup(element: XmlElement): string {
  let markup = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      markup += escapeMarkup(child);
      continue;
    }
    const name = child.name.slice(child.name.indexOf(':') + 1);
    const attributes = [...child.attributes]
      .filter(([name]) => !name.startsWith('xmlns'))
      .map(([name, value]) => ` ${name}="${escapeMarkup(value).replace(/"/g, '&quot;')}"`)
      .join('');
    markup += child.children.length === 0 ? `<${name}${attributes} />` : `<${name}${attributes}>${innerMarkup(child)}</${name}>`;
  }
  return markup;
}
