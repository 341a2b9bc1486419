import type { Person } from '../analysis/people/schema.js';
import { storedExplanation, type TopicMatcher } from '../analysis/topics/index.js';
import { canonicalizeLink } from '../ingest/identity.js';
import { explainWhy, type WhyAnswer, type WhyFacts, type WhyOutboxRow, type WhySubscription, type WhyTopic } from '../pipeline/why.js';
import { publishedTime } from '../services/item-text.js';
import type { Stores } from '../store/index.js';
import type { StoredItem } from '../store/items.js';
import { guildViewer } from '../store/visibility.js';
import type { CommandBackends } from './context.js';
import type { TopicCatalogue } from './topic-catalogue.js';

/** What `/why` asks about: an article by its link, or a story by its id. */
export type WhyQuery = { url: string } | { storyId: string };

/** The answer about one article (for a story: its first report, with what every report brought the guild). */
export interface WhyReport {
  item: { title: string; link: string | null; outlet: string };
  storyTitle: string | null;
  answer: WhyAnswer;
}

export interface WhyBackendDependencies {
  stores: Pick<Stores, 'items' | 'itemTopics' | 'stories' | 'subscriptions' | 'alertDecisions' | 'outbox' | 'quietHolds'>;
  topics: TopicCatalogue;
  people: readonly Person[];
  /** The matcher of the moment: near misses are the item evaluated against the guild's topics now. */
  matcher: () => TopicMatcher;
}

/**
 * Gathers what was stored about an article for one guild and hands it to `explainWhy`. An article the guild may not
 * see (another guild's private feed) and one wirewatch never stored both give null: the answer cannot tell them apart.
 */
export function whyBackend(deps: WhyBackendDependencies): Pick<CommandBackends, 'why'> {
  return {
    why: async (guildId, query) => {
      const viewer = guildViewer(guildId);
      const { stores } = deps;
      let item: StoredItem | null;
      let itemIds: number[];
      let storyTitle: string | null = null;
      if ('url' in query) {
        item = await stores.items.byLink([...new Set([query.url.trim(), canonicalizeLink(query.url)])], viewer);
        itemIds = item ? [item.id] : [];
      } else {
        const story = await stores.stories.byId(query.storyId, viewer);
        itemIds = story ? await stores.stories.itemIds(story.id) : [];
        item = itemIds.length > 0 ? await stores.items.byId(itemIds[0] ?? -1, viewer) : null;
        storyTitle = story?.title ?? null;
      }
      if (!item) return null;
      return { item: { title: item.title, link: item.link, outlet: item.outlet }, storyTitle, answer: explainWhy(await factsFor(deps, guildId, item, itemIds)) };
    },
  };
}

async function factsFor(deps: WhyBackendDependencies, guildId: string, item: StoredItem, itemIds: readonly number[]): Promise<WhyFacts> {
  const { stores } = deps;
  const topicNames = new Map((await deps.topics.forGuild(guildId)).map((topic) => [topic.id, topic.definition.name]));
  const matched: WhyTopic[] = (await stores.itemTopics
    .topicsOf(item.id))
    .flatMap((match) => (topicNames.has(match.topicId) ? [{ topicId: match.topicId, topicName: topicNames.get(match.topicId) ?? match.topicId, explain: storedExplanation(match.explain) }] : []));
  const matchedIds = new Set(matched.map((topic) => topic.topicId));
  const published = new Date(publishedTime(item)).toISOString();
  const unmatched: WhyTopic[] = deps
    .matcher()
    .evaluate({ title: item.title, summary: item.summary, content: item.content, published })
    .flatMap((result) => (topicNames.has(result.topicId) && !matchedIds.has(result.topicId) ? [{ topicId: result.topicId, topicName: topicNames.get(result.topicId) ?? result.topicId, explain: result.explain }] : []));
  const subscriptions: WhySubscription[] = (await stores.subscriptions.listForGuild(guildId)).map((subscription) => ({
    ...subscription,
    targetName: subscription.kind === 'topic'
      ? topicNames.get(subscription.target) ?? subscription.target
      : deps.people.find((person) => person.id === subscription.target)?.name ?? subscription.target,
  }));
  const decisions = await stores.alertDecisions.forItems(itemIds, guildId);
  const outbox = new Map<number, WhyOutboxRow>();
  for (const { outboxId } of decisions) {
    const row = outboxId === null ? null : await stores.outbox.byId(outboxId);
    if (!row || outboxId === null) continue;
    const hold = await stores.quietHolds.stateOf(outboxId);
    outbox.set(outboxId, { status: row.status, attempts: row.attempts, quietHold: hold ? { released: hold.releasedAt !== null } : null });
  }
  const publishedAt = item.published ? Date.parse(item.published) : Number.NaN;
  return {
    item: { id: item.id, fromInitialPoll: item.fromInitialPoll, fetchedAt: item.fetchedAt, publishedAt: Number.isNaN(publishedAt) ? null : publishedAt },
    matched,
    unmatched,
    subscriptions,
    decisions,
    outbox,
  };
}
