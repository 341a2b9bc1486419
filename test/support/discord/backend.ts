import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Locale } from 'discord-api-types/v10';
import { CommandStore } from './commands.js';
import type { ErrorReply } from './errors.js';
import type { Gateway } from './gateway.js';
import type { RestReply } from './http.js';
import { SnowflakeFactory } from './ids.js';
import { MessageStore } from './messages.js';
import { checkMessageLimits, reviewMentions } from './validation.js';
import type { MessageWrite } from './validation.js';
import type { Violation, ViolationKind } from './violations.js';
import { World } from './world.js';
import type { UserState } from './world.js';

export interface BackendSettings {
  botUsername: string;
  now: () => number;
  ackDeadlineMs: number;
  nonceWindowMs: number;
  baseUrl: () => string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  /** The matched route template, or null when nothing matched. */
  route: string | null;
  status: number;
  at: number;
}

/** State shared by the REST routes, the gateway and the test-facing API. */
export class Backend {
  readonly ids = new SnowflakeFactory();
  /** The bot user shares its application's id, as on Discord. */
  readonly applicationId: string;
  readonly token: string;
  readonly world: World;
  readonly messages: MessageStore;
  readonly commands: CommandStore;
  readonly violations: Violation[] = [];
  readonly requests: RequestLogEntry[] = [];
  /** Emits "change" after anything observable changed, so waitFor() can re-check without polling. */
  readonly events = new EventEmitter();
  gateway: Gateway | null = null;

  constructor(readonly settings: BackendSettings) {
    this.applicationId = this.ids.next(settings.now());
    // Shaped like a real bot token: base64 user id, timestamp part, HMAC part.
    this.token = `${Buffer.from(this.applicationId).toString('base64url')}.${randomBytes(6).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    const botUser: UserState = { id: this.applicationId, username: settings.botUsername, globalName: null, bot: true, locale: Locale.EnglishUS };
    this.world = new World(this.ids, botUser);
    this.messages = new MessageStore(this.ids, this.world, settings.now, settings.baseUrl);
    this.commands = new CommandStore(this.ids, this.applicationId);
    this.events.setMaxListeners(0);
  }

  now(): number {
    return this.settings.now();
  }

  changed(): void {
    this.events.emit('change');
  }

  violate(kind: ViolationKind, where: string, message: string): void {
    this.violations.push({ kind, where, message, at: this.now() });
    this.changed();
  }

  /** Answers with Discord's error and records the broken rule. */
  reject(kind: ViolationKind, where: string, error: ErrorReply, hint?: string): RestReply {
    const details = error.body.errors ? ` ${JSON.stringify(error.body.errors)}` : '';
    this.violate(kind, where, `${error.status} ${error.body.code} ${error.body.message}${details}${hint ? ` (${hint})` : ''}`);
    return { status: error.status, body: error.body };
  }

  /**
   * Applies Discord's message limits to a create (or to the result of an edit), returning the refusal to send,
   * and records violations for mentions: one that would ping without being a role of the channel's guild listed by
   * id in allowed_mentions, one in the content that allowed_mentions does not let ping (raw mention syntax: escaping
   * failed), and a listed role that is not the guild's. `channelId` names the guild (without it, none is the guild's).
   */
  checkWrite(
    where: string,
    write: MessageWrite,
    options: { requireBody: boolean; fileCount: number; checkMentions: boolean; channelId?: string },
  ): { kind: ViolationKind; error: ErrorReply } | null {
    const error = checkMessageLimits(write, { requireBody: options.requireBody, fileCount: options.fileCount });
    if (error) return { kind: error.body.code === 50035 ? 'invalid-form-body' : 'empty-message', error };
    if (options.checkMentions) {
      const review = reviewMentions(write, options.channelId === undefined ? null : this.world.mentionGuild(options.channelId));
      if (review.unsafe.length > 0) {
        this.violate(
          'unsafe-mentions',
          where,
          `Message would ping ${review.unsafe.join(', ')}: set allowed_mentions (e.g. {parse: []}) so quoted text cannot notify anyone.`,
        );
      }
      if (review.notAllowed.length > 0) {
        this.violate('mention-not-allowed', where, `The content mentions ${review.notAllowed.join(', ')}, which allowed_mentions does not let ping: escape mention syntax in quoted text.`);
      }
      if (review.foreignRoles.length > 0) {
        this.violate('foreign-role-mention', where, `allowed_mentions lists role ${review.foreignRoles.join(', ')}, which is not a role of this channel's server.`);
      }
    }
    return null;
  }

  /** Sends a guild's event to the sessions of the shard that holds the guild. */
  dispatch(event: string, data: unknown, guildId: string): void {
    this.gateway?.dispatch(event, data, 0, guildId);
  }
}
