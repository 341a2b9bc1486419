import { bareQuote } from '../../analysis/quotes/display.js';
import { detectDevelopment, type DevelopmentReport } from '../../analysis/stories/development.js';
import { briefExplanation, storedExplanation } from '../../analysis/topics/index.js';
import type { AlertPlanningInput } from '../alert-planning.js';
import type { FeedStore } from '../../store/feeds.js';
import type { ItemTopicStore } from '../../store/item-topics.js';
import type { QuoteStore } from '../../store/quotes.js';
import type { StoryStore } from '../../store/stories.js';
import type { ItemStore, StoredItem } from '../../store/items.js';
import { guildViewer, OPERATOR, type Viewer } from '../../store/visibility.js';
import { rankStoredQuotes } from '../../services/rank-stored-quotes.js';
import type { ItemStage } from '../item-stage.js';
import { ledeOf } from '../item-text.js';

export interface AlertStageDependencies {
  feeds: FeedStore;
  items: ItemStore;
  itemTopics: ItemTopicStore;
  stories: StoryStore;
  quotes: QuoteStore;
  topicName: (topicId: string) => string;
  principalIds: ReadonlySet<string>;
  /** Whether anyone follows one of these topics or people: nothing else is worth building an alert for. */
  isFollowed: (followed: { topicIds: readonly string[]; personIds: readonly string[] }) => boolean;
  /** Where alerts go: the Discord outbox, or the terminal when running headless. */
  deliver: (alert: AlertPlanningInput) => void;
}

/** Key quotes come from the story's latest reports: enough to find the one that matters, bounded for big stories. */
const KEY_QUOTE_REPORTS = 25;

/**
 * Turns what the earlier stages stored about a new item (topics, story, quotes) into an alert for whoever follows
 * it. Items from a feed's first poll never alert. A public feed's item is one alert for every guild; a guild-added
 * feed's item is one alert for each guild that added the feed, in that guild's words (its name for the outlet),
 * addressed to it alone.
 */
export function alertStage(deps: AlertStageDependencies): ItemStage {
  return {
    name: 'alerts',
    process(item) {
      if (item.fromInitialPoll) return;
      const audiences: { viewer: Viewer; guildIds: string[] | null }[] = item.privateFeedId === null
        ? [{ viewer: OPERATOR, guildIds: null }]
        : deps.feeds.owners(item.privateFeedId).map(({ guildId }) => ({ viewer: guildViewer(guildId), guildIds: [guildId] }));
      for (const audience of audiences) {
        const alert = buildAlert(item, deps, audience.viewer, audience.guildIds);
        if (alert) deps.deliver(alert);
      }
    },
  };
}

function buildAlert(stored: StoredItem, deps: AlertStageDependencies, viewer: Viewer, audience: string[] | null): AlertPlanningInput | null {
  // Read again as the guild sees it: under its own name for the outlet.
  const item = audience === null ? stored : deps.items.byId(stored.id, viewer);
  if (!item) return null;
  const topics = deps.itemTopics.topicsOf(item.id);
  const quotesByPerson = deps.quotes.topQuotesForItems([item.id], viewer).flatMap((quote) =>
    quote.speakerId && quote.speaker
      ? [{ personId: quote.speakerId, personName: quote.speaker, quote: bareQuote(quote.quote), speakerLabel: quote.speakerLabel, isNew: quote.firstSource.itemId === item.id }]
      : [],
  );
  const followed = { topicIds: topics.map((match) => match.topicId), personIds: quotesByPerson.map((quote) => quote.personId) };
  if (!deps.isFollowed(followed)) return null;
  const storyId = deps.stories.storyOfItem(item.id);
  if (storyId === null) return null;
  const storyItemIds = deps.stories.itemIds(storyId);
  const keyQuote = rankStoredQuotes(deps.quotes.topQuotesForItems(storyItemIds.slice(-KEY_QUOTE_REPORTS), viewer), deps.principalIds, 1)[0];
  return {
    item: {
      id: item.id,
      title: item.title,
      link: item.link,
      outlet: item.outlet,
      publishedAt: item.published,
      fetchedAt: item.fetchedAt,
      summary: item.summary,
    },
    story: { id: storyId, isNew: storyItemIds.length === 1, outlets: deps.stories.outletsOf(storyId, viewer), itemCount: storyItemIds.length },
    topics: topics.map((match) => ({
      topicId: match.topicId,
      topicName: deps.topicName(match.topicId),
      explainSummary: explanationSummary(match.explain),
    })),
    keyQuote: keyQuote ? { quote: keyQuote.quote, speaker: keyQuote.speaker, speakerLabel: keyQuote.speakerLabel ?? null } : null,
    quotesByPerson,
    audience,
    development: developmentOf(item, storyItemIds, deps, viewer),
  };
}

/** What the item adds to its story, read against the story's earlier reports (the latest of them, for big stories). */
function developmentOf(item: StoredItem, storyItemIds: readonly number[], deps: AlertStageDependencies, viewer: Viewer): { summary: string } | null {
  const earlierIds = storyItemIds.filter((id) => id !== item.id).slice(-KEY_QUOTE_REPORTS);
  if (earlierIds.length === 0) return null;
  const earlier = earlierIds.flatMap((id) => {
    const report = deps.items.byId(id, viewer);
    return report ? [developmentReport(report, deps, viewer)] : [];
  });
  const development = detectDevelopment(developmentReport(item, deps, viewer), earlier);
  return development ? { summary: development.summary } : null;
}

function developmentReport(item: StoredItem, deps: AlertStageDependencies, viewer: Viewer): DevelopmentReport {
  const quotedPrincipals = deps.quotes
    .topQuotesForItems([item.id], viewer)
    .flatMap((quote) => (quote.speakerId && quote.speaker && deps.principalIds.has(quote.speakerId) ? [{ id: quote.speakerId, name: quote.speaker }] : []));
  return { title: item.title, lede: ledeOf(item), quotedPrincipals };
}

/** Stored explanations are the matcher's; one that does not look like one (an older format) explains nothing. */
function explanationSummary(explain: unknown): string {
  const stored = storedExplanation(explain);
  return stored ? briefExplanation(stored) : '';
}

/** Headless mode: an alert is a line on the terminal, for items that matched a topic; null for the rest. */
export function terminalAlertLine(alert: AlertPlanningInput): string | null {
  if (alert.topics.length === 0) return null;
  const { item, story, topics } = alert;
  let line = `[${item.outlet}] ${item.title}${item.link ? ` — ${item.link}` : ''}`;
  if (topics.length > 0) line += ` [topics: ${topics.map((topic) => topic.topicId).join(', ')}]`;
  const others = story.outlets.filter((outlet) => outlet !== item.outlet);
  if (!story.isNew && others.length > 0) line += ` (same story as ${others.join(', ')})`;
  return line;
}
