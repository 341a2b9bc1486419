import {
  DEFAULT_ALERT_PLANNING,
  planAlerts,
  type AlertDecision,
  type AlertPlanningInput,
  type AlertPlanningOptions,
  type ChannelAlertState,
  type PlannedAlert,
} from '../../pipeline/alert-planning.js';
import type { Stores } from '../../store/index.js';
import type { AlertDecisionRecord } from '../../store/alert-decisions.js';
import { readStoryAlertContent } from '../../pipeline/alert-content.js';
import { renderDevelopmentAlert, renderQuoteAlert, renderStoryAlert } from '../render/alert.js';
import { HELD_ALERT, type MessageBody } from './message-body.js';
import { renderFloodNotice } from '../render/notice.js';
import { writeThreadedDecision } from './threaded-alerts.js';

export interface AlertEnqueuerDeps {
  /**
   * The item's transaction's stores, when called from the pipeline. Their `alertDecisions` keep the record `/why`
   * reads; `quietHolds`, the alerts held in quiet hours for channels without a digest.
   */
  stores: Stores;
  /** Whether to keep the record `/why` reads (off where only planning is tested, on items that are not stored). */
  recordDecisions?: boolean;
  now: () => number;
  planning?: AlertPlanningOptions;
}

export interface EnqueuedAlerts {
  posted: number;
  edited: number;
  held: number;
  skipped: number;
}

const HOUR = 60 * 60 * 1000;
const FLOOD_NOTICE_KEY = 'flood';

/**
 * Plans the alerts a processed item causes and writes them to the outbox in one transaction (a savepoint
 * when called inside the item's transaction). Call the worker's kick() afterwards.
 */
export async function enqueueAlertsForItem(deps: AlertEnqueuerDeps, input: AlertPlanningInput): Promise<EnqueuedAlerts> {
  const { subscriptions, outbox, alerts } = deps.stores;
  const now = deps.now();
  const personIds = [...new Set(input.quotesByPerson.filter((quote) => quote.isNew).map((quote) => quote.personId))];
  const matching = await subscriptions.listForTopics(input.topics.map((topic) => topic.topicId));
  for (const personId of personIds) matching.push(...(await subscriptions.listForPerson(personId)));
  // What each channel already has, read for all of them at once: an item can reach thousands of channels.
  const channelIds = [...new Set(matching.map((subscription) => subscription.channelId))];
  const existingAlerts = new Map((await alerts.forStoryInChannels(input.story.id, channelIds)).map((alert) => [alert.channelId, alert]));
  const states = new Map<string, ChannelAlertState>();
  for (const activity of await outbox.alertActivity(channelIds, now - HOUR, FLOOD_NOTICE_KEY)) {
    const existing = existingAlerts.get(activity.channelId);
    states.set(activity.channelId, {
      existingAlert: existing ? { outboxId: existing.outboxId, status: existing.status, postedAt: existing.postedAt, content: readStoryAlertContent(existing.contentJson) } : null,
      alertsInLastHour: activity.alertsSince,
      lastFloodNoticeAt: activity.lastNoticeAt,
    });
  }
  const options = deps.planning ?? DEFAULT_ALERT_PLANNING;
  const decisions = planAlerts(input, matching, states, now, options);
  const counts: EnqueuedAlerts = { posted: 0, edited: 0, held: 0, skipped: 0 };
  const postAs = new Map(matching.map((subscription) => [subscription.id, subscription.postAs]));
  const recordDecisions = deps.recordDecisions ?? true;
  const render = memoizedRender();
  await deps.stores.transaction(async (tx) => {
    const records: AlertDecisionRecord[] = [];
    for (const decision of decisions) {
      const outboxId = (await writeThreadedDecision(tx, decision, input, { postAs: postAs.get(decision.target.subscriptionId) ?? 'message', existing: existingAlerts.get(decision.target.channelId) ?? null }, now)) ?? (await write(tx, decision, { options, render }, now));
      for (const subscriptionId of decision.target.subscriptionIds) {
        records.push({ itemId: input.item.id, subscriptionId, channelId: decision.target.channelId, action: decision.action, reason: reasonCode(decision), detail: decision.action === 'skip' ? decision.reason : null, outboxId, decidedAt: now });
      }
      counts[COUNTER[decision.action]] += 1;
    }
    // A paused subscription the item reached is planned nothing; /why still says so.
    const audience = input.audience === null ? null : new Set(input.audience);
    for (const subscription of matching) {
      if (subscription.pausedAt === null || (audience !== null && !audience.has(subscription.guildId))) continue;
      records.push({ itemId: input.item.id, subscriptionId: subscription.id, channelId: subscription.channelId, action: 'skip', reason: 'paused', detail: null, outboxId: null, decidedAt: now });
    }
    if (recordDecisions) await tx.alertDecisions.record(records);
  });
  return counts;
}

