import { InteractionResponseType, MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { TopicSummary } from '../../../src/analysis/summary/index.js';
import type { CommandBackends } from '../../../src/discord/context.js';
import { COMMAND_COOLDOWNS_MS } from '../../../src/discord/rate-limits.js';
import { messageBodySchema, type MessageBody } from '../../../src/discord/delivery/message-body.js';
import type { InteractionRecord } from '../../support/discord/index.js';
import { WITKOFF_HIT } from '../commands/fakes.js';
import { startBotOnLocalDiscord, stopBot, type RunningBot } from './harness.js';

let running: RunningBot | undefined;

afterEach(async () => {
  await stopBot(running);
  running = undefined;
});

function flags(record: InteractionRecord): number {
  return record.original?.current.flags ?? 0;
}

function shown(message: InteractionRecord['original'] | undefined): string {
  const current = message?.current;
  return [current?.content ?? '', ...(current?.embeds ?? []).flatMap((embed) => [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])])].join('\n');
}

const TOPIC_SUMMARY: TopicSummary = {
  windowStart: new Date(Date.UTC(2025, 7, 17, 9)),
  windowEnd: new Date(Date.UTC(2025, 7, 18, 9)),
  stories: [
    {
      id: 'story:812',
      title: 'Putin agreed to Western security guarantees for Ukraine, Witkoff says',
      url: 'https://kyivindependent.com/witkoff-says-putin-agreed-to-security-guarantees/',
      line: 'Russia agreed at the Alaska summit that the U.S. and Europe could offer Ukraine Article 5-like protection, Steve Witkoff said on Sunday.',
      keyQuote: { quote: WITKOFF_HIT.quote, speaker: 'Steve Witkoff', confidence: 0.93, outletCount: 3, principal: true },
      links: [
        { outlet: 'Kyiv Independent', url: 'https://kyivindependent.com/witkoff-says-putin-agreed-to-security-guarantees/' },
        { outlet: 'Reuters', url: 'https://www.reuters.com/world/europe/witkoff-security-guarantees-2025-08-17/' },
      ],
      outletCount: 2,
    },
  ],
};

async function start(backends: Partial<CommandBackends>): Promise<RunningBot> {
  running = await startBotOnLocalDiscord({ backends });
  return running;
}

describe('/topics and /topic show', () => {
  it('lists the topics with their description and last-24h activity', async () => {
    const { server, test } = await start({});
    const feed = await test.feeds.register({ url: 'https://kyivindependent.com/feed/', outlet: 'Kyiv Independent', fullText: false, intervalSeconds: 300, origin: 'config' }, test.clock.time);
    const [itemId = 0] = await test.items.insertNew(feed.id, [
      { identity: 'a', guid: 'a', link: 'https://kyivindependent.com/kerch-bridge/', title: 'Kerch bridge closed after *drone* alert', author: null, summary: '', content: '', published: null },
    ], test.clock.time - 3_600_000, false);
    const kerchBridge = { term: 'Kerch Bridge', field: 'title', text: 'Kerch bridge' } as const;
    const explain = {
      status: 'matched',
      score: 4.5,
      threshold: 3,
      signals: [{ rule: 'allOf[0]', label: 'Crimea', field: 'title', weight: 1.5, fieldWeight: 3, points: 4.5, hits: [kerchBridge] }],
    } as const;
    await test.itemTopics.save(itemId, [{ topicId: 'crimea', score: 4.5, explain }]);

    const listed = await server.sendSlashCommand({ name: 'topics' });
    expect(flags(listed) & MessageFlags.Ephemeral).toBe(0);
    expect(shown(listed.original)).toContain('**Crimea** `crimea` — The status of the Crimean peninsula');
    expect(shown(listed.original)).toContain('1 item in the last 24h');
    expect(shown(listed.original)).toContain('**Security guarantees** `security-guarantees`');

    const detail = await server.sendSlashCommand({ name: 'topic show', options: { id: 'crimea' } });
    expect(shown(detail.original)).toContain('score 4.5 ≥ threshold 3: "Kerch bridge" (Kerch Bridge) in title (+4.5)');
    expect(shown(detail.original)).toContain('Kerch bridge closed after \\*drone\\* alert');
    expect(shown(detail.original)).toContain('"Crimean peninsula"');
    expect(server.violations).toEqual([]);
  });
});

