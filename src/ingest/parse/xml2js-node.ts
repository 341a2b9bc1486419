import { atomConstruct as fromAtomElement, type TextConstruct } from './text-construct.js';

/** An element as xml2js (inside rss-parser) delivers it: a string, or text in `_`, attributes in `$`. */
export type XmlNode = string | XmlObject;
export interface XmlObject {
  _?: string;
  $?: Record<string, string>;
  [child: string]: XmlNode[] | string | Record<string, string> | undefined;
}

export function attributes(node: XmlNode | undefined): Record<string, string> {
  return typeof node === 'object' && node.$ ? node.$ : {};
}

function childEntries(node: XmlObject): Array<[string, XmlNode[]]> {
  return Object.entries(node).filter((e): e is [string, XmlNode[]] => e[0] !== '_' && e[0] !== '$' && Array.isArray(e[1]));
}

/** True when a node holds child elements (inline XHTML or stray HTML). */
export function hasChildElements(node: XmlNode | undefined): boolean {
  return typeof node === 'object' && childEntries(node).length > 0;
}

/** All the text inside a node (callers make sure it has no child elements: xml2js loses their order). */
export function nodeText(node: XmlNode | undefined): string {
  if (node === undefined) return '';
  return typeof node === 'string' ? node : (node._ ?? '');
}

/** Atom text construct (type text/html/xhtml, or Atom 0.3 MIME types and mode="escaped"). */
export function atomConstruct(node: XmlNode | undefined): TextConstruct | null {
  if (node === undefined) return null;
  const attrs = attributes(node);
  return fromAtomElement({ type: attrs.type, mode: attrs.mode, text: nodeText(node), markup: null });
}

/** RSS text: format unknown, decided later by looking at it. */
export function rssConstruct(node: XmlNode | undefined): TextConstruct | null {
  if (node === undefined) return null;
  return { type: 'guess', value: nodeText(node) };
}

export function first(nodes: unknown): XmlNode | undefined {
  return Array.isArray(nodes) ? (nodes[0] as XmlNode | undefined) : undefined;
}
