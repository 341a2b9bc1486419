import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderDigestMarkdown } from '../../digest/index.js';
import { renderDigestMessages } from '../../discord/render/digest.js';
import { loadPeople, loadTopics } from '../../config/app-config.js';
import { parseDuration } from '../../config/duration.js';
import { parseEnv } from '../../config/env.js';
import { loadPerspectives } from '../../config/perspectives.js';
import { composeDigest } from '../../services/digests.js';
import { createStoryReader } from '../../services/stories.js';
import { openStores } from '../../store/index.js';
import { guildViewer, OPERATOR } from '../../store/visibility.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

const USAGE = 'wirewatch digest [--since 24h] [--topic <id>]... [--guild <id>] [--blindspots] [--json]';

/**
 * `wirewatch digest`: the digest of the stored stories as it would be posted, for the given topics (default: every
 * shipped topic) over the window — Markdown, or with --json the Discord message payloads. With --guild, as that
 * guild would get it: from public feeds and the feeds it added only; without, the operator's view of every feed.
 * With --blindspots, the "Covered by one side only" section too.
 */
export const runDigestCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json', 'blindspots'], options: ['since', 'topic', 'guild'] });
  if (args.positionals.length > 0) throw new UsageError(`digest takes options only: ${USAGE}`);
  const sinceText = args.options.get('since')?.at(-1) ?? '24h';
  const window = parseDuration(sinceText);
  if (!window.ok) throw new UsageError(`--since "${sinceText}" ${window.problem}`);
  const guildId = args.options.get('guild')?.at(-1);
  if (guildId !== undefined && !/^\d{17,20}$/u.test(guildId)) throw new UsageError(`--guild "${guildId}" is not a Discord server id (17–20 digits)`);

  const env = parseEnv(io.env);
  const configDir = resolve(io.cwd, env.WIREWATCH_CONFIG);
  const people = loadPeople(configDir);
  const topics = loadTopics(configDir, people);
  const topicIds = args.options.get('topic') ?? topics.map((topic) => topic.id);
  const known = new Set(topics.map((topic) => topic.id));
  const unknown = topicIds.filter((id) => !known.has(id));
  if (unknown.length > 0) throw new UsageError(`unknown topic ${unknown.map((id) => `"${id}"`).join(', ')}: use one of ${[...known].join(', ')}`);

  const path = resolve(io.cwd, env.WIREWATCH_DB);
  const databaseUrl = parseEnv(io.env).WIREWATCH_DATABASE_URL;
  if (databaseUrl === undefined && !existsSync(path)) {
    io.stderr(`wirewatch digest: no database at ${path}; run wirewatch poll first, or point WIREWATCH_DB at the bot's database.\n`);
    return 2;
  }
  const store = await openStores({ databaseUrl, sqlitePath: path });
  try {
    const names = new Map(topics.map((topic) => [topic.id, topic.name]));
    const principalIds = new Set(people.filter((person) => person.principal).map((person) => person.id));
    const { stores } = store;
    const perspectives = loadPerspectives(configDir);
    const now = Date.now();
    const digest = await composeDigest(
      { storyReader: createStoryReader({ ...stores, principalIds, perspectives }), history: stores.digestHistory, topicName: (id) => names.get(id) ?? id, perspectives },
      {
        viewer: guildId === undefined ? OPERATOR : guildViewer(guildId),
        channelId: null,
        topicIds,
        since: now - window.ms,
        until: now,
        quietNote: true,
        blindspots: args.flags.has('blindspots'),
      },
    );
    io.stdout(args.flags.has('json') ? `${JSON.stringify(renderDigestMessages(digest))}\n` : renderDigestMarkdown(digest));
    return 0;
  } finally {
    await store.close();
  }
};
