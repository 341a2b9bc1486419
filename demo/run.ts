import { writeFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readTimeline, timelineChart } from '../src/services/timeline.js';
import { guildViewer } from '../src/store/visibility.js';
import { readPngSize } from '../test/support/png.js';
import type { InteractionRecord, MessageRecord, SlashOptionValue } from '../test/support/discord/index.js';
import type { SampleArticle } from './articles.js';
import { createForum, FORUM_CHANNEL, printForumUpdates } from './forum.js';
import { setUpStage, type Stage } from './stage.js';
import { formatTime, readable, Transcript } from './transcript.js';

/**
 * `npm run demo`: wirewatch end to end and offline. Local feeds publish sample articles, the real bot (createApp with
 * the discord.js client) polls them and posts to a local Discord server, members run slash commands, and the
 * transcript shows what the bot posted. Exit code 0 when every step did what it should.
 */

export interface DemoIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Where the /timeline chart is written (default docs/timeline-chart.png, the picture the README shows). */
  chartPath?: string;
}

const DEFAULT_CHART_PATH = fileURLToPath(new URL('../docs/timeline-chart.png', import.meta.url));
/** The topic the demo charts, and over how many days. */
const TIMELINE = { topic: 'white-house-talks', days: 7 };

/** A step that did not do what the demo expects; the message says which and what happened instead. */
class DemoFailure extends Error {}

const ALERTS_CHANNEL = 'news-alerts';
const SUBSCRIBED_TOPICS = ['white-house-talks', 'security-guarantees', 'russian-strikes'];
/** The role the White House subscription pings (opt-in; the others ping nobody). */
const PING_ROLE = 'talks-watchers';
const PINGED_TOPIC = 'white-house-talks';
/** The subscriptions' digest time (UTC): the demo's last step is that digest going out. */
const DIGEST_TIME = '10:00';

/** The rounds of news: when the bot polls (its clock) and which sample articles the outlets have published by then. */
const ROUNDS: { at: string; title: string; articles: string[] }[] = [
  { at: '2025-08-18T09:10:00Z', title: 'Monday morning', articles: ['03-kharkiv-strikes', '01-white-house-meeting'] },
  { at: '2025-08-18T11:40:00Z', title: 'Monday midday: a second outlet reports the White House story', articles: ['02-white-house-rewrite'] },
  { at: '2025-08-19T09:20:00Z', title: 'Tuesday morning', articles: ['04-security-guarantees', '05-kremlin-response'] },
];
const START_AT = '2025-08-18T05:30:00Z';
const COMMANDS_AT = '2025-08-19T09:30:00Z';
const DIGEST_AT = `2025-08-19T${DIGEST_TIME}:00Z`;

export async function main(io: DemoIo = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) }): Promise<number> {
  let stage: Stage | null = null;
  try {
    const running = await setUpStage(START_AT);
    stage = running;
    const transcript = new Transcript(io.stdout, (id) => channelName(running, id), (id) => running.roleNames.get(id));
    await runScenario(running, transcript, io.chartPath ?? DEFAULT_CHART_PATH);
    return finish(running, transcript, io);
  } catch (error) {
    const reason = error instanceof DemoFailure ? error.message : `unexpected error: ${(error as Error).stack ?? String(error)}`;
    io.stderr(`\nwirewatch demo FAILED: ${reason}\n`);
    if (stage && stage.logged.length > 0) io.stderr(`The bot logged:\n${stage.logged.join('\n')}\n`);
    return 1;
  } finally {
    await stage?.close();
  }
}

