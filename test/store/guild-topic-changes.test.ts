import { describe, expect, it } from 'vitest';
import { openTestStores } from '../support/stores.js';

const GUILD = '1400000000000000001';
const MEMBER = '1400000000000000003';

describe('the guild topics’ change counter', () => {
  it('moves with every save and removal, and not with a removal of nothing or a write rolled back', async () => {
    const stores = await openTestStores();
    const definition = { id: `g${GUILD}-drones`, name: 'Drones', description: 'Drones.', threshold: 1, rules: { anyOf: [{ terms: ['drone'], weight: 1 }] } };
    const topic = { guildId: GUILD, slug: 'drones', definition, createdBy: MEMBER };
    expect(await stores.guildTopics.version()).toBe(0);
    await stores.guildTopics.save(topic, 1);
    await stores.guildTopics.save({ ...topic, definition: { ...definition, name: 'Drone war' } }, 2);
    expect(await stores.guildTopics.version()).toBe(2);
    expect(await stores.guildTopics.remove(GUILD, 'nothing')).toBe(false);
    expect(await stores.guildTopics.version()).toBe(2);
    await expect(
      stores.transaction(async (tx) => {
        await tx.guildTopics.remove(GUILD, 'drones');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await stores.guildTopics.version()).toBe(2);
    expect(await stores.guildTopics.remove(GUILD, 'drones')).toBe(true);
    expect(await stores.guildTopics.version()).toBe(3);
  });
});
