/**
 * /whosaid plans its searches as FTS5 query text (src/store/quote-search.ts); PostgreSQL runs the same plan as
 * tsquery text for to_tsquery('simple', …). The planner writes only this much FTS5: quoted words or phrases
 * (`"peace talks"`), a quoted word as a prefix (`"guar"*`), OR inside parentheses and AND between groups. So:
 * `"peace talks" AND ("gaurantee" OR "guarantee")` becomes `'peace' <-> 'talks' & ( 'gaurantee' | 'guarantee' )`.
 */

/** One word as a tsquery operand: quoted, so no character in it is an operator. */
export function tsTerm(term: string): string {
  return `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

export class UnsupportedQueryError extends Error {}

export function fts5ToTsquery(query: string): string {
  const tokens = query.match(/"(?:[^"]|"")*"\*?|\(|\)|\bAND\b|\bOR\b|\S+/g) ?? [];
  return tokens
    .map((token) => {
      if (token === '(' || token === ')') return token;
      if (token === 'AND') return '&';
      if (token === 'OR') return '|';
      if (!token.startsWith('"')) throw new UnsupportedQueryError(`the search planner wrote ${token}, which has no tsquery form here`);
      const prefix = token.endsWith('*');
      const words = token.slice(1, prefix ? -2 : -1).replaceAll('""', '"').split(' ').filter((word) => word.length > 0);
      const phrase = words.map(tsTerm).join(' <-> ');
      return prefix ? `${phrase}:*` : words.length > 1 ? `(${phrase})` : phrase;
    })
    .join(' ');
}
