import type { StorySource } from '../../analysis/summary/topic.js';
import type { DigestBlindspot, DigestEntry, DigestQuoteLine } from '../../digest/index.js';
import { singleLine } from '../../text/single-line.js';
import { escapeAndFit, escapeAndFitLine, escapeDiscordText, linkedLabel, maskedLinkTarget } from './discord-text.js';

/**
 * One story or quote as Discord markdown, built within fixed budgets so that any block fits a fresh embed: the
 * packer may then split a digest between blocks and never inside one.
 */
const MAX_BLOCK_LENGTH = 3_000;

const TITLE_BUDGET = 200;
const SUMMARY_BUDGET = 500;
const QUOTE_BUDGET = 300;
const SPEAKER_BUDGET = 80;
const OUTLET_BUDGET = 40;
const QUOTED_TITLE_BUDGET = 120;
const COVERAGE_BUDGET = 300;
/** Longer links are left out so that a block's links cannot push it past MAX_BLOCK_LENGTH. */
const MAX_URL_LENGTH = 512;
const MAX_SOURCES = 6;

const BADGE = { new: '🆕', developing: '🔄 developing ·' } as const;

export function storyBlock(entry: DigestEntry): string {
  const lines = [`${BADGE[entry.status]} **${linkedLabel(entry.title, entry.url, TITLE_BUDGET, MAX_URL_LENGTH)}**`];
  if (entry.summaryLine) lines.push(withMoreLink(entry.summaryLine, SUMMARY_BUDGET, entry.url));
  if (entry.keyQuote) {
    lines.push(`> “${withMoreLink(entry.keyQuote.quote, QUOTE_BUDGET, entry.url)}” — ${escapeAndFitLine(entry.keyQuote.speaker, SPEAKER_BUDGET)}`);
  }
  if (entry.coverage) lines.push(escapeAndFitLine(entry.coverage, COVERAGE_BUDGET));
  const used = lines.reduce((sum, line) => sum + line.length + 1, 0);
  const sources = sourcesLine(entry.sources, MAX_BLOCK_LENGTH - used);
  if (sources) lines.push(sources);
  return lines.join('\n');
}

export function quoteBlock(line: DigestQuoteLine): string {
  const quote = withMoreLink(line.quote, QUOTE_BUDGET, line.url);
  const speaker = escapeAndFitLine(line.speaker, SPEAKER_BUDGET);
  return `> “${quote}”\n— **${speaker}** · ${linkedLabel(line.storyTitle, line.url, QUOTED_TITLE_BUDGET, MAX_URL_LENGTH)}`;
}

export function blindspotBlock(blindspot: DigestBlindspot): string {
  const reports = `${blindspot.reports} report${blindspot.reports === 1 ? '' : 's'}`;
  return `**${linkedLabel(blindspot.title, blindspot.url, TITLE_BUDGET, MAX_URL_LENGTH)}**\nonly ${escapeAndFitLine(blindspot.side, SPEAKER_BUDGET)} (${reports})`;
}

/** Escaped text within budget; a cut is marked with an ellipsis and a link to the whole story. */
function withMoreLink(text: string, budget: number, url: string): string {
  const line = singleLine(text);
  const fitted = escapeAndFit(line, budget);
  const target = maskedLinkTarget(url, MAX_URL_LENGTH);
  return target && fitted !== escapeDiscordText(line) ? `${fitted} [more](${target})` : fitted;
}

/** "Sources: [Reuters](…) · [AP](…) +3 more", as many links as fit in `budget`. */
function sourcesLine(sources: readonly StorySource[], budget: number): string | null {
  if (sources.length === 0) return null;
  const prefix = 'Sources: ';
  const links: string[] = [];
  let length = prefix.length;
  for (const source of sources.slice(0, MAX_SOURCES)) {
    const link = linkedLabel(source.outlet, source.url, OUTLET_BUDGET, MAX_URL_LENGTH);
    const moreReserve = ' +99 more'.length;
    if (length + link.length + 3 + moreReserve > budget) break;
    links.push(link);
    length += link.length + 3;
  }
  const hidden = sources.length - links.length;
  if (links.length === 0) return `${prefix}${sources.length} outlets`;
  return `${prefix}${links.join(' · ')}${hidden > 0 ? ` +${hidden} more` : ''}`;
}
