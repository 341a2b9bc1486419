import { resolve } from 'node:path';
import type { Person } from '../../analysis/people/schema.js';
import { extractQuotes } from '../../analysis/quotes/extract.js';
import { summarizeArticle } from '../../analysis/summary/article.js';
import { rankKeyQuotes, type KeyQuoteCandidate } from '../../analysis/summary/key-quotes.js';
import { loadPeople } from '../../config/app-config.js';
import { parseEnv } from '../../config/env.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';
import { readArticle } from '../read-article.js';

const KEY_QUOTE_LIMIT = 5;

/**
 * `wirewatch summarize [--json] <file>`: the extractive summary of an article (plain text or HTML) and its key
 * quotes. `--json` prints `{"summary", "sentences", "keyQuotes"}`.
 */
export const runSummarizeCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json'] });
  const [input, ...extra] = args.positionals;
  if (input === undefined || extra.length > 0) throw new UsageError('give one article file: wirewatch summarize [--json] <file>');
  const people = loadPeople(resolve(io.cwd, parseEnv(io.env).WIREWATCH_CONFIG));
  const loaded = await readArticle(resolve(io.cwd, input), input);
  if (!loaded.ok) {
    io.stderr(`wirewatch summarize: ${loaded.error}\n`);
    return 1;
  }
  const { summary, sentences } = summarizeArticle(loaded.text);
  const keyQuotes = keyQuotesOf(loaded.text, people);
  if (args.flags.has('json')) io.stdout(`${JSON.stringify({ summary, sentences, keyQuotes })}\n`);
  else io.stdout(renderReadable(summary, keyQuotes));
  return 0;
};

interface KeyQuoteOutput {
  quote: string;
  speaker: string | null;
  speakerLabel: string | null;
  confidence: number;
  principal: boolean;
}

function keyQuotesOf(text: string, people: readonly Person[]): KeyQuoteOutput[] {
  const principals = new Set(people.filter((person) => person.principal).map((person) => person.id));
  const candidates: KeyQuoteCandidate[] = extractQuotes(text, { people }).map((quote) => ({
    ...quote,
    outletCount: 1,
    principal: quote.speakerId !== null && principals.has(quote.speakerId),
  }));
  return rankKeyQuotes(candidates, KEY_QUOTE_LIMIT).map((quote) => ({
    quote: quote.quote,
    speaker: quote.speaker,
    speakerLabel: quote.speakerLabel ?? null,
    confidence: quote.confidence,
    principal: quote.principal,
  }));
}

function renderReadable(summary: string, keyQuotes: readonly KeyQuoteOutput[]): string {
  const lines = [summary || 'No story text found.'];
  if (keyQuotes.length > 0) {
    lines.push('', 'Key quotes:');
    keyQuotes.forEach((quote, index) => {
      const who = quote.speaker ?? quote.speakerLabel ?? 'unattributed';
      lines.push(`${index + 1}. “${quote.quote}” — ${who}`);
    });
  }
  return `${lines.join('\n')}\n`;
}