async function runScenario(stage: Stage, transcript: Transcript, chartPath: string): Promise<void> {
  const { app, discord, feeds, guild, clock } = stage;
  const alertsChannel = channelId(stage, ALERTS_CHANNEL);
  const moderator = memberId(stage, 'moderator');
  const analyst = memberId(stage, 'analyst');

  transcript.step('Setting the stage');
  transcript.note(`Everything runs on 127.0.0.1: RSS feeds for ${feeds.feeds.length} outlets (${feeds.feeds.map((feed) => feed.outlet).join(', ')}), a local Discord server with the guild “${guild.name}” (#${Object.keys(guild.channels).join(', #')}), and the real bot — createApp with its discord.js client — with a fresh database. The bot’s clock replays August 2025.`);

  transcript.step(`First poll (${formatTime(clock.now())})`);
  const seeded = await app.poller.pollAllOnce();
  for (const outcome of seeded) {
    if (outcome.kind !== 'stored') throw new DemoFailure(`the first poll of ${outcome.feed.url} did not store anything (${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.message}` : ''}).`);
    const count = outcome.newItemIds.length;
    transcript.note(`${outcome.feed.outlet}: ${count} older item${count === 1 ? '' : 's'} stored, no alert.`);
  }
  transcript.note('A feed’s first poll only seeds it: what is already there is stored and analysed (quotes, stories) but never alerted, so adding a feed does not flood the channel with old news.');
  await app.start();
  if (!app.discord) throw new DemoFailure('the bot did not connect to the local Discord server.');
  transcript.note(`The bot logged in to the local Discord server and registered ${discord.commands(guild.id).length} slash commands in the guild.`);

  transcript.step('A moderator subscribes #news-alerts');
  clock.set('2025-08-18T05:35:00Z');
  const pingRole = discord.createRole(guild.id, { name: PING_ROLE, mentionable: true });
  stage.roleNames.set(pingRole, PING_ROLE);
  transcript.note(`The server has a role @${PING_ROLE} for members who want a notification when the White House talks move; the moderator opts that subscription in to pinging it.`);
  for (const topic of SUBSCRIBED_TOPICS) {
    const ping: Record<string, string> = topic === PINGED_TOPIC ? { ping: pingRole } : {};
    await command(stage, transcript, {
      name: 'subscribe topic',
      options: { topic, mode: 'both', time: DIGEST_TIME, ...ping },
      shown: topic === PINGED_TOPIC ? { ping: `@${PING_ROLE}` } : {},
      userId: moderator,
      channelId: alertsChannel,
    });
  }
  const forumId = await createForum(stage);
  transcript.note(`The server also has a forum channel, #${FORUM_CHANNEL}, whose tags include “White House talks”: there each story becomes a post, and later outlets reply inside it.`);
  await command(stage, transcript, { name: 'subscribe topic', options: { topic: 'white-house-talks', channel: forumId }, shown: { channel: `#${FORUM_CHANNEL}` }, userId: moderator, channelId: alertsChannel });
  const forumPrinted = new Set<string>();

  const printed = new Map<string, number>();
  for (const round of ROUNDS) {
    clock.set(round.at);
    transcript.step(`${round.title} (${formatTime(clock.now())})`);
    for (const name of round.articles) {
      const article = sampleArticle(stage, name);
      feeds.publish(article);
      transcript.note(`${article.outlet} publishes “${article.title}” (${formatTime(Date.parse(article.published))}).`);
    }
    const outcomes = await app.poller.pollAllOnce();
    const fresh = outcomes.reduce((sum, outcome) => sum + (outcome.kind === 'stored' ? outcome.newItemIds.length : 0), 0);
    if (fresh !== round.articles.length) throw new DemoFailure(`the poll found ${fresh} new items, not the ${round.articles.length} just published.`);
    await app.discord.delivery.drain();
    transcript.note(`The bot polls all ${outcomes.length} feeds, finds ${fresh} new item${fresh === 1 ? '' : 's'}, and posts in #${ALERTS_CHANNEL}:`);
    if (printChannelUpdates(stage, transcript, alertsChannel, printed) === 0) transcript.note('(nothing new in the channel)');
    if (printForumUpdates(stage, transcript, forumId, forumPrinted) > 0) transcript.note(`… and in the forum #${FORUM_CHANNEL} (above).`);
  }
  if (printed.size === 0) throw new DemoFailure(`the bot posted no alert in #${ALERTS_CHANNEL}.`);
  const [firstPost] = stage.discord.threads(forumId);
  if (!firstPost || stage.discord.messages(firstPost.id).length < 2) throw new DemoFailure(`the first post in #${FORUM_CHANNEL} has no reply from the second outlet.`);

  clock.set(COMMANDS_AT);
  transcript.step(`Asking the bot (${formatTime(clock.now())})`);
  const whoSaid = await command(stage, transcript, { name: 'whosaid', options: { quote: 'really big' }, userId: analyst, channelId: alertsChannel });
  if (!embedText(whoSaid).includes('Witkoff')) throw new DemoFailure('/whosaid quote:really big did not answer Steve Witkoff.');
  await command(stage, transcript, { name: 'quotes', options: { person: 'Steve Witkoff' }, userId: analyst, channelId: alertsChannel });
  await command(stage, transcript, { name: 'summary topic', options: { topic: 'security-guarantees', since: '48h' }, userId: analyst, channelId: alertsChannel });
  const story = await pickStory(stage, transcript, 'NATO', analyst, alertsChannel);
  await command(stage, transcript, { name: 'summary story', options: { story: story.value }, shown: { story: `“${story.name}”` }, userId: analyst, channelId: alertsChannel });
  const sides = await command(stage, transcript, { name: 'story sides', options: { story: story.value }, shown: { story: `“${story.name}”` }, userId: analyst, channelId: alertsChannel });
  if ((sides.original?.current.embeds[0]?.fields?.length ?? 0) < 2) throw new DemoFailure('/story sides did not show the story from two sides.');
  await command(stage, transcript, { name: 'digest now', userId: analyst, channelId: alertsChannel });
  const rewrite = stage.feeds.linkOf(sampleArticle(stage, '02-white-house-rewrite'));
  const why = await command(stage, transcript, { name: 'why', options: { url: rewrite }, userId: analyst, channelId: alertsChannel });
  if (!embedText(why).includes('edited to add this outlet')) throw new DemoFailure('/why did not say the second outlet’s report edited the alert.');
  await chartStep(stage, transcript, { userId: analyst, channelId: alertsChannel, chartPath });

  clock.set(DIGEST_AT);
  transcript.step(`The daily digest (${formatTime(clock.now())})`);
  transcript.note(`The subscriptions asked for a digest at ${DIGEST_TIME} UTC. The bot’s scheduler checks every minute; the demo runs that check once now.`);
  const queued = await app.discord.runDueDigests();
  await app.discord.delivery.drain();
  if (queued === 0 || printChannelUpdates(stage, transcript, alertsChannel, printed) === 0) throw new DemoFailure('the scheduled digest was not posted.');
}

