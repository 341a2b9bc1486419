import { afterEach, describe, expect, it } from 'vitest';
import type { StoryChoice } from '../../../src/discord/context.js';
import { startBotOnLocalDiscord, stopBot, type RunningBot } from './harness.js';

let running: RunningBot | undefined;

afterEach(async () => {
  await stopBot(running);
  running = undefined;
});

/** Forty recent stories, some with headlines far beyond Discord's 100-character choice limit. */
const STORIES: StoryChoice[] = Array.from({ length: 40 }, (_, index) => ({
  id: `story:${9000 + index}`,
  title: index % 2 === 0
    ? `Zelensky, European leaders and Trump meet at the White House to discuss security guarantees for Ukraine after the Alaska summit (part ${index})`
    : `Talks update ${index}: Witkoff meets Putin in Moscow`,
}));

function withinDiscordLimits(choices: readonly { name: string; value: string | number }[] | null): void {
  expect(choices).not.toBeNull();
  expect(choices!.length).toBeLessThanOrEqual(25);
  for (const choice of choices!) {
    expect(choice.name.length).toBeGreaterThan(0);
    expect(choice.name.length).toBeLessThanOrEqual(100);
    expect(String(choice.value).length).toBeLessThanOrEqual(100);
  }
}

describe('autocomplete', () => {
  it('answers at most 25 choices of at most 100 characters', async () => {
    const queries: string[] = [];
    running = await startBotOnLocalDiscord({
      backends: {
        storyChoices: async (_guildId, query) => {
          queries.push(query);
          return STORIES;
        },
      },
    });
    const { server, moderator } = running;

    const stories = await server.sendAutocomplete({ name: 'summary story', options: { story: 'white house' }, focused: 'story' });
    withinDiscordLimits(stories.choices);
    expect(queries).toEqual(['white house']);
    expect(stories.choices).toHaveLength(25);
    expect(stories.choices?.[0]?.name).toMatch(/^Zelensky, European leaders and Trump meet at the White House.*…$/u);

    const zones = await server.sendAutocomplete({ name: 'subscribe topic', userId: moderator, options: { topic: 'crimea', timezone: 'kyi' }, focused: 'timezone' });
    withinDiscordLimits(zones.choices);
    expect(zones.choices?.map((choice) => choice.value)).toEqual(['Europe/Kyiv']);

    const everyZone = await server.sendAutocomplete({ name: 'subscribe topic', userId: moderator, options: { topic: 'crimea', timezone: 'a' }, focused: 'timezone' });
    withinDiscordLimits(everyZone.choices);
    expect(everyZone.choices).toHaveLength(25);

    const topics = await server.sendAutocomplete({ name: 'quotes', options: { topic: 'secur' }, focused: 'topic' });
    expect(topics.choices).toEqual([{ name: 'Security guarantees (security-guarantees)', value: 'security-guarantees' }]);

    const people = await server.sendAutocomplete({ name: 'subscribe person', userId: moderator, options: { person: 'zelenskyy' }, focused: 'person' });
    expect(people.choices).toEqual([{ name: 'Volodymyr Zelensky — President of Ukraine', value: 'volodymyr-zelensky' }]);
    expect(server.violations).toEqual([]);
  });

  it('answers an empty list when the service fails, and logs the failure', async () => {
    running = await startBotOnLocalDiscord({ backends: { storyChoices: async () => Promise.reject(new Error('story index is rebuilding')) } });
    const record = await running.server.sendAutocomplete({ name: 'summary story', options: { story: 'alaska' }, focused: 'story' });
    expect(record.choices).toEqual([]);
    expect(running.test.logger.errors().map((entry) => entry.message)).toEqual(['autocomplete failed']);
    expect(running.server.violations).toEqual([]);
  });
});
