import {
  compileTopics,
  guildBudgetProblem,
  guildTopicCost,
  guildTopicProblems,
  topicDefinitionSchema,
  topicErrorsFromZod,
  type TopicDefinition,
  type TopicRuleError,
} from '../analysis/topics/index.js';
import type { Person } from '../analysis/people/schema.js';
import { formatJsonPath } from '../config/load-json.js';
import type { GuildTopicStore } from '../store/guild-topics.js';

/** A topic as a guild sees it. */
export interface CatalogueTopic {
  /** The id matching, item_topics and subscriptions use. */
  id: string;
  /** What people type and see: the shipped topic's id, or the slug the guild chose. */
  ref: string;
  origin: 'shipped' | 'guild';
  definition: TopicDefinition;
}

export type TopicDraftCheck = { ok: true; topic: TopicDefinition } | { ok: false; problems: string[] };

/** Shipped topics (config/topics.json) plus each guild's own, and the checks a guild topic must pass. */
export interface TopicCatalogue {
  /** Shipped topics first, then the guild's own. */
  forGuild(guildId: string): Promise<CatalogueTopic[]>;
  /** A topic by what a member typed (a shipped id or the guild's slug) or by its full id; null when unknown here. */
  resolve(guildId: string, ref: string): Promise<CatalogueTopic | null>;
  /**
   * Validates and compiles a guild topic as written (`id` is the guild's slug). Each problem names the part of the
   * definition ("rules.anyOf[0].terms[2]") and what to change. The returned topic carries the full id.
   */
  check(guildId: string, draft: unknown): Promise<TopicDraftCheck>;
  /** Stores a topic `check` accepted; matching picks it up through `onChange`. */
  save(guildId: string, slug: string, topic: TopicDefinition, createdBy: string): Promise<void>;
  remove(guildId: string, slug: string): Promise<boolean>;
  /** Every topic of every guild plus the shipped ones: what the matcher compiles. */
  all(): Promise<TopicDefinition[]>;
}

export interface TopicCatalogueOptions {
  shipped: readonly TopicDefinition[];
  people: readonly Person[];
  store: GuildTopicStore;
  now: () => number;
  /** Called (and awaited) after a guild topic is saved or removed: recompile the matcher. */
  onChange?: () => Promise<void> | void;
}

/** Guild slugs are short so the full id ("g<guild id>-<slug>") stays within the 64 characters of a topic id. */
export const MAX_GUILD_TOPIC_SLUG = 40;

/** The id a guild topic is stored, matched and subscribed under. */
export function guildTopicId(guildId: string, slug: string): string {
  return `g${guildId}-${slug}`;
}

export function createTopicCatalogue(options: TopicCatalogueOptions): TopicCatalogue {
  const { shipped, people, store, now } = options;
  const shippedById = new Map(shipped.map((definition) => [definition.id, definition]));
  const fromShipped = (definition: TopicDefinition): CatalogueTopic => ({ id: definition.id, ref: definition.id, origin: 'shipped', definition });
  const guildTopics = async (guildId: string): Promise<CatalogueTopic[]> =>
    (await store.forGuild(guildId)).flatMap((topic) =>
      topic.definition ? [{ id: topic.topicId, ref: topic.slug, origin: 'guild' as const, definition: topic.definition }] : [],
    );
  const all = (): Promise<TopicDefinition[]> => everyTopic(shipped, store);

  return {
    forGuild: async (guildId) => [...shipped.map(fromShipped), ...await guildTopics(guildId)],
    async resolve(guildId, ref) {
      const wanted = ref.trim().toLowerCase();
      const known = shippedById.get(wanted);
      if (known) return fromShipped(known);
      return (await guildTopics(guildId)).find((topic) => topic.ref === wanted || topic.id === wanted) ?? null;
    },
    async check(guildId, draft) {
      const parsed = topicDefinitionSchema.safeParse(draft);
      if (!parsed.success) return { ok: false, problems: describe(topicErrorsFromZod(parsed.error)) };
      const slug = parsed.data.id;
      if (shippedById.has(slug)) return { ok: false, problems: [`id: "${slug}" is a topic wirewatch ships with; choose another id`] };
      if (slug.length > MAX_GUILD_TOPIC_SLUG) return { ok: false, problems: [`id: at most ${MAX_GUILD_TOPIC_SLUG} characters; choose a shorter id`] };
      const topic = { ...parsed.data, id: guildTopicId(guildId, slug) };
      const compiled = compileTopics([topic], people);
      // compileTopics reports paths from a topics file ("topics[0].rules…"); the guild wrote one topic.
      if (!compiled.ok) return { ok: false, problems: describe(compiled.errors.map((error) => ({ ...error, path: error.path.slice(2) }))) };
      const overLimits = guildTopicProblems(topic, people);
      if (overLimits.length > 0) return { ok: false, problems: describe(overLimits) };
      const othersCost = (await guildTopics(guildId))
        .filter((other) => other.id !== topic.id)
        .reduce((sum, other) => sum + guildTopicCost(other.definition, people), 0);
      const overBudget = guildBudgetProblem(guildTopicCost(topic, people), othersCost);
      if (overBudget) return { ok: false, problems: describe([overBudget]) };
      return { ok: true, topic };
    },
    async save(guildId, slug, topic, createdBy) {
      await store.save({ guildId, slug, definition: topic, createdBy }, now());
      await options.onChange?.();
    },
    async remove(guildId, slug) {
      const removed = await store.remove(guildId, slug);
      if (removed) await options.onChange?.();
      return removed;
    },
    all,
  };
}

/** The shipped topics and every guild's (those whose stored definition still validates), read through `store`. */
export async function everyTopic(shipped: readonly TopicDefinition[], store: Pick<GuildTopicStore, 'all'>): Promise<TopicDefinition[]> {
  return [...shipped, ...(await store.all()).flatMap((topic) => (topic.definition ? [topic.definition] : []))];
}

function describe(errors: readonly TopicRuleError[]): string[] {
  return errors.map((error) => `${formatJsonPath(error.path)}: ${error.message}`);
}
