import { describe, expect, it } from 'vitest';
import { renderDigestMarkdown } from '../../src/digest/index.js';
import { renderStoryAlert } from '../../src/discord/render/alert.js';
import { renderDigestMessages } from '../../src/discord/render/digest.js';
import { planAlerts, type AlertDecision, type PlanningSubscription } from '../../src/pipeline/alert-planning.js';
import { alertsFor } from '../../src/pipeline/stages/alerts.js';
import { composeDigest } from '../../src/services/digests.js';
import { guildViewer, OPERATOR } from '../../src/store/visibility.js';
import { GUILD_A, GUILD_B, GUILD_C, HOUR, PERSPECTIVES, PRINCIPALS, sidesWorld, T0, TOPIC, type SidesWorld } from '../support/sides-world.js';

const subscription: PlanningSubscription = { id: 1, guildId: GUILD_A, channelId: '300000000000000001', kind: 'topic', target: TOPIC, mode: 'alerts', pausedAt: null };

/** The alerts alertsFor builds for one stored item of the world's story, one per audience. */
async function alertInputs(world: SidesWorld, itemId: number, storyId: string) {
  const item = (await world.stores.items.byId(itemId, OPERATOR))!;
  const topics = [{ topicId: TOPIC, score: 5, explain: { signals: [] } }] as never;
  return alertsFor(item, { topics, quotes: [], story: { storyId, isNew: false, similarity: 1 } }, {
    ...world.stores,
    topicName: () => 'Peace talks',
    principalIds: PRINCIPALS,
    perspectives: PERSPECTIVES,
    isFollowed: async () => true,
  });
}

function storyContent(decisions: readonly AlertDecision[]) {
  const [decision] = decisions;
  if (decision?.action === 'post' && decision.alert.kind === 'story') return decision.alert.content;
  if (decision?.action === 'edit') return decision.content;
  throw new Error(`expected a story post or edit, got ${JSON.stringify(decision)}`);
}

const coverageField = (content: Parameters<typeof renderStoryAlert>[0]) =>
  renderStoryAlert(content).embeds?.[0]?.fields?.find((field) => field.name === 'Coverage by side')?.value;

describe('coverage by side in alerts', () => {
  it('counts the story’s outlets per side, and recounts when a later outlet edits the alert', async () => {
    const world = await sidesWorld();
    const [first] = await alertInputs(world, (await world.stores.stories.itemIds('summit'))[1]!, 'summit');
    const posted = storyContent(planAlerts({ ...first!, story: { ...first!.story, isNew: true } }, [subscription], new Map(), T0 + 4 * HOUR));
    expect(coverageField(posted)).toBe('Reported by 4 outlets: 🇺🇦 2 · 🇷🇺 state 1 · 🌐 1');

    const aljazeera = await world.stores.feeds.register({ url: 'https://aljazeera.example/rss', outlet: 'Al Jazeera', fullText: false, intervalSeconds: 600, origin: 'config', perspective: 'gulf' }, 0);
    const gulf = await world.report(aljazeera.id, 'summit', 6, 'Gulf states offer to host leaders’ summit');
    // The channel's alert as posted when only TASS and Ukrinform had reported.
    const firstAlert = { ...posted, alsoReportedBy: posted.alsoReportedBy.slice(0, 1) };
    const states = new Map([[subscription.channelId, { existingAlert: { outboxId: 9, status: 'sent' as const, postedAt: T0 + 4 * HOUR, content: firstAlert }, alertsInLastHour: 1, lastFloodNoticeAt: null }]]);
    const [edit] = await alertInputs(world, gulf, 'summit');
    const edited = storyContent(planAlerts(edit!, [subscription], states, T0 + 6 * HOUR));
    expect(edited.alsoReportedBy.map((entry) => [entry.outlet, entry.side])).toContainEqual(['Al Jazeera', '🌍 Gulf']);
    // Sides with equal counts in the order the alert came to list them: the edit's own outlet before the earlier ones it adds.
    expect(coverageField(edited)).toBe('Reported by 5 outlets: 🇺🇦 2 · 🇷🇺 state 1 · 🌍 Gulf 1 · 🌐 1');
  });

  it('labels a private feed’s alert with each owner guild’s own side for it', async () => {
    const world = await sidesWorld();
    const tip = await world.report(world.feeds.shared, 'tip', 2, 'Insider: envoy heads to Riyadh');
    const inputs = await alertInputs(world, tip, 'tip');
    expect(inputs.map((input) => [input.audience, input.item.outlet, input.item.side])).toEqual([
      [[GUILD_A], 'A’s tip line', '🌍 Gulf'],
      [[GUILD_B], 'B’s wire', '🇷🇺 state'],
    ]);
  });
});

