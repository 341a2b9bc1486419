/**
 * `@name` parameters, as the SQLite stores and the shared SQL fragments of visibility.ts write them, turned into
 * PostgreSQL's `$1`, `$2`…: "WHERE id = @id AND guild = @guild" becomes "WHERE id = $1 AND guild = $2" with the
 * names in that order. A name used twice is one parameter. Text inside '…' literals is left alone.
 */
interface Compiled {
  text: string;
  names: string[];
}

const compiled = new Map<string, Compiled>();

function compile(sql: string): Compiled {
  const names: string[] = [];
  const text = sql.replace(/'(?:[^']|'')*'|@([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name: string | undefined) => {
    if (name === undefined) return whole;
    let index = names.indexOf(name);
    if (index === -1) index = names.push(name) - 1;
    return `$${index + 1}`;
  });
  return { text, names };
}

export class MissingParameterError extends Error {}

/** The query text and values for node-postgres. An array of values is passed through for `$n` queries. */
export function namedQuery(sql: string, parameters: Record<string, unknown> | readonly unknown[]): { text: string; values: unknown[] } {
  if (Array.isArray(parameters)) return { text: sql, values: [...(parameters as unknown[])] };
  let query = compiled.get(sql);
  if (!query) compiled.set(sql, (query = compile(sql)));
  const named = parameters as Record<string, unknown>;
  const values = query.names.map((name) => {
    if (!(name in named)) throw new MissingParameterError(`query parameter @${name} was not given`);
    const value = named[name];
    return value === undefined ? null : value;
  });
  return { text: query.text, values };
}
