import {
  DEFAULT_ALERT_PLANNING,
  planAlerts,
  type AlertDecision,
  type AlertPlanningInput,
  type AlertPlanningOptions,
  type ChannelAlertState,
  type PlannedAlert,
} from '../../pipeline/alert-planning.js';
import type { AlertStore } from '../../store/alerts.js';
import type { Db } from '../../store/database.js';
import type { OutboxStore } from '../../store/outbox.js';
import type { SubscriptionStore } from '../../store/subscriptions.js';
import { readStoryAlertContent } from '../../pipeline/alert-content.js';
import { renderDevelopmentAlert, renderQuoteAlert, renderStoryAlert } from '../render/alert.js';
import type { MessageBody } from './message-body.js';
import { renderFloodNotice } from '../render/notice.js';
import { writeThreadedDecision } from './threaded-alerts.js';

export interface AlertEnqueuerDeps {
  db: Db;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  alerts: AlertStore;
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
export function enqueueAlertsForItem(deps: AlertEnqueuerDeps, input: AlertPlanningInput): EnqueuedAlerts {
  const { db, subscriptions, outbox, alerts } = deps;
  const now = deps.now();
  const personIds = [...new Set(input.quotesByPerson.filter((quote) => quote.isNew).map((quote) => quote.personId))];
  const matching = [
    ...subscriptions.listForTopics(input.topics.map((topic) => topic.topicId)),
    ...personIds.flatMap((personId) => subscriptions.listForPerson(personId)),
  ];
  const states = new Map<string, ChannelAlertState>();
  for (const channelId of new Set(matching.map((subscription) => subscription.channelId))) {
    const existing = alerts.forStory(channelId, input.story.id);
    states.set(channelId, {
      existingAlert: existing ? { outboxId: existing.outboxId, status: existing.status, postedAt: existing.postedAt, content: readStoryAlertContent(existing.contentJson) } : null,
      alertsInLastHour: outbox.alertsSince(channelId, now - HOUR),
      lastFloodNoticeAt: outbox.lastNoticeAt(channelId, FLOOD_NOTICE_KEY),
    });
  }
  const options = deps.planning ?? DEFAULT_ALERT_PLANNING;
  const decisions = planAlerts(input, matching, states, now, options);
  const counts: EnqueuedAlerts = { posted: 0, edited: 0, held: 0, skipped: 0 };
  const postAs = new Map(matching.map((subscription) => [subscription.id, subscription.postAs]));
  db.transaction(() => {
    for (const decision of decisions) {
      if (!writeThreadedDecision(deps, decision, input, postAs.get(decision.target.subscriptionId) ?? 'message', now)) write(deps, decision, options, now);
      counts[COUNTER[decision.action]] += 1;
    }
  })();
  return counts;
}

const COUNTER = { post: 'posted', edit: 'edited', hold: 'held', skip: 'skipped' } as const;

function write(deps: AlertEnqueuerDeps, decision: AlertDecision, options: AlertPlanningOptions, now: number): void {
  const { outbox, alerts } = deps;
  const { channelId, guildId, subscriptionId } = decision.target;
  switch (decision.action) {
    case 'skip':
      return;
    case 'edit': {
      const { storyId } = decision.content;
      outbox.enqueue(
        { guildId, channelId, subscriptionId, kind: 'alert-edit', storyId, editsOutboxId: decision.alertOutboxId, payload: renderStoryAlert(decision.content) },
        now,
      );
      alerts.updateContent(channelId, storyId, decision.content, now);
      return;
    }
    case 'post':
    case 'hold': {
      const storyId = decision.alert.kind === 'quote' ? null : decision.alert.content.storyId;
      const row = outbox.enqueue(
        { guildId, channelId, subscriptionId, kind: 'alert', storyId, payload: render(decision.alert), status: decision.action === 'hold' ? 'held' : 'pending' },
        now,
      );
      if (decision.alert.kind === 'story') alerts.record({ channelId, guildId, storyId: decision.alert.content.storyId, outboxId: row.id, content: decision.alert.content }, now);
      if (decision.action === 'hold' && decision.notifyFlood) {
        const payload = renderFloodNotice({ maxAlertsPerHour: options.maxAlertsPerHour, hasDigest: decision.target.hasDigest });
        outbox.enqueue({ guildId, channelId, kind: 'notice', noticeKey: FLOOD_NOTICE_KEY, payload }, now);
      }
      return;
    }
  }
}

function render(alert: PlannedAlert): MessageBody {
  switch (alert.kind) {
    case 'story':
      return renderStoryAlert(alert.content);
    case 'quote':
      return renderQuoteAlert(alert.content);
    case 'development':
      return renderDevelopmentAlert(alert.content);
  }
}
