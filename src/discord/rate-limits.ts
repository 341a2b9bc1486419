import { CommandError } from './interactions.js';

/**
 * Per-member cooldowns on the commands that cost the bot the most (a fetch, a search or a digest built from stored
 * stories), and a cap on the articles /summary url reads at once: together they keep memory and CPU bounded whatever
 * members send. Over a limit, the member is told privately when to try again.
 */
export const COMMAND_COOLDOWNS_MS = {
  'summary url': 30_000,
  'digest now': 60_000,
  whosaid: 5_000,
  quotes: 5_000,
  timeline: 15_000,
} as const;

export type LimitedCommand = keyof typeof COMMAND_COOLDOWNS_MS;

/**
 * The heavy work done at once for all servers together, so that one server's members cannot slow it for every
 * other: articles /summary url fetches and summarises, and charts /timeline draws (each a few hundred ms of CPU).
 */
export const MAX_CONCURRENT_WORK = { article: 2, chart: 2 } as const;
export type HeavyWork = keyof typeof MAX_CONCURRENT_WORK;
const BUSY_TEXT: Readonly<Record<HeavyWork, string>> = { article: 'reading', chart: 'drawing' };
const WORK_NOUN: Readonly<Record<HeavyWork, string>> = { article: 'articles', chart: 'charts' };
/** When all slots of a kind are taken, the member is asked to come back after this long. */
const BUSY_RETRY_MS = 10_000;
/** The cooldown table is swept of expired entries when it grows past this many. */
const SWEEP_ABOVE = 1_000;

export interface CommandLimits {
  /** Starts the member's cooldown for the command, or throws a CommandError saying when to try again. */
  takeCooldown(command: LimitedCommand, userId: string): void;
  /** Takes one of the slots for this kind of work (call the returned function when done), or throws a CommandError. */
  takeSlot(work: HeavyWork): () => void;
}

export function createCommandLimits(now: () => number): CommandLimits {
  /** `command user` → when the member may run the command again (epoch ms). */
  const readyAt = new Map<string, number>();
  const inFlight: Record<HeavyWork, number> = { article: 0, chart: 0 };
  return {
    takeCooldown(command, userId) {
      const key = `${command} ${userId}`;
      const time = now();
      const ready = readyAt.get(key) ?? 0;
      if (ready > time) {
        throw new CommandError(
          `/${command} runs once every ${waitText(COMMAND_COOLDOWNS_MS[command])} per member, so that nobody slows it down for everyone: ` +
            `try again in ${waitText(ready - time)}.`,
        );
      }
      if (readyAt.size >= SWEEP_ABOVE) for (const [entry, until] of readyAt) if (until <= time) readyAt.delete(entry);
      readyAt.set(key, time + COMMAND_COOLDOWNS_MS[command]);
    },
    takeSlot(work) {
      const limit = MAX_CONCURRENT_WORK[work];
      if (inFlight[work] >= limit) {
        throw new CommandError(`wirewatch is already ${BUSY_TEXT[work]} ${limit} ${WORK_NOUN[work]} for members: try again in ${waitText(BUSY_RETRY_MS)}.`);
      }
      inFlight[work] += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inFlight[work] -= 1;
      };
    },
  };
}

/** "25 seconds", "1 minute", "2 minutes": rounded up, so the member never comes back too early. */
function waitText(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
