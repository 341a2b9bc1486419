import type { RefreshOutcome } from '../ingest/poll/refresh-feed.js';
import type { OutboxMessage } from '../store/outbox.js';
import { Metrics } from './metrics.js';

/** The counters wirewatch exposes on /metrics, and the events that move them; every series carries the instance id. */
export class AppMetrics {
  readonly registry: Metrics;

  constructor(instanceId: string) {
    this.registry = new Metrics({ instance_id: instanceId });
    this.registry.counter('wirewatch_polls_total', 'Feed polls by outcome (stored, not-modified, failed).');
    this.registry.counter('wirewatch_fetch_errors_total', 'Failed polls by error kind.');
    this.registry.counter('wirewatch_items_stored_total', 'New items stored.');
    this.registry.counter('wirewatch_messages_sent_total', 'Messages posted or edited on Discord, by kind (alert, alert-edit, digest, notice).');
    this.registry.summary('wirewatch_delivery_latency_seconds', 'From queuing a message in the outbox to Discord accepting it.');
    this.registry.counter('wirewatch_interactions_total', 'Interactions (commands, autocomplete, buttons) received, by the gateway shard that received them.');
  }

  recordInteraction(shardId: number): void {
    this.registry.increment('wirewatch_interactions_total', { shard: String(shardId) });
  }

  recordPoll(outcome: RefreshOutcome): void {
    this.registry.increment('wirewatch_polls_total', { outcome: outcome.kind });
    if (outcome.kind === 'failed') this.registry.increment('wirewatch_fetch_errors_total', { kind: outcome.code });
    if (outcome.kind === 'stored') this.registry.increment('wirewatch_items_stored_total', {}, outcome.newItemIds.length);
  }

  recordSent(row: OutboxMessage, sentAt: number): void {
    this.registry.increment('wirewatch_messages_sent_total', { kind: row.kind });
    this.registry.observe('wirewatch_delivery_latency_seconds', Math.max(0, sentAt - row.createdAt) / 1000);
  }
}