describe('coverage by side and blindspots in digests', () => {
  const window = { channelId: null, topicIds: [TOPIC], since: T0 - HOUR, until: T0 + 24 * HOUR, quietNote: false };
  const deps = (world: SidesWorld) => ({ storyReader: world.reader, history: world.stores.digestHistory, topicName: () => 'Peace talks', perspectives: PERSPECTIVES });

  it('shows each story’s coverage, and with blindspots on, the stories one side alone covered, naming the side', async () => {
    const world = await sidesWorld();
    const digest = await composeDigest(deps(world), { ...window, viewer: guildViewer(GUILD_C), blindspots: true });
    const summit = digest.sections[0]?.entries.find((entry) => entry.storyId === 'summit');
    expect(summit?.coverage).toBe('Reported by 4 outlets: 🇺🇦 2 · 🇷🇺 state 1 · 🌐 1');
    expect(digest.blindspots.map((spot) => [spot.storyId, spot.side, spot.reports])).toEqual([['tass-only', '🇷🇺 Russian state media', 2]]);
    const text = renderDigestMessages(digest).flatMap((message) => message.embeds ?? []).map((embed) => `${embed.title}\n${embed.description}`).join('\n');
    expect(text).toContain('Reported by 4 outlets: 🇺🇦 2 · 🇷🇺 state 1 · 🌐 1');
    expect(text).toMatch(/Covered by one side only\n\*\*\[Russian forces take village in Donetsk region\]\([^)]+\)\*\*\nonly 🇷🇺 Russian state media \(2 reports\)/u);
    expect(renderDigestMarkdown(digest)).toContain('## Covered by one side only');
  });

  it('leaves the section out unless the subscription asked for it', async () => {
    const digest = await composeDigest(deps(await sidesWorld()), { ...window, viewer: guildViewer(GUILD_C) });
    expect(digest.blindspots).toEqual([]);
    expect(renderDigestMarkdown(digest)).not.toContain('Covered by one side only');
  });

  it('counts for a guild only the outlets it may see, under its own labels', async () => {
    const world = await sidesWorld();
    await world.report(world.feeds.shared, 'tip', 2, 'Insider: envoy heads to Riyadh');
    await world.report(world.feeds.shared, 'tip', 3, 'Insider: envoy lands in Riyadh');
    const blindspots = async (guildId: string) =>
      (await composeDigest(deps(world), { ...window, viewer: guildViewer(guildId), blindspots: true })).blindspots.map((spot) => `${spot.storyId}: ${spot.side}`);
    expect((await blindspots(GUILD_A)).sort()).toEqual(['tass-only: 🇷🇺 Russian state media', 'tip: 🌍 Gulf media']);
    expect((await blindspots(GUILD_B)).sort()).toEqual(['tass-only: 🇷🇺 Russian state media', 'tip: 🇷🇺 Russian state media']);
    expect(await blindspots(GUILD_C)).toEqual(['tass-only: 🇷🇺 Russian state media']);
    const cDigest = JSON.stringify(renderDigestMessages(await composeDigest(deps(world), { ...window, viewer: guildViewer(GUILD_C), blindspots: true })));
    expect(cDigest).not.toMatch(/tip line|B’s wire|Riyadh/u);
  });
});