/** Sends a slash command, prints it and the bot's answer, and fails unless the bot answered with content. */
async function command(
  stage: Stage,
  transcript: Transcript,
  input: { name: string; options?: Record<string, SlashOptionValue>; userId: string; channelId: string; shown?: Record<string, string> },
): Promise<InteractionRecord> {
  const { shown, ...slashCommand } = input;
  transcript.action(userName(stage, input.userId), channelName(stage, input.channelId), commandLine(input.name, { ...input.options, ...shown }));
  const record = await stage.discord.sendSlashCommand(slashCommand);
  const answers = [record.original, ...record.followUps].filter((message): message is MessageRecord => message !== null && !message.deleted);
  if (record.status !== 'acknowledged' || record.errors.length > 0 || answers.length === 0) {
    throw new DemoFailure(`/${input.name} was not answered properly (status ${record.status}${record.errors.map((error) => `; ${error.where}: ${error.message}`).join('')}).`);
  }
  for (const answer of answers) transcript.message(answer === record.original ? 'reply' : 'follow-up', answer.current);
  const refusal = answers.find((answer) => answer.current.embeds.length === 0 && answer.current.content !== '' && !input.name.startsWith('subscribe'));
  if (refusal) throw new DemoFailure(`/${input.name} answered with an error: ${refusal.current.content}`);
  return record;
}

/**
 * `/timeline`: the bot attaches a PNG with alt text. The local Discord server keeps what it is told about an upload
 * (name, type, size, description), not its bytes, so the demo draws the same chart from the same database and
 * checks that it is the attached file byte for byte in size before writing it out.
 */
async function chartStep(stage: Stage, transcript: Transcript, input: { userId: string; channelId: string; chartPath: string }): Promise<void> {
  const record = await command(stage, transcript, { name: 'timeline', options: { topic: TIMELINE.topic, since: `${TIMELINE.days}d` }, userId: input.userId, channelId: input.channelId });
  const attachment = record.original?.current.attachments[0];
  if (!attachment?.description) throw new DemoFailure('/timeline attached no chart with alt text.');
  const { app, clock, guild } = stage;
  const topic = await app.topics.resolve(guild.id, TIMELINE.topic);
  if (!topic) throw new DemoFailure(`the topic ${TIMELINE.topic} is not in the catalogue.`);
  const deps = { stories: app.stores.stories, items: app.stores.items, perspectives: app.config.perspectives };
  const viewer = guildViewer(guild.id);
  const read = await readTimeline(deps, { topicId: topic.id, topicName: topic.definition.name, days: TIMELINE.days, now: clock.now(), viewer });
  const chart = await timelineChart(deps, read, viewer);
  if (chart.png.length !== attachment.size || chart.altText !== attachment.description) throw new DemoFailure('the chart drawn again is not the one the bot attached.');
  writeFileSync(input.chartPath, chart.png);
  const { width, height } = readPngSize(chart.png);
  transcript.note(`Attached to the reply: ${attachment.filename}, a ${width}×${height} PNG (${Math.round(chart.png.length / 1024)} KB). Its alt text: “${attachment.description}”`);
  const shown = relative(process.cwd(), input.chartPath);
  transcript.note(`The demo wrote the chart to ${shown.startsWith('..') || isAbsolute(shown) ? input.chartPath : shown}: open it to see what the members saw.`);
}

