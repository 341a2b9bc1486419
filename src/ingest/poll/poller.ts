import type { StoredFeed } from '../../store/feeds.js';
import { fetchTimeoutMs, recordPollFailure, refreshFeed, type FetchSettings, type RefreshDependencies, type RefreshOutcome } from './refresh-feed.js';

export interface PollerOptions {
  maxConcurrentFetches: number;
  /** Fetches in flight per host at most, counted over every instance's leases. */
  maxConcurrentPerHost: number;
  /** The longest the loop sleeps before looking for due feeds again (feeds added meanwhile are found then). */
  maxIdleMs?: number;
  /** Called after every poll, in completion order: the seam where new items go downstream. */
  onOutcome: (outcome: RefreshOutcome) => void | Promise<void>;
  /** Called once when a feed is disabled after repeated failures. */
  onFeedDisabled?: (feed: StoredFeed, reason: string) => void | Promise<void>;
  /** Unexpected errors (bugs): logged by the caller and recorded as the feed's failure, never fatal to the loop. */
  onError: (error: unknown, feed: StoredFeed) => void;
  /** A wake-up that could not claim feeds (the database is unreachable); the loop tries again a little later. */
  onClaimError?: (error: unknown) => void;
}

/** Time a lease leaves for a poll's writes (items, seeding, schedule) after its fetches. */
const LEASE_WRITE_MARGIN_MS = 60_000;
/** How soon the loop claims again when due feeds all wait for their hosts (busy with other instances' fetches). */
const HOST_WAIT_RETRY_MS = 1_000;
/** How soon the loop claims again after a claim failed. */
const CLAIM_ERROR_RETRY_MS = 5_000;

/**
 * How long a poll's lease lasts: the feed's fetch and its article pages take a fetch timeout each at most
 * (refresh-feed.ts), then a margin for the writes. Past it the holder is taken for dead and another instance polls
 * the feed, so it must outlast any poll that is still alive. 2 × 30 s + 60 s = 2 minutes with the defaults.
 */
export function leaseMsFor(fetchSettings: FetchSettings): number {
  return 2 * fetchTimeoutMs(fetchSettings) + LEASE_WRITE_MARGIN_MS;
}

/**
 * The polling loop. Schedule, health and leases live in the database; each wake-up claims as many due feeds as it
 * has free fetch slots (a lease each, per-host limits counted over all instances) and polls them, one fetch per feed
 * URL however many channels follow it, once per interval however many instances run. A timer loop (rather than
 * node-cron) because each feed has its own, changing next-poll time.
 */
export class Poller {
  /** Polls of this instance until their outcome is handled (items processed), by feed id. */
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Fetches of this instance until their outcome is written (the lease released): the fetch slots in use. */
  private readonly fetches = new Map<number, Promise<unknown>>();
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** The wake-up in progress; one requested meanwhile runs after it (`wakeAgain`). */
  private waking: Promise<void> | null = null;
  private wakeAgain = false;
  /** Bumped by every timer decision: a reschedule that awaited the database yields to any made meanwhile. */
  private schedule = 0;
  /** Whether the last claim filled every free slot: more feeds are probably due, and a finished poll claims them. */
  private backlog = false;
  /** pollAllOnce calls running: while one runs, it does the claiming (so that it awaits every poll it caused). */
  private pollingAll = 0;

  constructor(
    private readonly deps: RefreshDependencies,
    private readonly options: PollerOptions,
  ) {
    this.leaseMs = leaseMsFor(deps.fetchSettings);
  }

  /**
   * Polls every enabled feed once, due or not, and resolves when all are done: every feed nobody is polling falls due
   * now, and is claimed as the loop claims (per-host limits included). A feed this instance is polling already is
   * awaited instead (its outcome is not among the ones returned); one another instance is polling is left to it.
   * Other instances running their loop take a share of the feeds made due; this instance's loop waits meanwhile.
   */
  async pollAllOnce(): Promise<RefreshOutcome[]> {
    this.pollingAll += 1;
    try {
      // A claim of the loop's in progress ends first, so that its polls are among those awaited here.
      await this.waking;
      return await this.claimAll();
    } finally {
      this.pollingAll -= 1;
      if (!this.stopped) this.wakeAfter(0);
    }
  }

  private async claimAll(): Promise<RefreshOutcome[]> {
    const outcomes: RefreshOutcome[] = [];
    const polls = [...this.inFlight.values()];
    await this.deps.feeds.makeAllDue(this.deps.now());
    for (;;) {
      const free = this.freeSlots();
      const claimed = free > 0 ? await this.claim(free) : [];
      for (const feed of claimed) polls.push(this.poll(feed, (outcome) => outcomes.push(outcome)));
      // Short but not empty: a crowd of one host's feeds, which the next claim skips.
      if (claimed.length > 0 && this.freeSlots() > 0) continue;
      if (claimed.length === 0 && !(await this.dueFeedsWait())) break;
      await this.slotMayHaveFreed();
    }
    await Promise.all(polls);
    return outcomes;
  }

