import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { subscriptionOptionText } from '../../text/user-errors.js';
import { CommandError } from '../interactions.js';
import { escapeAndFit } from '../render/discord-text.js';

/** The role a subscription's alerts ping, as Discord knows it in this server. */
export interface PingRole {
  id: string;
  /** Escaped, for the reply. */
  label: string;
  /** False when the role is not mentionable and wirewatch lacks Mention Everyone in the channel: no one is notified. */
  pingable: boolean;
}

/**
 * The `ping` option: a role of this server other than @everyone, or null when none is given. Discord is asked for the
 * role in this server (discord.js files a role named in an interaction under the interaction's guild, so the cache
 * cannot tell); a role it does not know there is refused.
 */
export async function requirePingRole(interaction: ChatInputCommandInteraction, guildId: string, channelId: string): Promise<PingRole | null> {
  const named = interaction.options.getRole('ping');
  if (named === null) return null;
  if (named.id === guildId) throw new CommandError(subscriptionOptionText('ping-everyone'));
  const guild = interaction.guild ?? (await interaction.client.guilds.fetch(guildId));
  const role = await guild.roles.fetch(named.id, { force: true });
  if (role === null || role.guild.id !== guildId) throw new CommandError(subscriptionOptionText('ping-foreign-role'));
  const me = guild.members.me;
  const channel = guild.channels.cache.get(channelId);
  const mayMentionAll = me !== null && channel !== undefined && channel.permissionsFor(me).has(PermissionFlagsBits.MentionEveryone);
  return { id: role.id, label: `@${escapeAndFit(role.name, 100)}`, pingable: role.mentionable || mayMentionAll };
}

/** What the reply says about the ping: which role, and a note when it cannot notify anyone yet. */
export function pingReplyText(role: PingRole | null): string {
  if (role === null) return '';
  const pings = ` New alerts ping **${role.label}** (later outlets edit the alert without pinging again).`;
  return role.pingable ? pings : `${pings}\n\n${subscriptionOptionText('ping-not-mentionable', `**${role.label}**`)}`;
}
