import { describe, expect, it } from 'vitest';
import { GUILD_TOPIC_LIMITS, type TopicDefinition } from '../../../src/analysis/topics/index.js';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { commandDefinitions, definitionsHash, registerCommandsIfChanged, registrationScope } from '../../../src/discord/register-commands.js';
import { createTopicCatalogue, everyTopic, guildTopicId } from '../../../src/discord/topic-catalogue.js';
import { PEOPLE, SHIPPED_TOPICS } from './fakes.js';
import { openTestStores, execute } from '../../support/stores.js';

const GUILD_A = '1400000000000000001';
const GUILD_B = '1400000000000000002';

async function catalogue() {
  const stores = await openTestStores();
  const changes: TopicDefinition[][] = [];
  const store = stores.guildTopics;
  // What matching would see when told of a change: every topic, read at that moment.
  const onChange = async () => void changes.push(await everyTopic(SHIPPED_TOPICS, store));
  return { stores, store, changes, topics: createTopicCatalogue({ shipped: SHIPPED_TOPICS, people: PEOPLE, store, now: () => 1_000, onChange }) };
}

const draft = (overrides: Record<string, unknown> = {}) => ({
  id: 'drone-strikes',
  name: 'Drone strikes',
  description: 'Drone attacks on Ukrainian cities and Russian refineries.',
  threshold: 3,
  rules: { anyOf: [{ terms: ['drone strike*', 'Shahed', { person: 'vladimir-putin' }] }], context: ['Ukrain*'] },
  ...overrides,
});

describe('the topic catalogue', () => {
  it('keeps each guild’s topics to itself under a namespaced id, and tells matching when they change', async () => {
    const { topics, changes } = await catalogue();
    const checked = await topics.check(GUILD_A, draft());
    if (!checked.ok) throw new Error(checked.problems.join('\n'));
    expect(checked.topic.id).toBe(guildTopicId(GUILD_A, 'drone-strikes'));
    await topics.save(GUILD_A, 'drone-strikes', checked.topic, '1400000000000000009');

    expect(await topics.resolve(GUILD_A, 'Drone-Strikes')).toMatchObject({ id: `g${GUILD_A}-drone-strikes`, ref: 'drone-strikes', origin: 'guild' });
    expect(await topics.resolve(GUILD_B, 'drone-strikes')).toBeNull();
    expect(await topics.resolve(GUILD_B, `g${GUILD_A}-drone-strikes`)).toBeNull();
    expect((await topics.forGuild(GUILD_A)).map((topic) => topic.ref)).toEqual(['crimea', 'security-guarantees', 'drone-strikes']);
    expect((await topics.forGuild(GUILD_B)).map((topic) => topic.ref)).toEqual(['crimea', 'security-guarantees']);
    expect(changes.at(-1)?.map((topic) => topic.id)).toEqual(['crimea', 'security-guarantees', `g${GUILD_A}-drone-strikes`]);

    expect(await topics.remove(GUILD_A, 'drone-strikes')).toBe(true);
    expect(await topics.remove(GUILD_A, 'drone-strikes')).toBe(false);
    expect(changes).toHaveLength(2);
    expect((await topics.all()).map((topic) => topic.id)).toEqual(['crimea', 'security-guarantees']);
  });

  it('says which part of a definition is wrong and why', async () => {
    const { topics } = await catalogue();
    const problems = async (value: unknown) => {
      const checked = await topics.check(GUILD_A, value);
      return checked.ok ? [] : checked.problems;
    };
    expect(await problems(draft({ id: 'Drone Strikes' }))).toEqual(['id: use lower-case words joined by hyphens, e.g. "security-guarantees"']);
    expect(await problems(draft({ id: 'crimea' }))).toEqual(['id: "crimea" is a topic wirewatch ships with; choose another id']);
    expect(await problems(draft({ rules: { anyOf: [{ terms: ['drone strike'], wieght: 2 }] } }))).toEqual(['rules.anyOf[0]: unknown key "wieght": did you mean "weight"?']);
    expect((await problems(draft({ rules: { anyOf: [{ terms: [{ person: 'boris-johnson' }] }] } })))[0]).toMatch(/^rules\.anyOf\[0\]\.terms\[0\]\.person: unknown person "boris-johnson"/u);
    expect((await problems(draft({ threshold: 50 })))[0]).toMatch(/^threshold: threshold 50 can never be reached/u);
    expect(await problems(draft({ rules: { context: ['Kyiv'] } }))).toEqual(['rules: rules need something that scores: add "anyOf", "allOf" or "near"']);
  });

  it('holds a server to its budget of match units across its topics, counting an edited topic once', async () => {
    const { topics } = await catalogue();
    // 4 + 20 words: 24 units each; other servers' topics do not count.
    const costly = (id: string) => draft({ id, rules: { anyOf: [{ terms: Array.from({ length: 20 }, (_, index) => `word${id.replaceAll('-', '')}${index}`) }] } });
    const perTopic = 24;
    const fitting = Math.floor(GUILD_TOPIC_LIMITS.costPerGuild / perTopic);
    for (let index = 0; index < fitting; index += 1) {
      const checked = await topics.check(GUILD_A, costly(`topic-${index}`));
      if (!checked.ok) throw new Error(checked.problems.join('\n'));
      await topics.save(GUILD_A, `topic-${index}`, checked.topic, '1400000000000000009');
    }
    const over = await topics.check(GUILD_A, costly('one-more'));
    expect(over.ok ? [] : over.problems).toEqual([
      `rules: these rules cost ${perTopic} match units and this server's other topics ${fitting * perTopic}, over the ${GUILD_TOPIC_LIMITS.costPerGuild} a server may use: use fewer terms, stems (*) or near pairs, or delete a topic you no longer need with /topic delete`,
    ]);
    expect((await topics.check(GUILD_A, costly('topic-0'))).ok).toBe(true);
    expect((await topics.check(GUILD_B, costly('one-more'))).ok).toBe(true);
  });

  it('leaves a stored topic whose JSON no longer validates out of matching', async () => {
    const { stores, topics } = await catalogue();
    await execute(stores, `INSERT INTO guild_topics VALUES (?, 'broken', ?, '{"id": 3}', 'someone', 1, 1)`, GUILD_A, guildTopicId(GUILD_A, 'broken'));
    expect((await topics.forGuild(GUILD_A)).map((topic) => topic.ref)).toEqual(['crimea', 'security-guarantees']);
    expect(await topics.all()).toHaveLength(2);
  });
});

