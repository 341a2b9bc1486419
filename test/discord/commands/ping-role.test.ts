import type { ChatInputCommandInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { pingReplyText, requirePingRole } from '../../../src/discord/commands/ping-role.js';
import { CommandError } from '../../../src/discord/interactions.js';

const GUILD = '1400000000000000001';
const CHANNEL = '1400000000000000011';
const ROLE = '1400000000000000031';

/** What Discord answers for GET /guilds/GUILD/roles/:id: a role (of some guild), or null for Unknown Role. */
function interaction(named: string | null, answer: { guildId: string; name: string; mentionable: boolean } | null): ChatInputCommandInteraction {
  const guild = {
    id: GUILD,
    roles: { fetch: async (id: string) => (answer ? { id, name: answer.name, mentionable: answer.mentionable, guild: { id: answer.guildId } } : null) },
    members: { me: null },
    channels: { cache: new Map() },
  };
  return { guild, options: { getRole: () => (named === null ? null : { id: named }) } } as unknown as ChatInputCommandInteraction;
}

describe('requirePingRole', () => {
  it('is null without the option', async () => {
    expect(await requirePingRole(interaction(null, null), GUILD, CHANNEL)).toBeNull();
  });

  it('refuses the @everyone role, a role Discord does not know in this server, and another server’s role', async () => {
    await expect(requirePingRole(interaction(GUILD, null), GUILD, CHANNEL)).rejects.toThrow(/never pings the whole server/u);
    await expect(requirePingRole(interaction(ROLE, null), GUILD, CHANNEL)).rejects.toThrow(CommandError);
    await expect(requirePingRole(interaction(ROLE, { guildId: '1400000000000000002', name: 'theirs', mentionable: true }), GUILD, CHANNEL)).rejects.toThrow(
      /not a role of this server/u,
    );
  });

  it('accepts a role of this server; one nobody can be notified through is accepted with a note', async () => {
    const mentionable = await requirePingRole(interaction(ROLE, { guildId: GUILD, name: 'watch*ers', mentionable: true }), GUILD, CHANNEL);
    expect(mentionable).toEqual({ id: ROLE, label: '@watch\\*ers', pingable: true });
    expect(pingReplyText(mentionable)).not.toContain('Note');
    const muted = await requirePingRole(interaction(ROLE, { guildId: GUILD, name: 'muted', mentionable: false }), GUILD, CHANNEL);
    expect(muted?.pingable).toBe(false);
    expect(pingReplyText(muted)).toContain('cannot ping **@muted** yet');
  });
});
