import { MessageFlags } from 'discord-api-types/v10';
import type { APIApplicationCommand } from 'discord-api-types/v10';
import type { AutocompleteInput, ButtonClickInput, InteractionActor, SlashCommandInput } from './api.js';
import type { Backend } from './backend.js';
import type { Gateway } from './gateway.js';
import { autocompleteInteraction, buttonInteraction, chatInputInteraction } from './interaction-payloads.js';
import type { CommandInvocation, InteractionTarget } from './interaction-payloads.js';
import type { InteractionBook, InteractionRecord } from './interactions.js';
import type { MessageRecord } from './messages.js';
import { permissionBits } from './permissions.js';
import type { Waiter } from './waiter.js';

type Until = NonNullable<InteractionActor['until']>;

/** Plays the user's side of interactions: builds INTERACTION_CREATE, sends it, waits for the bot. */
export class InteractionDispatcher {
  constructor(
    private readonly backend: Backend,
    private readonly book: InteractionBook,
    private readonly gateway: Gateway,
    private readonly waiter: Waiter,
  ) {}

  async sendSlashCommand(input: SlashCommandInput): Promise<InteractionRecord> {
    const { target, invocation } = this.commandTarget(input);
    const payload = chatInputInteraction(this.backend.world, target, invocation);
    return this.run(input, this.record(target, 'command', nameOf(invocation), payload, null));
  }

  async sendAutocomplete(input: AutocompleteInput): Promise<InteractionRecord> {
    const { target, invocation } = this.commandTarget(input, input.focused);
    const payload = autocompleteInteraction(this.backend.world, target, invocation);
    return this.run(input, this.record(target, 'autocomplete', nameOf(invocation), payload, null));
  }

  async sendButtonClick(input: ButtonClickInput): Promise<InteractionRecord> {
    const message = this.backend.messages.get(input.messageId);
    if (!message || message.deleted) throw new Error(`No message ${input.messageId} from the bot to click a button on.`);
    if (!JSON.stringify(message.current.components ?? []).includes(JSON.stringify(input.customId))) {
      throw new Error(`Message ${input.messageId} has no component with custom_id "${input.customId}".`);
    }
    const channel = this.backend.world.requireChannel(message.channelId);
    const target = this.target({ ...input, guildId: channel.guildId, channelId: channel.id }, `the "${input.customId}" button`);
    const payload = buttonInteraction(this.backend.world, target, message.current, input.customId);
    return this.run(input, this.record(target, 'component', input.customId, payload, message));
  }

  private commandTarget(input: SlashCommandInput, focused?: string): { target: InteractionTarget; invocation: CommandInvocation } {
    const target = this.target(input, `/${input.name}`);
    const [commandName = '', ...subcommandPath] = input.name.trim().split(/\s+/);
    const command = this.registeredCommand(commandName, target.guildId);
    return {
      target,
      invocation: { command, subcommandPath, options: input.options ?? {}, ...(focused === undefined ? {} : { focused }) },
    };
  }

  private registeredCommand(name: string, guildId: string): APIApplicationCommand {
    const command = this.backend.commands.find(name, guildId);
    if (command) return command;
    const known = [...this.backend.commands.list(guildId), ...this.backend.commands.list()].map((candidate) => candidate.name);
    throw new Error(`/${name} is not registered for guild ${guildId} (registered: ${known.join(', ') || 'none'}); the bot must PUT its commands first.`);
  }

  private target(actor: InteractionActor, what: string): InteractionTarget {
    const { world } = this.backend;
    const guildId = actor.guildId ?? world.guilds.keys().next().value;
    if (guildId === undefined) throw new Error('The local Discord server has no guild; pass guilds or call createGuild().');
    const guild = world.requireGuild(guildId);
    const channelId = actor.channelId ?? guild.channelIds[0];
    if (channelId === undefined) throw new Error(`Guild ${guild.name} has no channel to use ${what} in.`);
    const seeded = [...guild.members.keys()].filter((id) => id !== world.bot.id && id !== guild.ownerId);
    const userId = actor.userId ?? seeded[0] ?? guild.ownerId;
    // A dropped session still counts: Discord queues the dispatch and replays it on RESUME.
    if (this.gateway.sessionsFor(guildId).length === 0) {
      const shards = this.gateway.liveSessions.map((session) => `[${session.shard.join(', ')}]`);
      throw new Error(`No bot session on the gateway holds guild ${guildId} to receive ${what} (live shards: ${shards.join(' ') || 'none'}); log a client in first.`);
    }
    const { id, token } = this.book.newCredentials();
    return {
      id,
      token,
      applicationId: this.backend.applicationId,
      guildId,
      channelId,
      userId,
      memberPermissions: actor.memberPermissions === undefined ? world.permissionsIn(channelId, userId) : permissionBits(actor.memberPermissions),
      locale: actor.locale ?? world.requireUser(userId).locale,
    };
  }

  private record(
    target: InteractionTarget,
    kind: InteractionRecord['kind'],
    name: string,
    payload: InteractionRecord['payload'],
    sourceMessage: MessageRecord | null,
  ): InteractionRecord {
    return {
      id: target.id,
      token: target.token,
      kind,
      name,
      guildId: target.guildId,
      channelId: target.channelId,
      userId: target.userId,
      payload,
      sourceMessage,
      createdAt: this.backend.now(),
      status: 'pending',
      acknowledgedAt: null,
      response: null,
      original: null,
      followUps: [],
      choices: null,
      errors: [],
    };
  }

  private async run(actor: InteractionActor, record: InteractionRecord): Promise<InteractionRecord> {
    this.book.open(record);
    const until = actor.until ?? 'replied';
    if (until === 'dispatched') return record;
    return this.waiter.waitFor(() => (settled(record, until) ? record : null), {
      timeoutMs: actor.timeoutMs,
      description: () => `the bot to answer ${record.kind} "${record.name}" (until ${until}); interaction status: ${record.status}`,
    });
  }
}

function nameOf(invocation: CommandInvocation): string {
  return [invocation.command.name, ...invocation.subcommandPath].join(' ');
}

function settled(record: InteractionRecord, until: Exclude<Until, 'dispatched'>): boolean {
  if (record.status === 'late' || record.status === 'unanswered' || record.errors.length > 0) return true;
  if (record.status !== 'acknowledged') return false;
  if (until === 'acknowledged' || record.original === null || record.followUps.length > 0) return true;
  return ((record.original.current.flags ?? 0) & MessageFlags.Loading) === 0;
}
