import { readFile } from 'node:fs/promises';

/**
 * Title expectations of the shared feed corpus, as oracles for the corpus test.
 * - feedparser files: the `Expect:` line's comparisons of `feed['title']`, `entries[0]['title']`
 *   or their `['title_detail']['value']` with a Python string literal. Alternatives joined by `or`
 *   are all acceptable; comparisons on different targets must all hold.
 * - feed-rs files: the matching `.serde.json` (`title.content`, `entries[0].title.content`).
 */
export type TitleTarget = 'feed' | 'entry';
export type TitleExpectations = Map<TitleTarget, string[]>;

/** Decodes a Python string literal (with its u/b prefix and \x, \u, \U escapes). */
export function parsePythonString(literal: string): string {
  const body = literal.replace(/^[ub]/i, '').slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_match, escape: string) => {
    if (/^[xuU]/.test(escape) && escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
    return { n: '\n', t: '\t', r: '\r', '0': '\0' }[escape] ?? escape;
  });
}

const COMPARISON =
  /(feed|entries\[0\])\[['"](?:title|title_detail['"]\]\[['"]value)['"]\]\s*==\s*(?:entries\[\d+\]\[['"]title['"]\]\s*==\s*)*([ub]?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"))/g;

export function feedparserExpectations(document: string): TitleExpectations {
  const expectations: TitleExpectations = new Map();
  const expect = /^Expect:(.*)$/m.exec(document)?.[1] ?? '';
  for (const match of expect.matchAll(COMPARISON)) {
    const target: TitleTarget = match[1] === 'feed' ? 'feed' : 'entry';
    expectations.set(target, [...(expectations.get(target) ?? []), parsePythonString(match[2] as string)]);
  }
  return expectations;
}

export async function feedRsExpectations(serdePath: string): Promise<TitleExpectations> {
  const expectations: TitleExpectations = new Map();
  let data: { title?: { content?: string }; entries?: Array<{ title?: { content?: string } }> };
  try {
    data = JSON.parse(await readFile(serdePath, 'utf8')) as typeof data;
  } catch {
    return expectations;
  }
  if (typeof data.title?.content === 'string') expectations.set('feed', [data.title.content]);
  const entryTitle = data.entries?.[0]?.title?.content;
  if (typeof entryTitle === 'string') expectations.set('entry', [entryTitle]);
  return expectations;
}
