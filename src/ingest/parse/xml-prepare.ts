/**
 * The DOCTYPE goes before any parser sees the text: its internal subset is how "billion laughs"
 * expands. Simple internal entities with literal values are substituted once, without recursion,
 * within a size budget; entities built from other entities are left undefined.
 */

const MAX_ENTITY_VALUE = 1024;
const MAX_EXPANSION_BYTES = 1024 * 1024;

/** Finds the end of a DOCTYPE starting at `start`, honouring `[...]`, quoted strings and comments. */
function doctypeEnd(text: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '<' && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      i = close < 0 ? text.length : close + 2;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']') depth = Math.max(0, depth - 1);
    else if (c === '>' && depth === 0) return i + 1;
  }
  return text.length;
}

function literalEntities(subset: string): Map<string, string> {
  const entities = new Map<string, string>();
  for (const m of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    const value = m[2] ?? m[3] ?? '';
    // Values referring to other entities are where exponential expansion comes from: skip them.
    if (value.length <= MAX_ENTITY_VALUE && !/&[A-Za-z_]/.test(value) && !value.includes('<')) {
      entities.set(m[1] as string, value);
    }
  }
  return entities;
}

/** Removes the DOCTYPE, substituting its simple literal entities (bounded). */
export function stripDoctype(text: string): string {
  // A DOCTYPE belongs to the prolog; one after the root start tag is content (e.g. inside CDATA), so only the prolog
  // is searched (not the whole document).
  const rootStart = text.search(/<[A-Za-z_]/);
  const start = (rootStart >= 0 ? text.slice(0, rootStart) : text).search(/<!DOCTYPE/i);
  if (start < 0) return text;
  const end = doctypeEnd(text, start);
  const entities = literalEntities(text.slice(start, end));
  let rest = text.slice(end);
  if (entities.size > 0) {
    let budget = MAX_EXPANSION_BYTES;
    rest = rest.replace(/&([A-Za-z_][\w.-]*);/g, (match, name: string) => {
      const value = entities.get(name);
      if (value === undefined || budget < value.length) return match;
      budget -= value.length;
      return value;
    });
  }
  return text.slice(0, start) + rest;
}
