import type { Perspective } from '../analysis/sides/types.js';
import { buildDigest, type Digest } from '../digest/index.js';
import type { MessageBody } from '../discord/delivery/message-body.js';
import { renderDigestMessages } from '../discord/render/digest.js';
import type { DigestHistoryStore } from '../store/digest-history.js';
import type { Stores } from '../store/index.js';
import type { Subscription } from '../store/subscriptions.js';
import { guildViewer, type Viewer } from '../store/visibility.js';
import type { StoryReader } from './stories.js';

const DAY = 24 * 60 * 60 * 1000;

export interface DigestComposerDependencies {
  storyReader: StoryReader;
  history: DigestHistoryStore;
  topicName: (topicId: string) => string;
  /** config/perspectives.json: stories show their coverage by side. */
  perspectives: readonly Perspective[];
}

export interface DigestRequest {
  /** Whose digest: a guild's shows only the stories it may see. */
  viewer: Viewer;
  channelId: string | null;
  topicIds: readonly string[];
  since: number;
  until: number;
  quietNote: boolean;
  /** Add the "Covered by one side only" section. */
  blindspots?: boolean;
}

/** The digest of the topics' stories in a window; stories the channel's recent digests showed count as developing. */
export async function composeDigest(deps: DigestComposerDependencies, request: DigestRequest): Promise<Digest> {
  return buildDigest({
    subscriptionTopics: request.topicIds.map((id) => ({ id, name: deps.topicName(id) })),
    stories: await deps.storyReader.storiesForTopics(request.topicIds, request.since, request.until, request.viewer),
    previousDigestStoryIds: request.channelId ? await deps.history.shownSince(request.channelId, request.since - DAY) : new Set(),
    windowStart: new Date(request.since),
    windowEnd: new Date(request.until),
    quietNote: request.quietNote,
    perspectives: deps.perspectives,
    blindspots: request.blindspots ?? false,
  });
}

export interface DigestSchedulerDependencies extends DigestComposerDependencies {
  stores: Stores;
  now: () => number;
  /** Chart messages (see `weeklyDigestCharts`) by channel, queued after that channel's digest. */
  charts?: ReadonlyMap<string, MessageBody>;
}

/**
 * Queues the digests that are due: one digest per channel, with a section per subscribed topic, covering the time
 * since that channel's last digest (at most a day). Returns how many messages were queued. A channel's messages and
 * its subscriptions' "sent" mark are written in one transaction, which first locks them and checks that no other
 * run sent them meanwhile, so a digest is queued once, even by two instances at once.
 */
export async function enqueueDueDigests(deps: DigestSchedulerDependencies): Promise<number> {
  const now = deps.now();
  const byChannel = new Map<string, Subscription[]>();
  for (const subscription of await deps.stores.subscriptions.dueForDigest(now)) {
    byChannel.set(subscription.channelId, [...(byChannel.get(subscription.channelId) ?? []), subscription]);
  }
  let queued = 0;
  for (const [channelId, due] of byChannel) {
    const topicSubscriptions = due.filter((subscription) => subscription.kind === 'topic');
    const first = topicSubscriptions[0];
    const lastDigest = Math.max(...due.map((subscription) => subscription.lastDigestAt ?? 0));
    const since = Math.max(lastDigest, now - DAY);
    const digest = first
      ? await composeDigest(deps, {
          viewer: guildViewer(first.guildId),
          channelId,
          topicIds: topicSubscriptions.map((subscription) => subscription.target),
          since,
          until: now,
          quietNote: topicSubscriptions.some((subscription) => subscription.quietNote),
          blindspots: topicSubscriptions.some((subscription) => subscription.blindspots),
        })
      : null;
    const chart = deps.charts?.get(channelId);
    queued += await deps.stores.transaction(async (tx) => {
      if (!(await stillDue(tx, due))) return 0;
      let messages = 0;
      if (first && digest) {
        for (const payload of [...renderDigestMessages(digest), ...(chart ? [chart] : [])]) {
          await tx.outbox.enqueue({ guildId: first.guildId, channelId, kind: 'digest', payload, subscriptionId: first.id }, now);
          messages += 1;
        }
        await tx.digestHistory.record(channelId, digest.sections.flatMap((section) => section.entries.map((entry) => entry.storyId)), now);
      }
      await tx.subscriptions.markDigestSent(due.map((subscription) => subscription.id), now);
      return messages;
    });
  }
  return queued;
}

/**
 * Whether the subscriptions are as they were read: none sent its digest or went away since. They stay locked until
 * the transaction ends, so a scheduler running at the same time on another instance waits and then finds them sent.
 */
async function stillDue(tx: Stores, due: readonly Subscription[]): Promise<boolean> {
  const current = new Map((await tx.subscriptions.lockForDigest(due.map((subscription) => subscription.id))).map((row) => [row.id, row]));
  return due.every((subscription) => current.get(subscription.id)?.lastDigestAt === subscription.lastDigestAt);
}