  /** Whether a feed nobody is polling is due: it waits for a slot here or at its host. */
  private async dueFeedsWait(): Promise<boolean> {
    const nextDue = await this.deps.feeds.nextDueAt(this.deps.now());
    return nextDue !== null && nextDue <= this.deps.now();
  }

  async start(): Promise<void> {
    this.stopped = false;
    // Leases under this instance's id (and, on SQLite, any not of this process) are left from a previous run.
    await this.deps.feeds.releaseStaleLeases(this.deps.instanceId);
    await this.wake();
  }

  /** Stops scheduling and waits for polls in flight to finish their writes (which release their leases). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    await this.waking;
    await Promise.allSettled(this.inFlight.values());
  }

  /** Claims and polls due feeds now, e.g. after a feed was added. */
  async wake(): Promise<void> {
    if (this.stopped) return;
    if (this.waking) {
      this.wakeAgain = true;
      return this.waking;
    }
    this.waking = this.claimAndPoll();
    try {
      await this.waking;
    } finally {
      this.waking = null;
    }
    if (this.wakeAgain) {
      this.wakeAgain = false;
      await this.wake();
    }
  }

  private async claimAndPoll(): Promise<void> {
    if (this.pollingAll > 0) return;
    this.cancelTimer();
    try {
      let filled = this.freeSlots() <= 0;
      // A claim short of the free slots, but not empty, may have met a crowd of one host's feeds: the next one skips it.
      while (!filled) {
        const free = this.freeSlots();
        const claimed = await this.claim(free);
        // Polled even if stop() came meanwhile: they are leased now, and stop() waits for them.
        for (const feed of claimed) void this.poll(feed);
        filled = claimed.length === free;
        if (claimed.length === 0) break;
      }
      this.backlog = filled;
    } catch (error) {
      this.options.onClaimError?.(error);
      return this.wakeAfter(CLAIM_ERROR_RETRY_MS);
    }
    await this.scheduleWake();
  }

  private async scheduleWake(): Promise<void> {
    const maxIdle = this.options.maxIdleMs ?? 30_000;
    // With every slot taken, a finished poll wakes the loop: the timer only guards against a missed wake-up.
    if (this.backlog) return this.wakeAfter(maxIdle);
    const ticket = ++this.schedule;
    let nextDue: number | null;
    try {
      nextDue = await this.deps.feeds.nextDueAt(this.deps.now());
    } catch (error) {
      this.options.onClaimError?.(error);
      nextDue = null;
    }
    if (ticket !== this.schedule) return;
    const wait = nextDue === null ? maxIdle : nextDue - this.deps.now();
    // Due now but not claimed: its host is busy with other instances' fetches (ours would wake the loop when done).
    this.wakeAfter(Math.min(wait > 0 ? wait : HOST_WAIT_RETRY_MS, maxIdle));
  }

  private wakeAfter(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.wake();
    }, delayMs);
  }

  private cancelTimer(): void {
    this.schedule += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private freeSlots(): number {
    return this.options.maxConcurrentFetches - this.fetches.size;
  }

  private claim(limit: number): Promise<StoredFeed[]> {
    const { instanceId: owner, now } = this.deps;
    return this.deps.feeds.claim({ owner, now: now(), leaseMs: this.leaseMs, limit, maxPerHost: this.options.maxConcurrentPerHost });
  }

  /** Resolves when one of this instance's polls ends, or after a short while (another instance's may have ended). */
  private async slotMayHaveFreed(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const retry = new Promise<void>((resolve) => (timer = setTimeout(resolve, HOST_WAIT_RETRY_MS)));
    await Promise.race([retry, ...this.fetches.values()]);
    clearTimeout(timer);
  }

  /**
   * Fetches and records one feed in a slot; the slot (and the lease, released by the outcome's write) is free before
   * the outcome is handled, so the next fetches start while new items go through the pipeline.
   */
  private poll(feed: StoredFeed, collect?: (outcome: RefreshOutcome) => void): Promise<void> {
    const fetched = refreshFeed(feed, this.deps)
      .then((outcome) => ({ outcome }), (error: unknown) => ({ error }))
      .finally(() => {
        this.fetches.delete(feed.id);
        // A slot (and a slot of the feed's host) is free: claim what waits for it.
        if (!this.stopped) this.wakeAfter(0);
      });
    this.fetches.set(feed.id, fetched);
    const run = fetched
      .then(async (result) => {
        if ('error' in result) throw result.error;
        const { outcome } = result;
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
      .finally(() => this.inFlight.delete(feed.id));
    this.inFlight.set(feed.id, run);
    return run;
  }
}
