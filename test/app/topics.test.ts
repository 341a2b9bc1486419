import { describe, expect, it } from 'vitest';
import { createTopics, type Topics } from '../../src/app/topics.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { makeConfigDir } from '../support/config-dir.js';
import { openSharedTestBackends } from '../support/stores.js';

const GUILD = '1400000000000000001';
const MEMBER = '1400000000000000003';
const now = () => Date.UTC(2025, 7, 18, 12);
const quiet = { error: () => undefined };

async function save(topics: Topics, slug: string, name: string, term: string): Promise<string> {
  const checked = await topics.catalogue.check(GUILD, { id: slug, name, description: 'A test topic.', threshold: 1, rules: { anyOf: [{ terms: [term] }] } });
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  await topics.catalogue.save(GUILD, slug, checked.topic, MEMBER);
  return checked.topic.id;
}

const matchedIds = (topics: Topics, title: string): string[] => topics.matcher().match({ title }).map((match) => match.topicId);

describe('topics shared by instances', () => {
  it('reach another instance’s matcher at its next sync after a guild topic is created, edited or removed', async () => {
    const [first, second] = await openSharedTestBackends(2);
    const config = loadAppConfig(makeConfigDir());
    const here = await createTopics(config, first!.stores.guildTopics, now, quiet);
    const there = await createTopics(config, second!.stores.guildTopics, now, quiet);
    const sync = () => there.syncWith(second!.stores.guildTopics);

    const id = await save(here, 'grain-port', 'Grain port', 'grain terminal');
    expect(matchedIds(here, 'Drone strike sets grain terminal ablaze')).toEqual([id]);
    expect(matchedIds(there, 'Drone strike sets grain terminal ablaze')).toEqual([]);
    await sync();
    expect(matchedIds(there, 'Drone strike sets grain terminal ablaze')).toEqual([id]);

    await save(here, 'grain-port', 'Grain ports', 'wheat');
    await sync();
    expect(there.topicName(id)).toBe('Grain ports');
    expect(matchedIds(there, 'Drone strike sets grain terminal ablaze')).toEqual([]);
    expect(matchedIds(there, 'Wheat exports resume')).toEqual([id]);

    expect(await here.catalogue.remove(GUILD, 'grain-port')).toBe(true);
    await sync();
    expect(matchedIds(there, 'Wheat exports resume')).toEqual([]);
  });

  it('compile again only when the guild topics changed', async () => {
    const [first, second] = await openSharedTestBackends(2);
    const config = loadAppConfig(makeConfigDir());
    const here = await createTopics(config, first!.stores.guildTopics, now, quiet);
    const there = await createTopics(config, second!.stores.guildTopics, now, quiet);
    await save(here, 'grain-port', 'Grain port', 'grain terminal');
    await there.syncWith(second!.stores.guildTopics);
    const compiled = there.matcher();
    await there.syncWith(second!.stores.guildTopics);
    expect(there.matcher()).toBe(compiled);
    // The instance that saved compiled once, at the save, and finds nothing new either.
    const own = here.matcher();
    await here.syncWith(first!.stores.guildTopics);
    expect(here.matcher()).toBe(own);
  });

  it('leave out, and report, a guild topic this instance cannot compile, matching the others', async () => {
    const [first, second] = await openSharedTestBackends(2);
    const config = loadAppConfig(makeConfigDir());
    const here = await createTopics(config, first!.stores.guildTopics, now, quiet);
    const reported: unknown[] = [];
    const there = await createTopics(config, second!.stores.guildTopics, now, { error: (details: unknown) => void reported.push(details) });
    const id = await save(here, 'grain-port', 'Grain port', 'grain terminal');
    // Saved by an instance whose people.json names someone this one's does not.
    const unknownPerson = { id: `g${GUILD}-envoy`, name: 'Envoy', description: 'A new envoy.', threshold: 1, rules: { anyOf: [{ terms: [{ person: 'new-envoy' }], weight: 1 }] } };
    await first!.stores.guildTopics.save({ guildId: GUILD, slug: 'envoy', definition: unknownPerson, createdBy: MEMBER }, now());

    await there.syncWith(second!.stores.guildTopics);
    expect(matchedIds(there, 'Drone strike sets grain terminal ablaze')).toEqual([id]);
    expect(reported).toEqual([{ topic_ids: [`g${GUILD}-envoy`], problems: expect.stringContaining('new-envoy') }]);
  });
});
