import type { Person } from '../../../src/analysis/people/schema.js';
import type { TopicDefinition } from '../../../src/analysis/topics/index.js';
import { loadPerspectives } from '../../../src/config/perspectives.js';
import type { BotContext, CommandBackends } from '../../../src/discord/context.js';
import { createTopicCatalogue, type TopicCatalogue } from '../../../src/discord/topic-catalogue.js';
import type { CommandRegistryStore } from '../../../src/store/command-registry.js';
import type { FeedStore } from '../../../src/store/feeds.js';
import type { Stores } from '../../../src/store/index.js';
import type { ItemTopicStore } from '../../../src/store/item-topics.js';
import type { ItemStore } from '../../../src/store/items.js';
import { createCommandLimits } from '../../../src/discord/rate-limits.js';
import type { QuoteHit } from '../../../src/store/quote-search.js';
import type { SubscriptionStore } from '../../../src/store/subscriptions.js';
import { openTestStores } from '../../support/stores.js';

export const PEOPLE: Person[] = [
  { id: 'steve-witkoff', name: 'Steve Witkoff', role: 'U.S. special envoy for peace missions', aliases: ['Witkoff'], titles: ['the U.S. envoy'], principal: true },
  { id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky', role: 'President of Ukraine', aliases: ['Zelensky', 'Zelenskyy'], titles: ['the Ukrainian president'], principal: true },
  { id: 'vladimir-putin', name: 'Vladimir Putin', role: 'President of Russia', aliases: ['Putin'], titles: ['the Russian president'], principal: true },
];

/** The shipped perspectives (config/perspectives.json). */
export const PERSPECTIVES = loadPerspectives('config');

export const SHIPPED_TOPICS: TopicDefinition[] = [
  {
    id: 'crimea',
    name: 'Crimea',
    description: 'The status of the Crimean peninsula in a settlement: recognition, return, the Kerch bridge.',
    threshold: 3,
    rules: { anyOf: [{ terms: ['Crimea', 'Crimean peninsula', 'Kerch bridge'], weight: 1 }], ignore: ['Crimean-Congo'] },
  },
  {
    id: 'security-guarantees',
    name: 'Security guarantees',
    description: 'Guarantees for Ukraine after a ceasefire: Article 5-like commitments, reassurance forces.',
    threshold: 3,
    rules: { anyOf: [{ terms: ['security guarantee*', 'Article 5', 'reassurance force'], weight: 1 }] },
  },
];

export const WITKOFF_HIT: QuoteHit = {
  id: 7,
  quote: 'We got to an agreement that the United States and other European nations could offer Article 5-like protection',
  kind: 'full',
  speaker: 'Steve Witkoff',
  speakerId: 'steve-witkoff',
  speakerType: 'person',
  speakerLabel: 'Trump’s special envoy',
  cue: 'told',
  to: 'CNN',
  confidence: 0.93,
  firstReportedAt: Date.UTC(2025, 7, 17, 14, 5),
  firstSource: {
    itemId: 41,
    outlet: 'Kyiv Independent',
    title: 'Witkoff says Putin agreed to allow Western security guarantees for Ukraine',
    link: 'https://kyivindependent.com/witkoff-says-putin-agreed-to-security-guarantees/',
    published: '2025-08-17T14:00:00Z',
    reportedAt: Date.UTC(2025, 7, 17, 14, 5),
  },
  sourceCount: 4,
  outletCount: 3,
  score: 0.98,
  matchedBy: 'phrase',
};

export interface LoggedEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  context: unknown;
  message: string | undefined;
}

export function recordingLogger(): BotContext['logger'] & { entries: LoggedEntry[]; errors(): LoggedEntry[] } {
  const entries: LoggedEntry[] = [];
  const log = (level: LoggedEntry['level']) => (context: unknown, message?: string) => {
    entries.push({ level, context, message });
  };
  return {
    entries,
    errors: () => entries.filter((entry) => entry.level === 'error'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  } as BotContext['logger'] & { entries: LoggedEntry[]; errors(): LoggedEntry[] };
}

export function notWired(name: string): () => Promise<never> {
  return async () => {
    throw new Error(`${name} is not wired in this test`);
  };
}

export interface TestContext {
  context: BotContext;
  stores: Stores;
  feeds: FeedStore;
  items: ItemStore;
  itemTopics: ItemTopicStore;
  subscriptions: SubscriptionStore;
  registry: CommandRegistryStore;
  catalogue: TopicCatalogue;
  logger: ReturnType<typeof recordingLogger>;
  clock: { time: number };
  feedsChanged: number;
}

/** A context over fresh test stores (or the ones given), with the backends the test gives and the rest failing loudly. */
export async function testContext(backends: Partial<CommandBackends> = {}, given?: Stores): Promise<TestContext> {
  const stores = given ?? (await openTestStores());
  const clock = { time: Date.UTC(2025, 7, 18, 9, 0) };
  const { feeds, items, itemTopics: itemTopicStore, subscriptions } = stores;
  const logger = recordingLogger();
  const catalogue = createTopicCatalogue({ shipped: SHIPPED_TOPICS, people: PEOPLE, store: stores.guildTopics, now: () => clock.time });
  const result: TestContext = {
    stores,
    feeds,
    items,
    itemTopics: itemTopicStore,
    subscriptions,
    registry: stores.commandRegistry,
    catalogue,
    logger,
    clock,
    feedsChanged: 0,
    context: {
      stores: { feeds, items, itemTopics: itemTopicStore, subscriptions, stories: stores.stories },
      topics: catalogue,
      people: PEOPLE,
      perspectives: PERSPECTIVES,
      backends: {
        whoSaid: notWired('whoSaid'),
        summarizeTopic: notWired('summarizeTopic'),
        summarizeStory: notWired('summarizeStory'),
        storySides: notWired('storySides'),
        summarizeUrl: notWired('summarizeUrl'),
        quotes: notWired('quotes'),
        digestPreview: notWired('digestPreview'),
        validateFeed: notWired('validateFeed'),
        readAttachment: notWired('readAttachment'),
        storyChoices: notWired('storyChoices'),
        why: notWired('why'),
        ...backends,
      },
      limits: createCommandLimits(() => clock.time),
      newFeedIntervalSeconds: 600,
      feedsChanged: () => {
        result.feedsChanged += 1;
      },
      now: () => clock.time,
      logger,
    },
  };
  return result;
}
