import { singleLine } from '../text/single-line.js';
import { formatWindow } from './window.js';
import type { Digest, DigestEntry } from './types.js';

/** The digest as Markdown for the terminal: same content and order as the Discord messages, without their limits. */
export function renderDigestMarkdown(digest: Digest): string {
  const lines = [`# wirewatch digest — ${formatWindow(digest.windowStart, digest.windowEnd)}`, ''];
  for (const section of digest.sections) {
    lines.push(`## ${singleLine(section.topic.name)}`, '');
    for (const entry of section.entries) lines.push(...entryLines(entry), '');
  }
  if (digest.blindspots.length > 0) {
    lines.push('## Covered by one side only', '');
    for (const spot of digest.blindspots) lines.push(`- [${singleLine(spot.title)}](${spot.url}): only ${singleLine(spot.side)} (${spot.reports} reports)`);
    lines.push('');
  }
  if (digest.whoSaidWhat.length > 0) {
    lines.push('## Who said what', '');
    for (const line of digest.whoSaidWhat) lines.push(`- “${singleLine(line.quote)}” — **${singleLine(line.speaker)}** (${singleLine(line.storyTitle)})`);
    lines.push('');
  }
  if (digest.quietTopics.length > 0) {
    lines.push(`_No new coverage for ${digest.quietTopics.map((topic) => singleLine(topic.name)).join(', ')}._`, '');
  }
  if (digest.sections.length === 0 && digest.quietTopics.length === 0) lines.push('_No new coverage._', '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function entryLines(entry: DigestEntry): string[] {
  const badge = entry.status === 'new' ? 'NEW' : 'DEVELOPING';
  const lines = [`- **${badge}** [${singleLine(entry.title)}](${entry.url})`];
  if (entry.summaryLine) lines.push(`  ${singleLine(entry.summaryLine)}`);
  if (entry.keyQuote) {
    lines.push(`  > “${singleLine(entry.keyQuote.quote)}” — ${singleLine(entry.keyQuote.speaker)}`);
  }
  if (entry.coverage) lines.push(`  ${singleLine(entry.coverage)}`);
  if (entry.sources.length > 0) {
    lines.push(`  Sources: ${entry.sources.map((source) => `[${singleLine(source.outlet)}](${source.url})`).join(', ')}`);
  }
  return lines;
}
