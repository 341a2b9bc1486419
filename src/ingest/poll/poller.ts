import type { StoredFeed } from '../../store/feeds.js';
import { KeyedLimiter } from './limiter.js';
import { recordPollFailure, refreshFeed, type RefreshDependencies, type RefreshOutcome } from './refresh-feed.js';

export interface PollerOptions {
  maxConcurrentFetches: number;
  maxConcurrentPerHost: number;
  /** The longest the loop sleeps before looking for due feeds again (feeds added meanwhile are found then). */
  maxIdleMs?: number;
  /** Called after every poll, in completion order: the seam where new items go downstream. */
  onOutcome: (outcome: RefreshOutcome) => void | Promise<void>;
  /** Called once when a feed is disabled after repeated failures. */
  onFeedDisabled?: (feed: StoredFeed, reason: string) => void | Promise<void>;
  /** Unexpected errors (bugs): logged by the caller and recorded as the feed's failure, never fatal to the loop. */
  onError: (error: unknown, feed: StoredFeed) => void;
}

/**
 * The polling loop. Schedule and health live in the database; each wake-up polls the feeds that are due,
 * with bounded concurrency overall and per host, one fetch per feed URL however many channels follow it.
 * A timer loop (rather than node-cron) because each feed has its own, changing next-poll time.
 */
export class Poller {
  private readonly limiter: KeyedLimiter;
  private readonly inFlight = new Map<number, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;

  constructor(
    private readonly deps: RefreshDependencies,
    private readonly options: PollerOptions,
  ) {
    this.limiter = new KeyedLimiter(options.maxConcurrentFetches, options.maxConcurrentPerHost);
  }

  /**
   * Polls every enabled feed once, due or not, and resolves when all are done. A feed already being polled is not
   * fetched twice: its poll in flight is awaited instead (and its outcome is not among the ones returned).
   */
  async pollAllOnce(): Promise<RefreshOutcome[]> {
    const feeds = (await this.deps.feeds.all()).filter((feed) => feed.disabledAt === null);
    const outcomes: RefreshOutcome[] = [];
    await Promise.all(feeds.map((feed) => this.inFlight.get(feed.id) ?? this.poll(feed, (outcome) => outcomes.push(outcome))));
    return outcomes;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.wake();
  }

  /** Stops scheduling and waits for polls in flight to finish their writes. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.allSettled(this.inFlight.values());
  }

  /** Looks for due feeds now, e.g. after a feed was added. */
  async wake(): Promise<void> {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const due = await this.deps.feeds.due(this.deps.now(), 1000);
    if (this.stopped) return;
    for (const feed of due) {
      if (!this.inFlight.has(feed.id)) void this.poll(feed);
    }
    await this.scheduleWake();
  }

  private async scheduleWake(): Promise<void> {
    if (this.stopped) return;
    const maxIdle = this.options.maxIdleMs ?? 30_000;
    const nextDue = await this.deps.feeds.nextDueAt();
    if (this.stopped) return;
    // Each finished poll reschedules: replace the pending wake-up, or stop() could not cancel the one overwritten.
    // (Only now, after the await: two reschedules in flight would otherwise each leave a timer.)
    if (this.timer) clearTimeout(this.timer);
    const delay = nextDue === null ? maxIdle : Math.min(Math.max(nextDue - this.deps.now(), 50), maxIdle);
    this.timer = setTimeout(() => void this.wake(), delay);
  }

  private poll(feed: StoredFeed, collect?: (outcome: RefreshOutcome) => void): Promise<void> {
    const run = this.limiter
      .run(hostOf(feed.url), () => refreshFeed(feed, this.deps))
      .then(async (outcome) => {
        collect?.(outcome);
        await this.options.onOutcome(outcome);
        if (outcome.kind === 'failed' && outcome.disabled) await this.options.onFeedDisabled?.(feed, outcome.message);
      })
      .catch(async (error: unknown) => {
        this.options.onError(error, feed);
        try {
          await recordPollFailure(feed, this.deps, 'internal-error', `wirewatch failed on this feed: ${String(error)}`, null);
        } catch (recordError) {
          this.options.onError(recordError, feed);
        }
      })
      .finally(async () => {
        this.inFlight.delete(feed.id);
        if (!this.stopped) await this.scheduleWake();
      });
    this.inFlight.set(feed.id, run);
    return run;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
