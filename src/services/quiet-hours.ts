import { renderQuietSummary } from '../discord/render/quiet-summary.js';
import type { Stores } from '../store/index.js';
import type { QuietHold } from '../store/quiet-holds.js';
import { isQuietAt, quietHoursText } from '../text/quiet-hours.js';

export interface QuietSummaryDependencies {
  stores: Stores;
  now: () => number;
}

/**
 * Ends quiet hours: for each channel whose held alerts' subscriptions are out of their window now (or no longer have
 * one), queues one summary message listing them and marks them listed, in one transaction, so a restart neither
 * loses nor repeats them, and two runs at once (two instances) list each hold once. A paused subscription's holds
 * wait until it is resumed. Returns how many summaries it queued.
 */
export async function enqueueQuietSummaries(deps: QuietSummaryDependencies): Promise<number> {
  const now = deps.now();
  const { stores } = deps;
  const byChannel = new Map<string, { holds: QuietHold[]; windows: Set<string> }>();
  for (const hold of await stores.quietHolds.waiting()) {
    const subscription = await stores.subscriptions.byId(hold.subscriptionId);
    if (!subscription || subscription.pausedAt !== null) continue;
    if (subscription.quietHours && isQuietAt(subscription.quietHours, subscription.timezone, now)) continue;
    const group = byChannel.get(hold.channelId) ?? { holds: [], windows: new Set<string>() };
    group.holds.push(hold);
    if (subscription.quietHours) group.windows.add(`${quietHoursText(subscription.quietHours)} ${subscription.timezone}`);
    byChannel.set(hold.channelId, group);
  }
  let queued = 0;
  for (const [channelId, { holds, windows }] of byChannel) {
    const [first] = holds;
    if (!first) continue;
    queued += await stores.transaction(async (tx) => {
      // Listed by a run on another instance meanwhile: its summary went out (the rest wait for the next run).
      if ((await tx.quietHolds.lockWaiting(holds.map((hold) => hold.outboxId))).length < holds.length) return 0;
      const payload = renderQuietSummary(holds, windows.size === 1 ? [...windows][0] ?? null : null);
      const row = await tx.outbox.enqueue({ guildId: first.guildId, channelId, subscriptionId: first.subscriptionId, kind: 'digest', payload }, now);
      await tx.quietHolds.release(holds.map((hold) => hold.outboxId), row.id, now);
      return 1;
    });
  }
  return queued;
}
