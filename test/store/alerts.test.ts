import { describe, expect, it } from 'vitest';
import { renderStoryAlert } from '../../src/discord/render/alert.js';
import { readStoryAlertContent, type StoryAlertContent } from '../../src/pipeline/alert-content.js';
import { ids, notice } from '../discord/delivery/fakes.js';
import { openTestStores, execute } from '../support/stores.js';

const NOW = Date.UTC(2025, 7, 20, 9, 0);

describe('AlertStore', () => {
  const content: StoryAlertContent = {
    storyId: 'story:3',
    headline: 'Putin and Trump to meet in Alaska on August 15',
    link: 'https://www.bbc.com/news/articles/alaska-summit',
    outlet: 'BBC News',
    time: '2025-08-09T01:10:00.000Z',
    summary: 'The summit will be the first between sitting US and Russian presidents since 2021.',
    keyQuote: null,
    topics: [{ topicId: 'summits', topicName: 'Summits', explainSummary: '“meet” and “summit” in the title' }],
    alsoReportedBy: [],
  };

  it('keeps the alert per channel and story with its outbox state, and replaces it after the edit window', async () => {
    const stores = await openTestStores();
    const outbox = stores.outbox;
    const alerts = stores.alerts;
    const forStory = async (channelId: string, storyId: string) => (await alerts.forStoryInChannels(storyId, [channelId]))[0] ?? null;
    const row = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', storyId: 'story:3', payload: renderStoryAlert(content) }, NOW);
    await alerts.record({ channelId: ids.channelA, guildId: ids.guild, storyId: 'story:3', outboxId: row.id, content }, NOW);
    expect(await forStory(ids.channelA, 'story:3')).toEqual({ channelId: ids.channelA, storyId: 'story:3', guildId: ids.guild, outboxId: row.id, contentJson: JSON.stringify(content), status: 'pending', messageId: null, postedAt: NOW, startsThread: false });
    await outbox.markSent(row.id, '1234', NOW + 3_000);
    expect(await forStory(ids.channelA, 'story:3')).toMatchObject({ status: 'sent', messageId: '1234', postedAt: NOW + 3_000 });
    const edited = { ...content, alsoReportedBy: [{ outlet: 'Reuters', link: null }] };
    await alerts.updateContent(ids.channelA, 'story:3', edited, NOW + 60_000);
    expect(readStoryAlertContent((await forStory(ids.channelA, 'story:3'))?.contentJson ?? '')).toEqual(edited);

    const later = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', storyId: 'story:3', payload: renderStoryAlert(content) }, NOW + 2 * 86_400_000);
    await alerts.record({ channelId: ids.channelA, guildId: ids.guild, storyId: 'story:3', outboxId: later.id, content }, NOW + 2 * 86_400_000);
    expect(await forStory(ids.channelA, 'story:3')).toMatchObject({ outboxId: later.id, status: 'pending' });
    expect(await forStory(ids.channelB, 'story:3')).toBeNull();
  });

  it('reads back content that no longer validates as null', async () => {
    const stores = await openTestStores();
    const outbox = stores.outbox;
    const alerts = stores.alerts;
    const forStory = async (channelId: string, storyId: string) => (await alerts.forStoryInChannels(storyId, [channelId]))[0] ?? null;
    const row = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', storyId: 'story:3', payload: notice('x') }, NOW);
    await alerts.record({ channelId: ids.channelA, guildId: ids.guild, storyId: 'story:3', outboxId: row.id, content }, NOW);
    await execute(stores, `UPDATE alerts SET content_json = '{"storyId": "three"}'`);
    expect(readStoryAlertContent((await forStory(ids.channelA, 'story:3'))?.contentJson ?? '')).toBeNull();
  });

  it('reads a story\'s alerts in many channels at once, and says which start a thread', async () => {
    const stores = await openTestStores();
    const { outbox, alerts } = stores;
    const plain = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', storyId: 'story:3', payload: renderStoryAlert(content) }, NOW);
    await alerts.record({ channelId: ids.channelA, guildId: ids.guild, storyId: 'story:3', outboxId: plain.id, content }, NOW);
    const threaded = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'alert', storyId: 'story:3', payload: renderStoryAlert(content), threadStart: { name: 'Alaska' } }, NOW);
    await alerts.record({ channelId: ids.channelB, guildId: ids.guild, storyId: 'story:3', outboxId: threaded.id, content }, NOW);
    const other = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'alert', storyId: 'story:4', payload: renderStoryAlert(content) }, NOW);
    await alerts.record({ channelId: ids.channelB, guildId: ids.guild, storyId: 'story:4', outboxId: other.id, content }, NOW);
    const found = await alerts.forStoryInChannels('story:3', [ids.channelA, ids.channelB, 'elsewhere']);
    expect(found.map((alert) => [alert.channelId, alert.outboxId, alert.startsThread]).sort()).toEqual([[ids.channelA, plain.id, false], [ids.channelB, threaded.id, true]].sort());
    expect(await alerts.forStoryInChannels('story:3', [])).toEqual([]);
  });
});