describe('/whosaid', () => {
  it('answers with the quote, its speaker and who reported it first', async () => {
    const asked: string[] = [];
    const { server } = await start({
      whoSaid: async (_guildId, fragment) => {
        asked.push(fragment);
        return { best: WITKOFF_HIT, alternatives: [] };
      },
    });
    const record = await server.sendSlashCommand({ name: 'whosaid', options: { quote: 'Article 5-like protection' } });

    expect(asked).toEqual(['Article 5-like protection']);
    expect(record.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const text = shown(record.original);
    expect(text).toContain('Steve Witkoff');
    expect(text).toContain('Article 5-like protection');
    expect(text).toContain('[Kyiv Independent](https://kyivindependent.com/witkoff-says-putin-agreed-to-security-guarantees/)');
    expect(text).toContain('and by 2 other outlets');
    expect(text).toContain('Said to CNN.');
    expect(server.violations).toEqual([]);
  });

  it('tells only the asker when nothing matches, removing the public "thinking" message', async () => {
    const { server } = await start({ whoSaid: async () => ({ best: null, alternatives: [] }) });
    const record = await server.sendSlashCommand({ name: 'whosaid', options: { quote: 'a completely unknown phrase' } });

    expect(record.original?.deleted).toBe(true);
    expect(record.followUps).toHaveLength(1);
    expect((record.followUps[0]?.current.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(shown(record.followUps[0])).toContain('No stored quote matches');
    expect(server.violations).toEqual([]);
  });
});

describe('/summary', () => {
  it('defers, then edits the reply with the topic summary', async () => {
    const requests: { topicId: string; since: number }[] = [];
    const { server, test } = await start({
      summarizeTopic: async (_guildId, topicId, since) => {
        requests.push({ topicId, since });
        return TOPIC_SUMMARY;
      },
    });
    const record = await server.sendSlashCommand({ name: 'summary topic', options: { topic: 'security-guarantees', since: '24h' } });

    expect(requests).toEqual([{ topicId: 'security-guarantees', since: test.clock.time - 24 * 3_600_000 }]);
    expect(record.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(record.original?.history.map((version) => version.flags)).toEqual([MessageFlags.Loading]);
    const text = shown(record.original);
    expect(text).toContain('Security guarantees: the last 24h');
    expect(text).toContain('[Putin agreed to Western security guarantees for Ukraine, Witkoff says](https://kyivindependent.com/');
    expect(text).toContain('2 outlets: [Kyiv Independent]');
    expect(server.violations).toEqual([]);
  });

  it('explains a bad since value before doing any work', async () => {
    const { server, test } = await start({});
    const record = await server.sendSlashCommand({ name: 'summary topic', options: { topic: 'crimea', since: 'yesterday' } });
    expect(flags(record) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(shown(record.original)).toContain('`since`: "yesterday" is not a time span: write a number and a unit, e.g. 90m, 24h, 7d or 2w');
    expect(test.logger.errors()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('shows a failed article fetch to the asker only', async () => {
    const { server } = await start({ summarizeUrl: async () => ({ ok: false, reason: 'No article text found at that address: it may be behind a paywall.' }) });
    const record = await server.sendSlashCommand({ name: 'summary url', options: { url: 'https://www.example-news.com/world/europe/paywalled/' } });
    expect(record.followUps.map((message) => shown(message))).toEqual(['No article text found at that address: it may be behind a paywall.']);
    expect(server.violations).toEqual([]);
  });
});

describe('/digest now', () => {
  const digest: MessageBody = messageBodySchema.parse({
    embeds: [{ title: 'Daily digest: Crimea', description: '1. **Kerch bridge closed after drone alert** — Kyiv Independent', color: 0x2f6fde }],
    allowed_mentions: { parse: [] },
  });

  it('previews the subscribed topics ephemerally, and publicly when asked', async () => {
    const requests: unknown[] = [];
    const { server, test, guild, moderator } = await start({
      digestPreview: async (request) => {
        requests.push(request);
        return [digest, digest];
      },
    });
    await test.subscriptions.add({ guildId: guild.id, channelId: running!.digestChannel, kind: 'topic', target: 'crimea', mode: 'digest', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: moderator }, test.clock.time);

    const preview = await server.sendSlashCommand({ name: 'digest now' });
    await server.waitFor(() => preview.followUps.length === 1);
    expect(requests).toEqual([{ guildId: guild.id, topicIds: ['crimea'], since: test.clock.time - 24 * 3_600_000 }]);
    expect(flags(preview) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(shown(preview.original)).toContain('Daily digest: Crimea');
    expect((preview.followUps[0]?.current.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);

    const tooSoon = await server.sendSlashCommand({ name: 'digest now', options: { topic: 'crimea', public: true } });
    expect(flags(tooSoon) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(shown(tooSoon.original)).toContain('/digest now runs once every 60 seconds per member');
    test.clock.time += COMMAND_COOLDOWNS_MS['digest now'];
    const published = await server.sendSlashCommand({ name: 'digest now', options: { topic: 'crimea', public: true } });
    expect(flags(published) & MessageFlags.Ephemeral).toBe(0);
    expect(server.violations).toEqual([]);
  });

  it('asks for a topic when the server subscribes to none', async () => {
    const { server } = await start({ digestPreview: async () => [digest] });
    const record = await server.sendSlashCommand({ name: 'digest now' });
    expect(flags(record) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(shown(record.original)).toContain('subscribes to no topic');
    expect(server.violations).toEqual([]);
  });
});
