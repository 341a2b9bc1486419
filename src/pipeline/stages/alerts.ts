import { bareQuote } from '../../analysis/quotes/display.js';
import { resolvePerspective, sideBadge, type Perspective } from '../../analysis/sides/index.js';
import type { StoryAssignment } from '../../analysis/stories/index.js';
import { detectDevelopment, type DevelopmentReport } from '../../analysis/stories/development.js';
import { briefExplanation, type TopicMatch } from '../../analysis/topics/index.js';
import type { AlertPlanningInput, PersonQuote } from '../alert-planning.js';
import type { FeedStore } from '../../store/feeds.js';
import type { QuoteStore, StoredQuote } from '../../store/quotes.js';
import type { StoryStore } from '../../store/stories.js';
import type { ItemStore, StoredItem } from '../../store/items.js';
import { guildViewer, OPERATOR, type Viewer } from '../../store/visibility.js';
import { rankStoredQuotes } from '../../services/rank-stored-quotes.js';
import { ledeOf } from '../../services/item-text.js';

/** What the earlier stages found for the item: the values they returned, not read back from their tables. */
export interface ItemFindings {
  /** Best first, as the matcher ranked them. */
  topics: readonly TopicMatch[];
  /** The item's direct quotes as the quote store merged them, most widely carried first. */
  quotes: readonly StoredQuote[];
  story: StoryAssignment;
}

export interface AlertStageDependencies {
  feeds: FeedStore;
  items: ItemStore;
  stories: StoryStore;
  quotes: QuoteStore;
  topicName: (topicId: string) => string;
  principalIds: ReadonlySet<string>;
  /** config/perspectives.json: alerts show the story's coverage by side. */
  perspectives: readonly Perspective[];
  /** Whether anyone follows one of these topics or people: nothing else is worth building an alert for. */
  isFollowed: (followed: { topicIds: readonly string[]; personIds: readonly string[] }) => Promise<boolean>;
}

/** Key quotes come from the story's latest reports: enough to find the one that matters, bounded for big stories. */
const KEY_QUOTE_REPORTS = 25;

/**
 * The alerts a new item makes for whoever follows what it matched or quoted. A public feed's item is one alert for
 * every guild; a guild-added feed's item is one alert for each guild that added the feed, in that guild's words (its
 * name for the outlet), addressed to it alone. What concerns the story's other reports (outlets, key quote, earlier
 * reports) is read from the store as that guild may see it.
 */
export async function alertsFor(item: StoredItem, found: ItemFindings, deps: AlertStageDependencies): Promise<AlertPlanningInput[]> {
  const quotesByPerson = personQuotes(item, found.quotes);
  const followed = { topicIds: found.topics.map((match) => match.topicId), personIds: quotesByPerson.map((quote) => quote.personId) };
  if (!(await deps.isFollowed(followed))) return [];
  const audiences: { viewer: Viewer; guildIds: string[] | null }[] = item.privateFeedId === null
    ? [{ viewer: OPERATOR, guildIds: null }]
    : (await deps.feeds.owners(item.privateFeedId)).map(({ guildId }) => ({ viewer: guildViewer(guildId), guildIds: [guildId] }));
  const alerts: AlertPlanningInput[] = [];
  for (const { viewer, guildIds } of audiences) {
    // Read again as the guild sees it: under its own name for the outlet.
    const seen = guildIds === null ? item : await deps.items.byId(item.id, viewer);
    if (seen) alerts.push(await buildAlert(seen, found, quotesByPerson, deps, viewer, guildIds));
  }
  return alerts;
}

async function buildAlert(
  item: StoredItem,
  found: ItemFindings,
  quotesByPerson: readonly PersonQuote[],
  deps: AlertStageDependencies,
  viewer: Viewer,
  audience: string[] | null,
): Promise<AlertPlanningInput> {
  const { storyId } = found.story;
  const storyItemIds = await deps.stories.itemIds(storyId);
  const keyQuote = rankStoredQuotes(await deps.quotes.topQuotesForItems(storyItemIds.slice(-KEY_QUOTE_REPORTS), viewer), deps.principalIds, 1)[0];
  const badge = (perspective: string) => sideBadge(resolvePerspective(perspective, deps.perspectives));
  const outlets = await deps.stories.outletsOf(storyId, viewer);
  return {
    item: {
      id: item.id,
      title: item.title,
      link: item.link,
      outlet: item.outlet,
      publishedAt: item.published,
      fetchedAt: item.fetchedAt,
      summary: item.summary,
      imageUrl: item.imageUrl,
      side: badge(item.perspective),
    },
    story: {
      id: storyId,
      isNew: found.story.isNew,
      outlets: outlets.map((entry) => entry.outlet),
      itemCount: storyItemIds.length,
      outletSides: Object.fromEntries(outlets.map((entry) => [entry.outlet, badge(entry.perspective)])),
    },
    topics: found.topics.map((match) => ({
      topicId: match.topicId,
      topicName: deps.topicName(match.topicId),
      explainSummary: briefExplanation(match.explain),
    })),
    keyQuote: keyQuote ? { quote: keyQuote.quote, speaker: keyQuote.speaker, speakerLabel: keyQuote.speakerLabel ?? null } : null,
    quotesByPerson,
    audience,
    development: await developmentOf(item, found.quotes, storyItemIds, deps, viewer),
  };
}

/** The item's quotes of tracked people; new when this item is the quotation's first report. */
function personQuotes(item: StoredItem, quotes: readonly StoredQuote[]): PersonQuote[] {
  return quotes.flatMap((quote) =>
    quote.speakerId && quote.speaker
      ? [{ personId: quote.speakerId, personName: quote.speaker, quote: bareQuote(quote.quote), speakerLabel: quote.speakerLabel, isNew: quote.firstSource.itemId === item.id }]
      : [],
  );
}

/** What the item adds to its story, read against the story's earlier reports (the latest of them, for big stories). */
async function developmentOf(
  item: StoredItem,
  itemQuotes: readonly StoredQuote[],
  storyItemIds: readonly number[],
  deps: AlertStageDependencies,
  viewer: Viewer,
): Promise<{ summary: string } | null> {
  const earlierIds = storyItemIds.filter((id) => id !== item.id).slice(-KEY_QUOTE_REPORTS);
  if (earlierIds.length === 0) return null;
  const seen = new Map((await deps.items.byIds(earlierIds, viewer)).map((report) => [report.id, report]));
  const reports = earlierIds.flatMap((id) => seen.get(id) ?? []);
  const reportQuotes = await deps.quotes.topQuotesByItem(reports.map((report) => report.id), viewer);
  const earlier = reports.map((report, index) => developmentReport(report, reportQuotes[index] ?? [], deps.principalIds));
  const development = detectDevelopment(developmentReport(item, itemQuotes, deps.principalIds), earlier);
  return development ? { summary: development.summary } : null;
}

function developmentReport(item: StoredItem, quotes: readonly StoredQuote[], principalIds: ReadonlySet<string>): DevelopmentReport {
  const quotedPrincipals = quotes.flatMap((quote) =>
    quote.speakerId && quote.speaker && principalIds.has(quote.speakerId) ? [{ id: quote.speakerId, name: quote.speaker }] : [],
  );
  return { title: item.title, lede: ledeOf(item), quotedPrincipals };
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
