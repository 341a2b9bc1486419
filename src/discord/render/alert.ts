import { countBadges, coverageLine } from '../../analysis/sides/coverage.js';
import { escapeAndFit, escapeAndFitLine, escapeDiscordText, linkedLabel, maskedLink, plainDiscordText, safeLink } from './discord-text.js';
import { EMBED_LIMITS, SUPPRESS_EMBEDS_FLAG, type MessageBody, type MessageEmbed } from '../delivery/message-body.js';
import { isPublicHttpsUrl } from '../../ingest/fetch/index.js';
import type { DevelopmentAlertContent, QuoteAlertContent, StoryAlertContent } from '../../pipeline/alert-content.js';

/** What a reply in a story's thread shows (see renderThreadReply). */
export interface ThreadReplyContent {
  outlet: string;
  headline: string;
  link: string | null;
  time: string;
  /** Whether the outlet is new to the story's alert (else the reply is for its quotes). */
  newOutlet: boolean;
  quotes: readonly { personName: string; quote: string; speakerLabel: string | null }[];
}

const ALERT_COLOR = 0x2f6fde;
const DEVELOPMENT_COLOR = 0x8e44ad;
const QUOTE_COLOR = 0xd9822b;
const MAX_TOPIC_FIELDS = 4;
/** A compact line stays well under Discord's 2,000 characters, mentions included. */
const COMPACT_CAPS = { headline: 400, outlet: 100, topics: 300 } as const;
// Caps chosen so that every part at its cap still leaves the description 2,000+ of the 6,000 total.
const CAPS = { quoteField: 700, topicName: 100, topicValue: 300, coverageField: 120, outletsField: 900, footer: 100 } as const;

/**
 * A story alert in the subscription's style. `pingRoleIds` (the first post only; edits pass none) are mentioned in
 * the content and are the only mentions allowed: the ids come from subscriptions, never from feed text.
 */
export function renderStoryAlert(content: StoryAlertContent, pingRoleIds: readonly string[] = []): MessageBody {
  const body = content.style === 'compact' ? compactStoryAlert(content) : fullStoryAlert(content);
  if (pingRoleIds.length === 0) return body;
  const mentions = pingRoleIds.map((id) => `<@&${id}>`).join(' ');
  return { ...body, content: body.content ? `${mentions} ${body.content}` : mentions, allowed_mentions: { parse: [], roles: [...pingRoleIds] } };
}

/** One line: headline (linked), outlet and topic; links do not unfurl. */
function compactStoryAlert(content: StoryAlertContent): MessageBody {
  const headline = linkedLabel(content.headline, content.link, COMPACT_CAPS.headline) || '(untitled)';
  const outlet = escapeAndFitLine(content.outlet, COMPACT_CAPS.outlet);
  const topics = escapeAndFitLine(content.topics.map((topic) => topic.topicName).join(', '), COMPACT_CAPS.topics);
  const line = [`**${headline}**`, outlet, topics].filter((part) => part !== '').join(' · ');
  return { content: line, embeds: [], allowed_mentions: { parse: [] }, flags: SUPPRESS_EMBEDS_FLAG };
}

function fullStoryAlert(content: StoryAlertContent): MessageBody {
  const fields: NonNullable<MessageEmbed['fields']> = [];
  if (content.keyQuote && content.keyQuote.quote.trim() !== '') {
    const speaker = content.keyQuote.speaker?.trim() || content.keyQuote.speakerLabel?.trim() || 'unattributed';
    fields.push({ name: 'Key quote', value: quoteBlock(content.keyQuote.quote, speaker, CAPS.quoteField) });
  }
  const shownTopics = content.topics.slice(0, MAX_TOPIC_FIELDS);
  for (const [index, topic] of shownTopics.entries()) {
    const more = index === shownTopics.length - 1 ? content.topics.length - shownTopics.length : 0;
    fields.push({
      name: escapeAndFit(`Matched: ${topic.topicName}${more > 0 ? ` (+${more} more)` : ''}`, CAPS.topicName),
      value: escapeAndFit(topic.explainSummary, CAPS.topicValue) || 'matched the topic rules',
    });
  }
  const coverage = coverageOf(content);
  if (coverage) fields.push({ name: 'Coverage by side', value: coverage });
  const otherOutlets = outletList(content.alsoReportedBy, CAPS.outletsField);
  if (otherOutlets) fields.push({ name: 'Also reported by', value: otherOutlets });
  const topicNames = content.topics.map((topic) => topic.topicName).join(', ');
  const embed = baseEmbed({
    color: ALERT_COLOR,
    outlet: content.outlet,
    headline: content.headline,
    link: content.link,
    time: content.time,
    footer: topicNames ? `wirewatch alert · ${topicNames}` : 'wirewatch alert',
    fields,
  });
  // Discord loads the image (wirewatch never does): only an https address on a public host is handed on.
  const image = content.image && isPublicHttpsUrl(content.image) ? safeLink(content.image) : null;
  return withDescription(image ? { ...embed, thumbnail: { url: image } } : embed, content.summary.trim());
}

