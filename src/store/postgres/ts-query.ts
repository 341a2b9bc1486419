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

function fts5Tokens(query: string): string[] {
  return query.match(/"(?:[^"]|"")*"\*?|\(|\)|\bAND\b|\bOR\b|\S+/g) ?? [];
}

export function fts5ToTsquery(query: string): string {
  return fts5Tokens(query)
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

/** The groups an FTS5 query ANDs together, each as written: `"peace" AND ("talks" OR "talk")` gives `"peace"`, `("talks" OR "talk")`. */
export function andGroups(query: string): string[] {
  const groups: string[][] = [[]];
  let depth = 0;
  for (const token of fts5Tokens(query)) {
    if (token === 'AND' && depth === 0) groups.push([]);
    else (groups.at(-1) as string[]).push(token);
    depth += token === '(' ? 1 : token === ')' ? -1 : 0;
  }
  return groups.map((tokens) => tokens.join(' ').replaceAll('( ', '(').replaceAll(' )', ')'));
}
