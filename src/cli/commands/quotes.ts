import { resolve } from 'node:path';
import { extractQuotes } from '../../analysis/quotes/extract.js';
import type { ExtractedQuote } from '../../analysis/quotes/types.js';
import { loadPeople } from '../../config/app-config.js';
import { parseEnv } from '../../config/env.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';
import { readArticle } from '../read-article.js';

/** The fields `--json` prints, in this order: the command's output contract. */
const JSON_FIELDS = ['quote', 'speaker', 'speakerType', 'speakerLabel', 'cue', 'to', 'kind', 'start', 'end', 'confidence'] as const;

/**
 * `wirewatch quotes [--json] [--indirect] <file>`: the quotations in an article (plain text or HTML) with their
 * speakers; --indirect adds reported speech without quotation marks (kind "indirect").
 * Offsets refer to the article's text (after HTML conversion for HTML input).
 */
export const runQuotesCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json', 'indirect'] });
  const [input, ...extra] = args.positionals;
  if (input === undefined || extra.length > 0) throw new UsageError('give one article file: wirewatch quotes [--json] [--indirect] <file>');
  const people = loadPeople(resolve(io.cwd, parseEnv(io.env).WIREWATCH_CONFIG));
  const loaded = await readArticle(resolve(io.cwd, input), input);
  if (!loaded.ok) {
    io.stderr(`wirewatch quotes: ${loaded.error}\n`);
    return 1;
  }
  const quotes = extractQuotes(loaded.text, { people, indirect: args.flags.has('indirect') });
  if (args.flags.has('json')) io.stdout(`${JSON.stringify(quotes.map(contractFields))}\n`);
  else io.stdout(renderReadable(quotes));
  return 0;
};

function contractFields(quote: ExtractedQuote): Record<(typeof JSON_FIELDS)[number], unknown> {
  return Object.fromEntries(JSON_FIELDS.map((field) => [field, quote[field]])) as Record<(typeof JSON_FIELDS)[number], unknown>;
}

function renderReadable(quotes: readonly ExtractedQuote[]): string {
  if (quotes.length === 0) return 'No quotations found.\n';
  const blocks = quotes.map((quote, i) => {
    const who = quote.speaker ?? (quote.speakerLabel ? `${quote.speakerLabel} (${quote.speakerType})` : 'unattributed');
    const how = [quote.cue, quote.to ? `→ ${quote.to}` : null].filter((part) => part !== null).join(' ');
    const details = [how, quote.kind, `confidence ${quote.confidence.toFixed(2)}`].filter((part) => part.length > 0).join(' · ');
    return `${i + 1}. “${quote.quote}”\n   — ${who}${details ? ` · ${details}` : ''}`;
  });
  return `${blocks.join('\n')}\n`;
}
