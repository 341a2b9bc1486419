import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bareQuote } from '../../analysis/quotes/display.js';
import { parseEnv } from '../../config/env.js';
import { openStores } from '../../store/index.js';
import type { QuoteHit, WhoSaidResult } from '../../store/quote-search.js';
import { OPERATOR } from '../../store/visibility.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

const USAGE = 'wirewatch whosaid [--json] [--limit N] "<fragment of a quote>"';

/**
 * `wirewatch whosaid "<fragment>"`: who said it, to whom, who reported it first and how many others did, from the
 * database at WIREWATCH_DB. `--json` prints `{fragment, best, alternatives}`. Exit codes: 0 found, 1 no quote
 * matches, 2 usage or database problem.
 */
export const runWhosaidCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json'], options: ['limit'] });
  const fragment = args.positionals.join(' ').trim();
  if (fragment === '') throw new UsageError(`give the words you remember: ${USAGE}`);
  const limit = parseLimit(args.options.get('limit')?.at(-1));
  const path = resolve(io.cwd, parseEnv(io.env).WIREWATCH_DB);
  if (!existsSync(path)) {
    io.stderr(`wirewatch whosaid: no database at ${path}; run wirewatch poll first, or point WIREWATCH_DB at the bot's database.\n`);
    return 2;
  }
  const store = await openStores({ sqlitePath: path });
  try {
    const result = await store.stores.quoteSearch.search(fragment, { limit, viewer: OPERATOR });
    io.stdout(args.flags.has('json') ? `${JSON.stringify({ fragment, ...result })}\n` : describeResult(fragment, result));
    return result.best ? 0 : 1;
  } finally {
    await store.close();
  }
};

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return 5;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new UsageError(`--limit takes a whole number from 1 to 50, not "${raw}"`);
  return limit;
}

function describeResult(fragment: string, { best, alternatives }: WhoSaidResult): string {
  if (!best) {
    return `No stored quote matches \u201c${fragment}\u201d. Try fewer or more distinctive words; only quotes from articles wirewatch has read can be found.\n`;
  }
  const lines = [headline(best), displayQuote(best.quote)];
  const others = best.outletCount - 1;
  if (others > 0) lines.push(`also reported by ${others} other outlet${others === 1 ? '' : 's'}`);
  if (best.kind === 'indirect') lines.push('(reported speech, not a direct quotation)');
  if (alternatives.length > 0) {
    lines.push('', `Or perhaps (${alternatives.length} other close match${alternatives.length === 1 ? '' : 'es'}):`);
    for (const hit of alternatives) lines.push(`  - ${speakerName(hit)}: ${displayQuote(hit.quote)} (${hit.firstSource.outlet}, ${formatDate(hit.firstSource.reportedAt)})`);
  }
  return `${lines.join('\n')}\n`;
}

/** "Steve Witkoff, to CNN, reported by Kyiv Independent on 2025-08-18 09:00 UTC, https://…" */
function headline(hit: QuoteHit): string {
  const parts = [speakerName(hit)];
  if (hit.to) parts.push(`to ${hit.to}`);
  parts.push(`reported by ${hit.firstSource.outlet} on ${formatDate(hit.firstSource.reportedAt)}`);
  if (hit.firstSource.link) parts.push(hit.firstSource.link);
  return parts.join(', ');
}

function speakerName(hit: QuoteHit): string {
  switch (hit.speakerType) {
    case 'person':
    case 'organization':
      return hit.speaker ?? hit.speakerLabel ?? 'Unattributed';
    case 'nominal':
      return `Unnamed: ${hit.speakerLabel ?? hit.speaker ?? 'source'}`;
    case 'unknown':
      return 'Unattributed';
  }
}

/** The quote between curly quote marks, without the marks or the comma that ended it inside a sentence. */
function displayQuote(quote: string): string {
  return `\u201c${bareQuote(quote)}\u201d`;
}

function formatDate(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