/** The code `/why` reads: a post's alert kind, a hold's cause, a skip's code. */
function reasonCode(decision: AlertDecision): string {
  switch (decision.action) {
    case 'post':
      return decision.alert.kind;
    case 'edit':
      return 'later-report';
    case 'hold':
      return decision.reason;
    case 'skip':
      return decision.code;
  }
}

const COUNTER = { post: 'posted', edit: 'edited', hold: 'held', skip: 'skipped' } as const;

/** Writes a decision's outbox rows; returns the row of the alert, edit or hold (null for a skip). */
async function write(tx: Stores, decision: AlertDecision, { options, render }: WriteContext, now: number): Promise<number | null> {
  const { outbox, alerts } = tx;
  const { channelId, guildId, subscriptionId } = decision.target;
  switch (decision.action) {
    case 'skip':
      return null;
    case 'edit': {
      const { storyId } = decision.content;
      const edit = await outbox.enqueue(
        { guildId, channelId, subscriptionId, kind: 'alert-edit', storyId, editsOutboxId: decision.alertOutboxId, payload: render({ kind: 'story', content: decision.content, pingRoleIds: [] }) },
        now,
      );
      await alerts.updateContent(channelId, storyId, decision.content, now);
      return edit.id;
    }
    case 'post':
    case 'hold': {
      const storyId = decision.alert.kind === 'quote' ? null : decision.alert.content.storyId;
      // A held alert is never sent nor edited (see HELD_ALERT): its row keeps no message, which in a flooded channel is most rows.
      const held = decision.action === 'hold';
      const row = await outbox.enqueue(
        { guildId, channelId, subscriptionId, kind: 'alert', storyId, payload: held ? HELD_ALERT : render(decision.alert), status: held ? 'held' : 'pending' },
        now,
      );
      if (decision.alert.kind === 'story') await alerts.record({ channelId, guildId, storyId: decision.alert.content.storyId, outboxId: row.id, content: held ? HELD_ALERT : decision.alert.content }, now);
      if (decision.action === 'hold' && decision.notifyFlood) {
        const payload = renderFloodNotice({ maxAlertsPerHour: options.maxAlertsPerHour, hasDigest: decision.target.hasDigest });
        await outbox.enqueue({ guildId, channelId, kind: 'notice', noticeKey: FLOOD_NOTICE_KEY, payload }, now);
      }
      // Held in quiet hours: the digest carries the story, or else the summary at the window's end lists it.
      if (decision.action === 'hold' && decision.reason === 'quiet' && !decision.target.hasDigest) {
        const { headline, link, outlet } = decision.alert.content;
        await tx.quietHolds.hold({ outboxId: row.id, subscriptionId, guildId, channelId, headline, link, outlet, heldAt: now });
      }
      return row.id;
    }
  }
}

interface WriteContext {
  options: AlertPlanningOptions;
  render: (alert: PlannedAlert) => MessageBody;
}

/**
 * Renders alerts, each distinct one once: the channels an item reaches mostly get the same alert (the same topics,
 * style and pings), and an item can reach thousands of them.
 */
function memoizedRender(): (alert: PlannedAlert) => MessageBody {
  const bodies = new Map<string, MessageBody>();
  return (alert) => {
    const key = JSON.stringify(alert);
    const cached = bodies.get(key);
    if (cached) return cached;
    const body = renderAlert(alert);
    bodies.set(key, body);
    return body;
  };
}

function renderAlert(alert: PlannedAlert): MessageBody {
  switch (alert.kind) {
    case 'story':
      return renderStoryAlert(alert.content, alert.pingRoleIds);
    case 'quote':
      return renderQuoteAlert(alert.content);
    case 'development':
      return renderDevelopmentAlert(alert.content);
  }
}
