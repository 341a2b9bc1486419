import { MessageFlags, type APIEmbed, type APIEmbedField, type APIMessage } from 'discord-api-types/v10';

export type ShownMessage = Pick<APIMessage, 'content' | 'embeds' | 'flags'>;

const WIDTH = 100;
const MESSAGE_BAR = '  │ ';

/** The demo's output: steps, narration, and the bot's messages as a person reading the channel would see them. */
export class Transcript {
  private readonly lines: string[] = [];
  private steps = 0;

  /** `channelName` and `roleName` turn the channel and role mentions in the bot's messages (<#id>, <@&id>) into names. */
  constructor(
    private readonly write: (text: string) => void,
    private readonly channelName: (id: string) => string | undefined = () => undefined,
    private readonly roleName: (id: string) => string | undefined = () => undefined,
  ) {}

  /** Everything printed so far. */
  text(): string {
    return this.lines.join('\n');
  }

  step(title: string): void {
    this.steps += 1;
    const heading = `── ${this.steps}. ${title} `;
    this.emit('', `${heading}${'─'.repeat(Math.max(3, WIDTH - heading.length))}`, '');
  }

  note(text: string): void {
    this.emit(...wrap(text, '  ', '  '));
  }

  /** A member's action, as Discord shows it above the bot's answer. */
  action(user: string, channel: string, text: string): void {
    this.emit(...wrap(`${user} in #${channel}: ${text}`, '  ▶ ', '    '));
  }

  /** A message the bot posted; `label` says where and what it is. */
  message(label: string, message: ShownMessage): void {
    const ephemeral = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    const body: string[] = [];
    if (message.content) body.push(...this.readable(message.content).split('\n'));
    for (const embed of message.embeds) {
      if (body.length > 0) body.push('');
      body.push(...this.embedLines(embed));
    }
    this.box(`wirewatch · ${label}${ephemeral ? ' · only visible to the member who asked' : ''}`, body);
  }

  /** An edit of a message printed before: its headline and the parts that changed. */
  edit(label: string, before: ShownMessage, after: ShownMessage): void {
    const body: string[] = [];
    for (const [index, embed] of after.embeds.entries()) {
      const earlier = before.embeds[index];
      const changedFields = (embed.fields ?? []).filter((field) => !earlier?.fields?.some((old) => old.name === field.name && old.value === field.value));
      if (embed.title) body.push(`■ ${this.readable(embed.title)}`);
      if (embed.description !== earlier?.description && embed.description) body.push('', ...this.readable(embed.description).split('\n'));
      for (const field of changedFields) body.push('', ...this.fieldLines(field));
    }
    this.box(`wirewatch · ${label} · showing what changed`, body);
  }

  private box(heading: string, body: readonly string[]): void {
    this.emit(`  ┌ ${heading}`);
    for (const line of body) this.emit(...wrap(line, MESSAGE_BAR, `${MESSAGE_BAR}${continuationIndent(line)}`));
    this.emit('  └');
  }

  private embedLines(embed: APIEmbed): string[] {
    const lines: string[] = [];
    if (embed.author?.name) lines.push(embed.author.name);
    if (embed.title) lines.push(`■ ${this.readable(embed.title)}`);
    if (embed.url) lines.push(`  ${embed.url}`);
    if (embed.description) lines.push('', ...this.readable(embed.description).split('\n'));
    for (const field of embed.fields ?? []) lines.push('', ...this.fieldLines(field));
    const footer = [embed.footer?.text, embed.timestamp ? formatTime(Date.parse(embed.timestamp)) : undefined].filter(Boolean).join(' · ');
    if (footer) lines.push('', footer);
    return lines;
  }

  private fieldLines(field: APIEmbedField): string[] {
    return [`▸ ${this.readable(field.name)}`, ...this.readable(field.value).split('\n').map((line) => `  ${line}`)];
  }

  private readable(markdown: string): string {
    return readable(
      markdown
        .replace(/<#(\d+)>/gu, (mention, id: string) => {
          const name = this.channelName(id);
          return name ? `#${name}` : mention;
        })
        .replace(/<@&(\d+)>/gu, (mention, id: string) => {
          const name = this.roleName(id);
          return name ? `@${name}` : mention;
        }),
    );
  }

  private emit(...lines: string[]): void {
    for (const line of lines) {
      this.lines.push(line);
      this.write(`${line}\n`);
    }
  }
}

/**
 * Discord markdown as plain text: masked links keep their label, <t:…> timestamps become UTC dates, bold markers
 * and backslash escapes go, and the zero-width spaces that defuse mentions are dropped.
 */
export function readable(markdown: string): string {
  return markdown
    .replace(/<t:(-?\d+)(?::[tTdDfFR])?>/gu, (_all, seconds: string) => formatTime(Number(seconds) * 1000))
    .replace(/\[((?:\\.|[^\\\]])*)\]\(<?[^)\s>]+>?\)/gu, '$1')
    .replace(/\*\*(.+?)\*\*/gu, '$1')
    .replace(/\\([\\*_~`|[\]<>#.\-+>()])/gu, '$1')
    .replace(/\u200b/gu, '');
}

/** "Mon 18 Aug 2025, 09:00 UTC" */
export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  const weekday = date.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' });
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return `${weekday} ${day}, ${date.toISOString().slice(11, 16)} UTC`;
}

/** Quote blocks ("> …") and indented lines keep their prefix on wrapped lines. */
function continuationIndent(line: string): string {
  const match = /^(\s*(?:> )?)/u.exec(line);
  return match?.[1] ?? '';
}

function wrap(text: string, firstPrefix: string, restPrefix: string): string[] {
  if (text === '') return [firstPrefix.trimEnd()];
  const lines: string[] = [];
  let prefix = firstPrefix;
  let current = '';
  for (const word of text.split(/(?<=\S)(?= )/u)) {
    if (current !== '' && (prefix + current + word).length > WIDTH) {
      lines.push(prefix + current);
      prefix = restPrefix;
      current = word.replace(/^ +/u, '');
    } else {
      current += word;
    }
  }
  lines.push(prefix + current);
  return lines;
}