export function renderQuoteAlert(content: QuoteAlertContent): MessageBody {
  const speaker = content.speakerLabel && content.speakerLabel !== content.personName
    ? `${content.personName} (${content.speakerLabel})`
    : content.personName;
  const embed = baseEmbed({
    color: QUOTE_COLOR,
    outlet: content.outlet,
    headline: content.headline,
    link: content.link,
    time: content.time,
    footer: `wirewatch · new quote from ${content.personName}`,
    fields: [],
  });
  return { embeds: [{ ...embed, description: quoteBlock(content.quote, speaker, EMBED_LIMITS.description - 1000) }], allowed_mentions: { parse: [] } };
}

export function renderDevelopmentAlert(content: DevelopmentAlertContent): MessageBody {
  const embed = baseEmbed({
    color: DEVELOPMENT_COLOR,
    outlet: content.outlet,
    headline: content.headline,
    link: content.link,
    time: content.time,
    footer: 'wirewatch · new development in a story you follow',
    fields: [],
  });
  return withDescription(embed, content.development);
}

/**
 * A later report of a story, posted inside the story's forum post or thread (instead of editing the alert): the
 * outlet's headline and link, and the tracked people it newly quotes.
 */
export function renderThreadReply(content: ThreadReplyContent): MessageBody {
  const fields = content.quotes.slice(0, 3).map((quote) => ({
    name: escapeAndFit(`New quote: ${quote.personName}`, CAPS.topicName),
    value: quoteBlock(quote.quote, quote.speakerLabel ?? quote.personName, CAPS.quoteField),
  }));
  const footer = content.newOutlet ? 'wirewatch · another outlet reports this story' : 'wirewatch · newly quoted in this story';
  const embed = baseEmbed({ color: content.quotes.length > 0 ? QUOTE_COLOR : ALERT_COLOR, outlet: content.outlet, headline: content.headline, link: content.link, time: content.time, footer, fields });
  return { embeds: [embed], allowed_mentions: { parse: [] } };
}

function baseEmbed(parts: {
  color: number;
  outlet: string;
  headline: string;
  link: string | null;
  time: string;
  footer: string;
  fields: NonNullable<MessageEmbed['fields']>;
}): MessageEmbed {
  const link = safeLink(parts.link);
  const timestamp = isoTimestamp(parts.time);
  const author = plainDiscordText(parts.outlet, EMBED_LIMITS.authorName);
  return {
    // Titles render markdown, so the headline is escaped; author and footer do not, so they are only cleaned.
    title: escapeAndFit(parts.headline, EMBED_LIMITS.title) || '(untitled)',
    ...(link ? { url: link } : {}),
    color: parts.color,
    ...(author ? { author: { name: author } } : {}),
    footer: { text: plainDiscordText(parts.footer, CAPS.footer) || 'wirewatch' },
    ...(timestamp ? { timestamp } : {}),
    ...(parts.fields.length > 0 ? { fields: parts.fields } : {}),
  };
}

/** Gives the description whatever the rest of the embed leaves of the 6,000 total. */
function withDescription(embed: MessageEmbed, summary: string): MessageBody {
  const used =
    (embed.title?.length ?? 0) + (embed.author?.name.length ?? 0) + (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  const description = escapeAndFit(summary, Math.min(EMBED_LIMITS.description, EMBED_LIMITS.total - used));
  return { embeds: [description ? { ...embed, description } : embed], allowed_mentions: { parse: [] } };
}

function quoteBlock(quote: string, speaker: string, max: number): string {
  const attribution = `\n— ${escapeAndFit(speaker.replace(/\s+/gu, ' '), 200)}`;
  const body = escapeAndFit(quote.replace(/\s+/gu, ' ').trim(), max - attribution.length - 4);
  return `> “${body}”${attribution}`;
}

/** "Reported by 4 outlets: 🇺🇦 2 · 🌐 1 · 🇷🇺 state 1", over the outlets whose side the alert knows; null when it knows none. */
function coverageOf(content: StoryAlertContent): string | null {
  const sides = [content.side, ...content.alsoReportedBy.map((entry) => entry.side)].filter((side): side is string => side !== undefined);
  const line = content.side === undefined ? null : coverageLine(countBadges(sides));
  return line ? escapeAndFit(line, CAPS.coverageField) : null;
}

/** The outlets as a list that fits `max` ("A, B and 3 more"); null when none has a name. */
function outletList(outlets: StoryAlertContent['alsoReportedBy'], max: number): string | null {
  const entries = outlets.flatMap(({ outlet, link }) => {
    const label = plainDiscordText(outlet, 80);
    if (label === '') return [];
    const url = safeLink(link);
    return [url ? maskedLink(label, url) : escapeDiscordText(label)];
  });
  if (entries.length === 0) return null;
  for (let shown = entries.length; shown > 0; shown -= 1) {
    const rest = entries.length - shown;
    const text = entries.slice(0, shown).join(', ') + (rest > 0 ? ` and ${rest} more` : '');
    if (text.length <= max) return text;
  }
  return `${entries.length} outlets`;
}

function isoTimestamp(time: string): string | null {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}
