import { once } from 'node:events';
import type { Stage } from './stage.js';
import type { Transcript } from './transcript.js';

export const FORUM_CHANNEL = 'talks-forum';

/** A forum channel with tags named like some topics; resolves once the bot's client knows it. */
export async function createForum(stage: Stage): Promise<string> {
  const client = stage.app.discord?.bot.client;
  if (!client) throw new Error('the bot is not connected to the local Discord server');
  const known = once(client, 'channelCreate');
  const forumId = stage.discord.createChannel(stage.guild.id, { name: FORUM_CHANNEL, kind: 'forum', tags: ['White House talks', 'Strikes', 'Sanctions'] });
  await known;
  stage.guild = stage.discord.guild(stage.guild.name);
  return forumId;
}

/** Prints the forum's new posts and the replies inside them since the last call; returns how many it printed. */
export function printForumUpdates(stage: Stage, transcript: Transcript, forumId: string, printed: Set<string>): number {
  let count = 0;
  for (const post of stage.discord.threads(forumId)) {
    for (const record of stage.discord.messages(post.id)) {
      if (printed.has(record.id) || record.deleted) continue;
      const tags = post.appliedTags.length > 0 ? ` · tagged ${post.appliedTags.join(', ')}` : '';
      const label = record.id === post.id ? `#${FORUM_CHANNEL} · forum post “${post.name}”${tags}` : `#${FORUM_CHANNEL} › “${post.name}” · reply in the post`;
      transcript.message(label, record.current);
      printed.add(record.id);
      count += 1;
    }
  }
  return count;
}
