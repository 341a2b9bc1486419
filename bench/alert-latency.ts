import { performance } from 'node:perf_hooks';
import { generateSyntheticTopics, syntheticSignature } from '../test/support/synthetic-topics.js';
import { createApp, type App } from '../src/app.js';
import { parseEnv } from '../src/config/env.js';
import { createLogger } from '../src/logging.js';
import { startDiscordServer } from '../test/support/discord/index.js';
import { createAppDir } from './support/app-dir.js';
import { feedEntry } from './support/feeds.js';
import { figure, unavailable, type Figure } from './support/figures.js';
import { startPublishingFeeds } from './support/publishing-feeds.js';
import { seededRandom } from '../test/support/random.js';
import { percentile } from './support/stats.js';
import { FIGURES } from './targets.js';

const ITEMS = 200;
/** Alerts are spread over channels (one topic each) to stay under the flood limit of 10 alerts per channel and hour. */
const CHANNELS = 25;
/**
 * Every item comes from an outlet of its own: stories merge across the synthetic items, and an outlet already on a
 * story's alert never alerts again, which would leave an item without an alert to time.
 */
const FEEDS = ITEMS;
const HOSTS = 10;
const LOGIN_TIMEOUT_MS = 10_000;
const ALERT_TIMEOUT_MS = 10_000;

type Measured = { ok: true; latencies: number[]; violations: string[] } | { ok: false; reason: string };

/**
 * New item → alert on the local Discord server, through the whole app: createApp with DISCORD_TOKEN and
 * DISCORD_API_URL pointing at test/support/discord, 25 channels each subscribed to a topic of their own. Items are
 * published one at a time; the clock starts when a poll first receives the item and stops when the alert's channel
 * changes (a new message, or the story's alert edited).
 */
export async function run(): Promise<Figure[]> {
  const measured = await measure();
  if (!measured.ok) return [FIGURES.alertP50, FIGURES.alertP95].map((spec) => unavailable(spec.name, spec.unit, spec.target, measured.reason));
  const note =
    `${ITEMS} items published one at a time, each by its own outlet (${FEEDS} feeds polled per cycle), alerts to ${CHANNELS} channels; from the poll's response to the alert (post or edit); ` +
    (measured.violations.length === 0 ? 'no Discord rule broken' : `${measured.violations.length} Discord rule violations, e.g. ${measured.violations[0]}`);
  return [
    figure({ ...FIGURES.alertP50, value: percentile(measured.latencies, 0.5), runs: 1, note }),
    figure({ ...FIGURES.alertP95, value: percentile(measured.latencies, 0.95), runs: 1 }),
  ];
}

async function measure(): Promise<Measured> {
  const server = await startDiscordServer();
  const feeds = await startPublishingFeeds(FEEDS, HOSTS);
  const topics = generateSyntheticTopics(CHANNELS, 5).map((topic, index) => ({ ...topic, id: `bench-alert-${index}` }));
  const dir = createAppDir(feeds.urls.map((url, index) => ({ url, outlet: `Outlet ${index}` })), topics);
  const env = parseEnv({
    WIREWATCH_DB: dir.dbPath,
    WIREWATCH_CONFIG: dir.configDir,
    WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: server.botToken,
    DISCORD_API_URL: server.apiUrl,
    DISCORD_GUILD_ID: server.guild().id,
  });
  const app = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: () => {}, discord: { rest: { offset: 0 } } });
  try {
    await app.start();
    const loggedIn = await server.waitFor(() => server.gatewayStats.identifies > 0, { timeoutMs: LOGIN_TIMEOUT_MS }).then(() => true, () => false);
    if (!loggedIn) return { ok: false, reason: `createApp did not log in to the local Discord server within ${LOGIN_TIMEOUT_MS / 1000} s` };
    await untilSeeded(app);

    const guild = server.guild();
    const channels: string[] = [];
    for (const [index, topic] of topics.entries()) {
      const channelId = server.createChannel(guild.id, { name: `bench-alerts-${index}` });
      await app.stores.subscriptions.add(
        { guildId: guild.id, channelId, kind: 'topic', target: topic.id, mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: guild.ownerId },
        Date.now(),
      );
      channels.push(channelId);
    }
    const activity = (channelId: string) => server.messages(channelId).reduce((sum, message) => sum + 1 + message.history.length, 0);

    const latencies: number[] = [];
    for (let index = 0; index < ITEMS; index += 1) {
      const channel = index % CHANNELS;
      const feed = index;
      const channelId = channels[channel] ?? '';
      const entry = feedEntry(seededRandom(1000 + index), `https://outlet-${feed}.example`, index, new Date(), 60);
      entry.title = `${capitalise(syntheticSignature(channel))}: ${entry.title}`;
      const before = activity(channelId);
      feeds.publish(feed, entry);
      const arrived = server
        .waitFor(() => activity(channelId) > before, { timeoutMs: ALERT_TIMEOUT_MS })
        .then(() => performance.now(), () => null);
      await app.poller.pollAllOnce();
      const at = await arrived;
      const servedAt = feeds.firstServedAt(entry.link);
      if (at === null || servedAt === undefined) {
        return { ok: false, reason: `item ${index + 1} of ${ITEMS} ("${entry.title}") gave no alert in its channel within ${ALERT_TIMEOUT_MS / 1000} s` };
      }
      latencies.push(at - servedAt);
    }
    return { ok: true, latencies, violations: server.violations.map((violation) => violation.message) };
  } finally {
    await app.stop();
    await server.close();
    await feeds.close();
    dir.remove();
  }
}

/** app.start() polls the new feeds once (items of a first poll never alert); the benchmark starts after that. */
async function untilSeeded(app: App): Promise<void> {
  const deadline = Date.now() + LOGIN_TIMEOUT_MS;
  while (!(await app.feeds.all()).every((feed) => feed.seeded)) {
    if (Date.now() > deadline) throw new Error('the feeds were not polled within 10 s of start()');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