describe('registering commands at start-up', () => {
  it('registers once per definition set and scope', async () => {
    const registry = (await openTestStores()).commandRegistry;
    const puts: { route: string; body: unknown }[] = [];
    const rest = { put: async (route: string, options?: { body?: unknown }) => puts.push({ route, body: options?.body }) };
    const definitions = commandDefinitions(slashCommands);
    const target = { applicationId: '1300000000000000001', guildId: GUILD_A, definitions };

    expect(await registerCommandsIfChanged(rest as never, target, registry, 1)).toBe(true);
    expect(await registerCommandsIfChanged(rest as never, target, registry, 2)).toBe(false);
    expect(puts.map((put) => put.route)).toEqual([`/applications/1300000000000000001/guilds/${GUILD_A}/commands`]);
    expect(await registerCommandsIfChanged(rest as never, { applicationId: '1300000000000000001', definitions }, registry, 3)).toBe(true);
    expect(puts.at(-1)?.route).toBe('/applications/1300000000000000001/commands');

    const changed = definitions.map((definition) => (definition.name === 'topics' ? { ...definition, description: 'Every topic wirewatch follows' } : definition));
    expect(definitionsHash(changed)).not.toBe(definitionsHash(definitions));
    expect(await registerCommandsIfChanged(rest as never, { ...target, definitions: changed }, registry, 4)).toBe(true);
    expect(await registry.hashFor(registrationScope('1300000000000000001', GUILD_A))).toBe(definitionsHash(changed));
  });

  it('records nothing when Discord refuses, so the next start tries again', async () => {
    const registry = (await openTestStores()).commandRegistry;
    const failing = { put: async () => Promise.reject(new Error('503 Service Unavailable')) };
    const target = { applicationId: '1300000000000000001', definitions: commandDefinitions(slashCommands) };
    await expect(registerCommandsIfChanged(failing as never, target, registry, 1)).rejects.toThrow('503');
    expect(await registry.hashFor(registrationScope(target.applicationId))).toBeNull();
  });

  it('defines every command within Discord’s limits, with a permission default for the ones that change things', () => {
    const definitions = commandDefinitions(slashCommands);
    const names = definitions.map((definition) => definition.name);
    expect(new Set(names).size).toBe(names.length);
    const visit = (options: readonly { name: string; description: string; options?: unknown; choices?: unknown[] }[] | undefined): void => {
      expect((options ?? []).length).toBeLessThanOrEqual(25);
      for (const option of options ?? []) {
        expect(option.name).toMatch(/^[a-z0-9_-]{1,32}$/u);
        expect(option.description.length).toBeLessThanOrEqual(100);
        visit(option.options as never);
      }
    };
    for (const definition of definitions) {
      expect(definition.description.length).toBeLessThanOrEqual(100);
      visit(definition.options as never);
    }
    const permissions = Object.fromEntries(definitions.map((definition) => [definition.name, definition.default_member_permissions ?? null]));
    expect(permissions).toMatchObject({ subscribe: '16', unsubscribe: '16', topics: null, whosaid: null });
  });
});