/** Types into the story option the way a member does and picks the first suggestion. */
async function pickStory(stage: Stage, transcript: Transcript, typed: string, userId: string, channelId: string): Promise<{ name: string; value: string }> {
  transcript.action(userName(stage, userId), channelName(stage, channelId), `/summary story story:${typed}… (still typing: Discord asks the bot for suggestions)`);
  const record = await stage.discord.sendAutocomplete({ name: 'summary story', options: { story: typed }, focused: 'story', userId, channelId });
  const choices = record.choices ?? [];
  const first = choices[0];
  if (!first) throw new DemoFailure(`/summary story suggested no story for “${typed}”.`);
  transcript.note(`Suggestions: ${choices.slice(0, 5).map((choice) => `“${choice.name}”`).join(', ')}${choices.length > 5 ? ', …' : ''}. The member picks the first.`);
  return { name: first.name, value: String(first.value) };
}

/** Prints the channel's new messages and edits since the last call; returns how many it printed. */
function printChannelUpdates(stage: Stage, transcript: Transcript, channelId: string, printed: Map<string, number>): number {
  let count = 0;
  for (const record of stage.discord.messages(channelId)) {
    if (record.origin !== 'channel' || record.deleted) continue;
    const versions = record.history.length + 1;
    const seen = printed.get(record.id);
    if (seen === versions) continue;
    const previous = seen === undefined ? undefined : (record.history[seen - 1] ?? undefined);
    const kind = record.current.embeds[0]?.footer?.text.startsWith('wirewatch alert') ? 'alert' : record.current.content.includes('digest') ? 'digest' : 'message';
    const label = `#${channelName(stage, channelId)} · ${kind}`;
    const pinged = record.pingedRoleIds.map((id) => `@${stage.roleNames.get(id) ?? id}`);
    if (previous) transcript.edit(`${label} edited: ${editNote(previous.embeds, record.current.embeds)}`, previous, record.current);
    else transcript.message(`${label} posted${pinged.length > 0 ? ` · pinged ${pinged.join(', ')}` : ''}`, record.current);
    printed.set(record.id, versions);
    count += 1;
  }
  return count;
}

function editNote(before: MessageRecord['current']['embeds'], after: MessageRecord['current']['embeds']): string {
  const outlets = (embeds: typeof before) => readable(embeds[0]?.fields?.find((field) => field.name === 'Also reported by')?.value ?? '');
  const added = outlets(after).split(', ').filter((outlet) => outlet && !outlets(before).split(', ').includes(outlet));
  return added.length > 0 ? `also reported by ${added.join(', ')}` : 'updated';
}

function finish(stage: Stage, transcript: Transcript, io: DemoIo): number {
  transcript.step('Checks');
  const { violations } = stage.discord;
  if (violations.length === 0) transcript.note('The local Discord server recorded no violation of Discord’s rules (limits, permissions, mentions, acknowledgement deadlines).');
  for (const violation of violations) transcript.note(`VIOLATION ${violation.kind} at ${violation.where}: ${violation.message}`);
  const errors = stage.logged.filter((line) => /"level":(50|60)/u.test(line));
  if (stage.logged.length > 0) transcript.note(`The bot logged ${stage.logged.length} warning${stage.logged.length === 1 ? '' : 's'} or error${stage.logged.length === 1 ? '' : 's'}:\n${stage.logged.join('\n')}`);
  if (violations.length > 0 || errors.length > 0) {
    io.stderr(`\nwirewatch demo FAILED: ${violations.length} Discord rule violation(s), ${errors.length} logged error(s); see above.\n`);
    return 1;
  }
  transcript.note('Demo finished: every step did what it should.');
  return 0;
}

function sampleArticle(stage: Stage, name: string): SampleArticle {
  const article = stage.articles.get(name);
  if (!article) throw new DemoFailure(`demo/articles/${name}.json is missing.`);
  return article;
}

function embedText(record: InteractionRecord): string {
  return JSON.stringify(record.original?.current.embeds ?? []);
}

function commandLine(name: string, options: Record<string, SlashOptionValue> = {}): string {
  return `/${name}${Object.entries(options).map(([key, value]) => ` ${key}:${String(value)}`).join('')}`;
}

function channelId(stage: Stage, name: string): string {
  const id = stage.guild.channels[name];
  if (!id) throw new DemoFailure(`the local Discord guild has no #${name}.`);
  return id;
}

function memberId(stage: Stage, username: string): string {
  const id = stage.guild.members[username];
  if (!id) throw new DemoFailure(`the local Discord guild has no member ${username}.`);
  return id;
}

function channelName(stage: Stage, id: string): string {
  return Object.entries(stage.guild.channels).find(([, channel]) => channel === id)?.[0] ?? id;
}

function userName(stage: Stage, id: string): string {
  return Object.entries(stage.guild.members).find(([, member]) => member === id)?.[0] ?? id;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
