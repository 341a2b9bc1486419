import type { AlertDecision, AlertTarget, ChannelAlertState, PlannedAlert, PlanningSubscription } from './alert-planning.js';
import { isQuietAt } from '../text/quiet-hours.js';

const HOUR = 60 * 60 * 1000;
/** A channel with no alert for the story and none in the last hour. */
export const NO_STATE: ChannelAlertState = { existingAlert: null, alertsInLastHour: 0, lastFloodNoticeAt: null };

/**
 * At most `max` alerts per channel per hour, counting those queued earlier and those planned now. Before counting, an
 * alert all of whose subscriptions are in their quiet hours is held (it does not count).
 */
export class FloodControl {
  private readonly planned = new Map<string, number>();
  private readonly notified = new Set<string>();

  constructor(
    private readonly states: ReadonlyMap<string, ChannelAlertState>,
    private readonly now: number,
    private readonly max: number,
  ) {}

  admit(target: AlertTarget, bringing: readonly PlanningSubscription[], alert: PlannedAlert): AlertDecision {
    if (bringing.length > 0 && bringing.every((subscription) => subscription.quietHours && isQuietAt(subscription.quietHours, subscription.timezone ?? 'UTC', this.now))) {
      return { action: 'hold', target, alert, reason: 'quiet', notifyFlood: false };
    }
    const state = this.states.get(target.channelId) ?? NO_STATE;
    const count = state.alertsInLastHour + (this.planned.get(target.channelId) ?? 0);
    if (count < this.max) {
      this.planned.set(target.channelId, (this.planned.get(target.channelId) ?? 0) + 1);
      return { action: 'post', target, alert };
    }
    const toldRecently = state.lastFloodNoticeAt !== null && state.lastFloodNoticeAt > this.now - HOUR;
    const notifyFlood = !toldRecently && !this.notified.has(target.channelId);
    this.notified.add(target.channelId);
    return { action: 'hold', target, alert, reason: 'flood', notifyFlood };
  }
}
