import type { AlertDecision, AlertPlanningInput } from '../../pipeline/alert-planning.js';
import type { AlertStore, StoryAlert } from '../../store/alerts.js';
import type { OutboxStore } from '../../store/outbox.js';
import type { PostAs } from '../../store/subscriptions.js';
import { renderDevelopmentAlert, renderStoryAlert, renderThreadReply } from '../render/alert.js';
import { HELD_ALERT } from './message-body.js';
import { threadName, type ThreadStart } from './thread-start.js';

/** How the channel's subscription posts, and the alert it already has for the item's story (read before planning). */
export interface ThreadedChannel {
  postAs: PostAs;
  existing: StoryAlert | null;
}

export interface ThreadedAlertDeps {
  outbox: OutboxStore;
  alerts: AlertStore;
}

/**
 * Writes a decision for a channel whose story alerts start threads (a forum post, or a thread on the alert), and
 * returns the outbox row written; undefined leaves the decision to the plain message path. A story's alert posted as a thread stays one:
 * what would edit it (another outlet) or follow it up (a development, newly quoted people) is posted inside it.
 */
export async function writeThreadedDecision(
  deps: ThreadedAlertDeps,
  decision: AlertDecision,
  input: AlertPlanningInput,
  channel: ThreadedChannel,
  now: number,
): Promise<number | undefined> {
  const { outbox, alerts } = deps;
  const { postAs } = channel;
  const { channelId, guildId, subscriptionId } = decision.target;
  if (decision.action === 'post' && decision.alert.kind === 'story' && postAs !== 'message') {
    const { content } = decision.alert;
    const threadStart: ThreadStart = { name: threadName(content.headline), forum: postAs === 'forum-post', topics: content.topics.flatMap((topic) => [topic.topicName, topic.topicId]) };
    const row = await outbox.enqueue({ guildId, channelId, subscriptionId, kind: 'alert', storyId: content.storyId, payload: renderStoryAlert(content, decision.alert.pingRoleIds), threadStart }, now);
    await alerts.record({ channelId, guildId, storyId: content.storyId, outboxId: row.id, content }, now);
    return row.id;
  }
  if (decision.action === 'hold' && postAs === 'forum-post' && decision.alert.kind !== 'quote') {
    // Held back by flood control, as elsewhere, but without the notice: a forum takes no plain message (nor a digest).
    const { alert } = decision;
    const row = await outbox.enqueue({ guildId, channelId, subscriptionId, kind: 'alert', storyId: input.story.id, payload: HELD_ALERT, status: 'held' }, now);
    if (alert.kind === 'story') await alerts.record({ channelId, guildId, storyId: alert.content.storyId, outboxId: row.id, content: HELD_ALERT }, now);
    return row.id;
  }
  const starter = threadOfStory(channel.existing);
  if (starter === null) return undefined;
  const reply = (newOutlet: boolean) => renderThreadReply({ ...itemOf(input), newOutlet, quotes: newQuotes(input) });
  switch (decision.action) {
    case 'edit': {
      // An update of the alert (not counted as an alert by flood control), posted in its thread.
      const row = await outbox.enqueue({ guildId, channelId, subscriptionId, kind: 'alert-edit', storyId: input.story.id, inThreadOf: starter, payload: reply(true) }, now);
      await alerts.updateContent(channelId, input.story.id, decision.content, now);
      return row.id;
    }
    case 'post':
      if (decision.alert.kind !== 'development') return undefined;
      return (await outbox.enqueue({ guildId, channelId, subscriptionId, kind: 'alert', storyId: input.story.id, inThreadOf: starter, payload: renderDevelopmentAlert(decision.alert.content) }, now)).id;
    case 'skip':
      if (newQuotes(input).length === 0) return undefined;
      return (await outbox.enqueue({ guildId, channelId, subscriptionId, kind: 'alert-edit', storyId: input.story.id, inThreadOf: starter, payload: reply(false) }, now)).id;
    case 'hold':
      return undefined;
  }
}

/** The outbox row that started the channel's thread for the story (sent or still to send), or null. */
function threadOfStory(existing: StoryAlert | null): number | null {
  if (!existing || (existing.status !== 'pending' && existing.status !== 'sent')) return null;
  return existing.startsThread ? existing.outboxId : null;
}

function itemOf(input: AlertPlanningInput) {
  const published = Date.parse(input.item.publishedAt ?? '');
  const time = new Date(Number.isNaN(published) ? input.item.fetchedAt : published).toISOString();
  return { outlet: input.item.outlet, headline: input.item.title, link: input.item.link, time };
}

/** The item's quotes of tracked people not seen before, one per quotation. */
function newQuotes(input: AlertPlanningInput) {
  const seen = new Set<string>();
  return input.quotesByPerson.filter((quote) => quote.isNew && !seen.has(quote.quote) && seen.add(quote.quote));
}
