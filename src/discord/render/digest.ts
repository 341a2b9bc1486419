import type { Digest } from '../../digest/index.js';
import { formatWindow } from '../../digest/window.js';
import { digestBlocks, type DigestBlock } from './digest-sections.js';
import { escapeAndFitLine } from './discord-text.js';
import { EMBED_LIMITS, MESSAGE_EMBEDS_LIMIT, embedsLength, type MessageBody, type MessageEmbed } from '../delivery/message-body.js';

const SECTION_COLOR = 0x3b82f6;
const QUOTES_COLOR = 0xa855f7;
const BLOCK_SEPARATOR = '\n\n';
/** Leaves room for " (continued)" within Discord's 256-character embed title. */
const TITLE_BUDGET = EMBED_LIMITS.title - 20;
const QUIET_NOTE_BUDGET = 1_500;

/**
 * The digest as Discord message bodies. Each topic section becomes embeds whose descriptions hold one block per story;
 * a long digest continues in further messages, always between stories. Every limit holds by construction.
 * Returns no messages for an empty digest without a quiet note.
 */
export function renderDigestMessages(digest: Digest): MessageBody[] {
  const header = `**wirewatch digest** · ${formatWindow(digest.windowStart, digest.windowEnd)}`;
  const quiet = digest.quietTopics.length > 0 ? `No new coverage for ${digest.quietTopics.map((topic) => topic.name).join(', ')}.` : '';
  const blocks = digestBlocks(digest);
  if (blocks.length === 0 && !quiet) return [];
  const footer = `wirewatch · ${formatWindow(digest.windowStart, digest.windowEnd)}`;
  const pages = packEmbeds(blocks, footer.length);
  if (pages.length === 0) pages.push([]);
  return pages.map((embeds, index) => {
    const last = embeds[embeds.length - 1];
    if (last) {
      last.footer = { text: footer };
      last.timestamp = digest.windowEnd.toISOString();
    }
    const content = index === 0 ? [header, quiet && escapeAndFitLine(quiet, QUIET_NOTE_BUDGET)].filter(Boolean).join('\n') : `${header} (${index + 1}/${pages.length})`;
    return { content, embeds, allowed_mentions: { parse: [] } };
  });
}

/** Fills embeds block by block and messages embed by embed, starting a new one whenever a limit would be passed. */
function packEmbeds(blocks: readonly DigestBlock[], footerLength: number): MessageEmbed[][] {
  const pages: MessageEmbed[][] = [];
  let page: MessageEmbed[] = [];
  let pageLength = footerLength;
  let embed: MessageEmbed | null = null;
  let embedKey: string | null = null;
  const started = new Set<string>();
  for (const block of blocks) {
    const addition = BLOCK_SEPARATOR.length + block.text.length;
    const fitsEmbed = embed && embedKey === block.key && (embed.description ?? '').length + addition <= EMBED_LIMITS.description;
    if (embed && fitsEmbed && pageLength + addition <= EMBED_LIMITS.total) {
      embed.description += BLOCK_SEPARATOR + block.text;
      pageLength += addition;
      continue;
    }
    const title = escapeAndFitLine(block.title, TITLE_BUDGET) + (started.has(block.key) ? ' (continued)' : '');
    started.add(block.key);
    const next: MessageEmbed = { title, description: block.text, color: block.kind === 'quote' ? QUOTES_COLOR : SECTION_COLOR };
    if (page.length === MESSAGE_EMBEDS_LIMIT || pageLength + embedsLength([next]) > EMBED_LIMITS.total) {
      pages.push(page);
      page = [];
      pageLength = footerLength;
    }
    page.push(next);
    pageLength += embedsLength([next]);
    embed = next;
    embedKey = block.key;
  }
  if (page.length > 0) pages.push(page);
  return pages;
}
