import { MessageFlags, PermissionFlagsBits, PermissionsBitField, type ChatInputCommandInteraction, type Interaction } from 'discord.js';

export interface SentReply {
  kind: 'reply' | 'deferReply' | 'editReply' | 'followUp' | 'deleteReply';
  body: Record<string, unknown>;
}

export interface FakeCommandOptions {
  command: string;
  subcommand?: string;
  options?: Record<string, string | number | boolean>;
  guildId?: string;
  channelId?: string;
  userId?: string;
  permissions?: bigint[];
}

/**
 * Just enough of a ChatInputCommandInteraction for handler tests: option getters, member permissions and the reply
 * methods, which record what the handler sent and keep discord.js's deferred/replied/ephemeral state.
 */
export function fakeCommandInteraction(setup: FakeCommandOptions): ChatInputCommandInteraction & { sent: SentReply[] } {
  const values = setup.options ?? {};
  const sent: SentReply[] = [];
  const read = (name: string, required?: boolean) => {
    const value = values[name];
    if (value === undefined && required) throw new Error(`required option ${name} missing`);
    return value ?? null;
  };
  const state = { deferred: false, replied: false, ephemeral: false as boolean | null };
  const record = (kind: SentReply['kind']) => async (body: Record<string, unknown> = {}) => {
    sent.push({ kind, body });
    if (kind === 'reply') Object.assign(state, { replied: true, ephemeral: ((body.flags as number | undefined) ?? 0) === MessageFlags.Ephemeral });
    if (kind === 'deferReply') Object.assign(state, { deferred: true, ephemeral: ((body.flags as number | undefined) ?? 0) === MessageFlags.Ephemeral });
    if (kind === 'editReply' || kind === 'followUp') state.replied = true;
  };
  const interaction = {
    sent,
    commandName: setup.command,
    guildId: setup.guildId ?? '1400000000000000001',
    channelId: setup.channelId ?? '1400000000000000011',
    guild: null,
    client: { channels: { cache: new Map() } },
    user: { id: setup.userId ?? '1400000000000000021' },
    memberPermissions: new PermissionsBitField(setup.permissions ?? [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]),
    get deferred() {
      return state.deferred;
    },
    get replied() {
      return state.replied;
    },
    get ephemeral() {
      return state.ephemeral;
    },
    inGuild: () => true,
    isChatInputCommand: () => true,
    isAutocomplete: () => false,
    options: {
      getSubcommand: () => setup.subcommand ?? null,
      getSubcommandGroup: () => null,
      getString: read,
      getNumber: read,
      getInteger: read,
      getBoolean: read,
      getChannel: (name: string) => (values[name] === undefined ? null : { id: String(values[name]) }),
      getRole: (name: string) => (values[name] === undefined ? null : { id: String(values[name]) }),
    },
    reply: record('reply'),
    deferReply: record('deferReply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    deleteReply: record('deleteReply'),
  };
  return interaction as unknown as ChatInputCommandInteraction & { sent: SentReply[] };
}

export function asInteraction(interaction: ChatInputCommandInteraction): Interaction {
  return interaction as Interaction;
}
