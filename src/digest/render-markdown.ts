import { formatWindow } from './render-discord.js';
import type { Digest, DigestEntry } from './types.js';

/** The digest as Markdown for the terminal: same content and order as the Discord messages, without their limits. */
export function renderDigestMarkdown(digest: Digest): string {
  const lines = [`# wirewatch digest — ${formatWindow(digest.windowStart, digest.windowEnd)}`, ''];
  for (const section of digest.sections) {
    lines.push(`## ${oneLine(section.topic.name)}`, '');
    for (const entry of section.entries) lines.push(...entryLines(entry), '');
  }
  if (digest.whoSaidWhat.length > 0) {
    lines.push('## Who said what', '');
    for (const line of digest.whoSaidWhat) lines.push(`- “${oneLine(line.quote)}” — **${oneLine(line.speaker)}** (${oneLine(line.storyTitle)})`);
    lines.push('');
  }
  if (digest.quietTopics.length > 0) {
    lines.push(`_No new coverage for ${digest.quietTopics.map((topic) => oneLine(topic.name)).join(', ')}._`, '');
  }
  if (digest.sections.length === 0 && digest.quietTopics.length === 0) lines.push('_No new coverage._', '');
  return `${lines.join('\n').trimEnd()}\n`;
}

function entryLines(entry: DigestEntry): string[] {
  const badge = entry.status === 'new' ? 'NEW' : 'DEVELOPING';
  const lines = [`- **${badge}** [${oneLine(entry.title)}](${entry.url})`];
  if (entry.summaryLine) lines.push(`  ${oneLine(entry.summaryLine)}`);
  if (entry.keyQuote) {
    const speaker = entry.keyQuote.speaker ?? entry.keyQuote.speakerLabel ?? 'unattributed';
    lines.push(`  > “${oneLine(entry.keyQuote.quote)}” — ${oneLine(speaker)}`);
  }
  if (entry.sources.length > 0) {
    lines.push(`  Sources: ${entry.sources.map((source) => `[${oneLine(source.outlet)}](${source.url})`).join(', ')}`);
  }
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
