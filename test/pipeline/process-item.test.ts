import { describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../src/analysis/stories/index.js';
import { compileTopics, topicsFileSchema } from '../../src/analysis/topics/index.js';
import { loadPeople } from '../../src/config/app-config.js';
import type { AlertPlanningInput } from '../../src/pipeline/alert-planning.js';
import type { ItemPipeline } from '../../src/pipeline/process-item.js';
import { createPendingProcessor } from '../../src/pipeline/process-pending.js';
import { ScopedClusterers } from '../../src/pipeline/stages/stories.js';
import type { Stores } from '../../src/store/index.js';
import { openTestStores } from '../support/stores.js';

const GUILD_A = '140000000000000001';
const GUILD_B = '140000000000000002';
const people = loadPeople('config');
const topicsFile = topicsFileSchema.parse({
  topics: [{ id: 'ceasefire', name: 'Ceasefire', description: 'Talk of a ceasefire.', threshold: 1, rules: { anyOf: [{ terms: ['ceasefire'], weight: 1 }] } }],
});
const compiled = compileTopics(topicsFile.topics, people);
if (!compiled.ok) throw new Error('the test topic compiles');
const matcher = compiled.matcher;

const ARTICLE = {
  guid: null,
  link: 'https://wire.example/a',
  author: null,
  summary: '“We are ready to sign a ceasefire within days, not weeks,” Volodymyr Zelensky told reporters in Kyiv on Monday.',
  content: '',
  published: null,
};

interface Run {
  stores: Stores;
  delivered: AlertPlanningInput[];
  stageErrors: { stage: string; itemId: number }[];
  processPending: () => Promise<number>;
}

/**
 * Fresh stores, the pipeline over them (headless: every topic match is followed) and what it did. `overrides` get the
 * stores of the batch's transaction.
 */
async function pipelineRun(overrides: (tx: Stores) => Partial<ItemPipeline> = () => ({}), beforeBatch?: (tx: Stores) => Promise<boolean>): Promise<Run> {
  const stores = await openTestStores();
  const delivered: AlertPlanningInput[] = [];
  const stageErrors: { stage: string; itemId: number }[] = [];
  const processor = createPendingProcessor({
    stores,
    pipelineIn: (tx) => ({
      ...{ feeds: tx.feeds, items: tx.items, itemTopics: tx.itemTopics, quotes: tx.quotes, stories: tx.stories },
      matcher: () => matcher,
      topicName: (id) => (id === 'ceasefire' ? 'Ceasefire' : id),
      people,
      clusterers: new ScopedClusterers(() => new StoryClusterer({ windowHours: 48 })),
      peopleNamedIn: () => [],
      principalIds: new Set(['volodymyr-zelensky']),
      perspectives: [],
      isFollowed: async ({ topicIds }) => topicIds.length > 0,
      deliver: async (alert) => {
        delivered.push(alert);
      },
      ...overrides(tx),
    }),
    now: () => 10_000,
    onStageError: (_error, stage, itemId) => stageErrors.push({ stage, itemId }),
    ...(beforeBatch ? { beforeBatch } : {}),
  });
  return { stores, delivered, stageErrors, processPending: () => processor.processPending() };
}

async function addItem(run: Run, title: string, options: { initialPoll?: boolean; feedUrl?: string } = {}): Promise<number> {
  const feed = await run.stores.feeds.register({ url: options.feedUrl ?? 'https://wire.example/rss', outlet: 'Wire', fullText: false, intervalSeconds: 600, origin: 'config' }, 0);
  const [id = 0] = await run.stores.items.insertNew(feed.id, [{ ...ARTICLE, identity: title, title }], 1_000, options.initialPoll ?? false);
  return id;
}

describe('processItem: topics → quotes → story → alerts', () => {
  it('builds the alert from what the stages returned and processes the item once', async () => {
    const run = await pipelineRun();
    const itemId = await addItem(run, 'Zelensky ready to sign a ceasefire');
    expect(await run.processPending()).toBe(1);
    expect(await run.processPending()).toBe(0);
    expect(run.stageErrors).toEqual([]);
    expect(run.delivered).toHaveLength(1);
    expect(run.delivered[0]).toMatchObject({
      item: { id: itemId, outlet: 'Wire' },
      story: { id: await run.stores.stories.storyOfItem(itemId), isNew: true, outlets: ['Wire'], itemCount: 1 },
      topics: [{ topicId: 'ceasefire', topicName: 'Ceasefire', explainSummary: expect.stringContaining('"ceasefire" in the title') }],
      quotesByPerson: [{ personId: 'volodymyr-zelensky', personName: 'Volodymyr Zelensky', isNew: true }],
      audience: null,
      development: null,
    });
    // What the stages returned is also what they stored.
    expect((await run.stores.itemTopics.topicsOf(itemId)).map((match) => match.topicId)).toEqual(['ceasefire']);
  });

  it('undoes only a failing stage’s writes, logs it and goes on with nothing found for it', async () => {
    const run = await pipelineRun((stores) => ({
      quotes: Object.assign(Object.create(stores.quotes) as typeof stores.quotes, {
        async saveForItem(...args: Parameters<typeof stores.quotes.saveForItem>) {
          await stores.quotes.saveForItem(...args);
          throw new Error('disk full after writing');
        },
      }),
    }));
    const itemId = await addItem(run, 'Zelensky ready to sign a ceasefire');
    expect(await run.processPending()).toBe(1);
    expect(run.stageErrors).toEqual([{ stage: 'quotes', itemId }]);
    expect(await run.stores.quotes.topQuotesForItems([itemId], { operator: true })).toEqual([]);
    // The stages after it still ran: the item has its story and alerts, without quotes.
    expect(await run.stores.stories.storyOfItem(itemId)).not.toBeNull();
    expect(run.delivered).toMatchObject([{ item: { id: itemId }, quotesByPerson: [] }]);
  });

  it('makes no alert without a story, nor for a feed’s first poll', async () => {
    const run = await pipelineRun((stores) => ({
      stories: Object.assign(Object.create(stores.stories) as typeof stores.stories, {
        addMember() {
          throw new Error('constraint failed');
        },
      }),
    }));
    const itemId = await addItem(run, 'Ceasefire talks resume');
    await run.processPending();
    expect(run.stageErrors).toEqual([{ stage: 'stories', itemId }]);
    expect(await run.stores.itemTopics.topicsOf(itemId)).toHaveLength(1);
    expect(run.delivered).toEqual([]);

    const firstPoll = await pipelineRun();
    await addItem(firstPoll, 'Ceasefire talks resume', { initialPoll: true });
    await firstPoll.processPending();
    expect(firstPoll.delivered).toEqual([]);
  });

  it('alerts each guild that added a private feed, alone and in its own words', async () => {
    const run = await pipelineRun();
    const url = 'https://insider.example/rss';
    const feed = await run.stores.feeds.addForGuild(GUILD_A, { url, outlet: 'A’s tip line', fullText: false, intervalSeconds: 600 }, 0);
    await run.stores.feeds.addForGuild(GUILD_B, { url, outlet: 'B’s source', fullText: false, intervalSeconds: 600 }, 0);
    const [itemId = 0] = await run.stores.items.insertNew(feed.id, [{ ...ARTICLE, identity: 'x', title: 'Ceasefire within days' }], 1_000, false);
    await run.processPending();
    expect(run.delivered).toMatchObject([
      { item: { id: itemId, outlet: 'A’s tip line' }, audience: [GUILD_A], story: { outlets: ['A’s tip line'] } },
      { item: { id: itemId, outlet: 'B’s source' }, audience: [GUILD_B], story: { outlets: ['B’s source'] } },
    ]);
  });

  it('asks before each batch, inside its transaction, and processes nothing when the answer is no (analysis moved elsewhere)', async () => {
    let leads = false;
    const asked: number[] = [];
    const run = await pipelineRun(undefined, async (tx) => {
      asked.push((await tx.items.unprocessed(10)).length);
      return leads;
    });
    await addItem(run, 'Zelensky ready to sign a ceasefire');
    expect(await run.processPending()).toBe(0);
    expect(run.delivered).toEqual([]);
    leads = true;
    expect(await run.processPending()).toBe(1);
    expect(run.delivered).toHaveLength(1);
    // Asked again before the batch that found nothing left.
    expect(asked).toEqual([1, 1, 0]);
  });
});
