import type { Logger } from '../logging.js';
import type { Leadership, LeaderRole } from '../store/leadership.js';

/** A dead leader's role is free at once (its connection ends); the others try this often, so one takes over in seconds. */
const DEFAULT_EVERY_MS = 5_000;

export interface CampaignOptions {
  /** How often to try for the role, and to confirm it while held. */
  everyMs?: number;
  /** This instance took the role: its work starts here. */
  onElected: () => Promise<void> | void;
  /** This instance lost the role (its database connection broke) or is stopping: its work stops here. */
  onDeposed: () => Promise<void> | void;
  logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface Campaign {
  /** Whether this instance plays the role now. */
  leads(): boolean;
  /** Stops trying; a role held is given up, after `onDeposed`, so another instance takes it at once. */
  stop(): Promise<void>;
}

/**
 * Keeps trying for a role that one instance at a time plays. Resolves after the first try, so an instance alone on
 * its database (SQLite, or the first PostgreSQL instance) has started the role's work when this returns.
 */
export async function campaign(leadership: Leadership, role: LeaderRole, options: CampaignOptions): Promise<Campaign> {
  const { logger } = options;
  let leading = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const check = async (): Promise<void> => {
    const holds = await leadership.tryLead(role);
    if (stopped || holds === leading) return;
    leading = holds;
    if (!holds) {
      logger.warn({ role }, 'lost a role: another instance takes it over');
      await options.onDeposed();
      return;
    }
    logger.info({ role }, 'took a role');
    try {
      await options.onElected();
    } catch (error) {
      // Work that cannot start is given up, so that an instance that can takes the role.
      logger.error({ err: error, role }, 'could not start a role’s work; giving the role up');
      leading = false;
      await leadership.resign(role);
    }
  };
  let current = check();
  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = check()
        .catch((error: unknown) => logger.error({ err: error, role }, 'role check failed'))
        .finally(schedule);
    }, options.everyMs ?? DEFAULT_EVERY_MS);
    timer.unref();
  };
  await current;
  schedule();

  return {
    leads: () => leading,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current.catch(() => undefined);
      if (!leading) return;
      leading = false;
      await options.onDeposed();
      await leadership.resign(role);
    },
  };
}
