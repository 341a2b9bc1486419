import { Events, MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InteractionRecord } from '../../support/discord/index.js';
import { startBotOnLocalDiscord, stopBot, type RunningBot } from './harness.js';

let running: RunningBot;

beforeEach(async () => {
  running = await startBotOnLocalDiscord();
});

afterEach(async () => {
  await stopBot(running);
});

function isEphemeral(record: InteractionRecord): boolean {
  return ((record.original?.current.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

function text(record: InteractionRecord): string {
  const message = record.original?.current;
  return [message?.content ?? '', ...(message?.embeds ?? []).flatMap((embed) => [embed.title ?? '', embed.description ?? ''])].join('\n');
}

describe('/subscribe, /subscriptions and /unsubscribe', () => {
  it('refuses a member without Manage Channels, ephemerally, and stores nothing', async () => {
    const { server, analyst, test } = running;
    const record = await server.sendSlashCommand({ name: 'subscribe topic', userId: analyst, options: { topic: 'crimea' } });

    expect(isEphemeral(record)).toBe(true);
    expect(text(record)).toContain('Manage Channels');
    expect(await test.subscriptions.listForGuild(running.guild.id)).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('subscribes a channel to a topic, then lists it', async () => {
    const { server, moderator, digestChannel, guild } = running;
    const subscribed = await server.sendSlashCommand({
      name: 'subscribe topic',
      userId: moderator,
      options: { topic: 'crimea', channel: digestChannel, mode: 'both', time: '07:30', timezone: 'europe/kyiv' },
    });
    expect(isEphemeral(subscribed)).toBe(true);
    expect(text(subscribed)).toContain(`<#${digestChannel}>`);
    expect(await running.test.subscriptions.listForGuild(guild.id)).toMatchObject([
      { channelId: digestChannel, kind: 'topic', target: 'crimea', mode: 'both', digestTime: '07:30', timezone: 'Europe/Kyiv', createdBy: moderator },
    ]);

    const listed = await server.sendSlashCommand({ name: 'subscriptions', userId: moderator });
    expect(text(listed)).toContain('Topic: Crimea');
    expect(text(listed)).toContain(`<#${digestChannel}>`);
    expect(text(listed)).toContain('digest at 07:30 Europe/Kyiv');
    expect(server.violations).toEqual([]);
  });

  it('subscribes but warns when wirewatch cannot post in the channel', async () => {
    const { server, moderator, digestChannel } = running;
    const updated = new Promise((resolve) => running.client.once(Events.ChannelUpdate, resolve));
    server.setChannelPermissions(digestChannel, { send: false });
    await updated;
    const record = await server.sendSlashCommand({ name: 'subscribe topic', userId: moderator, options: { topic: 'security-guarantees', channel: digestChannel } });
    expect(text(record)).toContain('wirewatch cannot post embeds in that channel yet');
    expect(await running.test.subscriptions.listForChannel(digestChannel)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('follows a person and stops following with /unsubscribe', async () => {
    const { server, moderator, guild, test } = running;
    await server.sendSlashCommand({ name: 'subscribe person', userId: moderator, options: { person: 'Witkoff' } });
    const [subscription] = await test.subscriptions.listForGuild(guild.id);
    expect(subscription).toMatchObject({ kind: 'person', target: 'steve-witkoff', mode: 'alerts', channelId: running.alertsChannel });

    const choices = await server.sendAutocomplete({ name: 'unsubscribe', userId: moderator, options: { subscription: 'witk' }, focused: 'subscription' });
    expect(choices.choices).toEqual([{ name: '#news-alerts · Person: Steve Witkoff · alerts', value: String(subscription?.id) }]);

    const stopped = await server.sendSlashCommand({ name: 'unsubscribe', userId: moderator, options: { subscription: String(subscription?.id) } });
    expect(text(stopped)).toContain('Stopped');
    expect(await test.subscriptions.listForGuild(guild.id)).toEqual([]);
    const again = await server.sendSlashCommand({ name: 'unsubscribe', userId: moderator, options: { subscription: String(subscription?.id) } });
    expect(isEphemeral(again)).toBe(true);
    expect(text(again)).toContain('/subscriptions');
    expect(server.violations).toEqual([]);
  });

  it('explains bad options ephemerally: time, time zone and topic', async () => {
    const { server, moderator, test, guild } = running;
    const badTime = await server.sendSlashCommand({ name: 'subscribe topic', userId: moderator, options: { topic: 'crimea', mode: 'digest', time: '25:99' } });
    const badZone = await server.sendSlashCommand({ name: 'subscribe topic', userId: moderator, options: { topic: 'crimea', timezone: 'Mars/Olympus' } });
    const badTopic = await server.sendSlashCommand({ name: 'subscribe topic', userId: moderator, options: { topic: 'moon-landing' } });

    for (const record of [badTime, badZone, badTopic]) expect(isEphemeral(record)).toBe(true);
    expect(text(badTime)).toContain('`time`: a digest time is HH:MM in 24-hour time');
    expect(text(badZone)).toContain('`timezone`: a time zone is an IANA name, e.g. "Europe/Kyiv"');
    expect(text(badTopic)).toContain('`topic`: there is no topic "moon-landing"');
    expect(await test.subscriptions.listForGuild(guild.id)).toEqual([]);
    expect(test.logger.errors()).toEqual([]);
    expect(server.violations).toEqual([]);
  });
});
