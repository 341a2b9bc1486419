/**
 * The roles one instance at a time plays among all the instances sharing a database:
 * - `analysis`: runs stored items through the pipeline, in order (story clustering depends on it);
 * - `delivery`: posts the outbox to Discord (one sender: each channel's order kept, one global rate limit);
 * - `scheduler`: queues the digests and quiet-hours summaries that are due.
 */
export const LEADER_ROLES = ['analysis', 'delivery', 'scheduler'] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];

/** Who plays which role: held until resigned, or until the instance (or its connection to the database) dies. */
export interface Leadership {
  /**
   * Takes the role when nobody holds it; for a role held already, checks that it still is (the database still
   * knows this instance). Resolves whether this instance holds it now; never rejects (a database it cannot reach
   * holds nothing).
   */
  tryLead(role: LeaderRole): Promise<boolean>;
  /** Whether this instance held the role at the last check. */
  leads(role: LeaderRole): boolean;
  /** Gives the role up, so that another instance takes it at its next try. */
  resign(role: LeaderRole): Promise<void>;
  /** Gives every role up and lets go of the database. */
  close(): Promise<void>;
}

/** An instance alone on its database (SQLite: one process owns the file) plays every role it asks for. */
export function soleLeadership(): Leadership {
  const held = new Set<LeaderRole>();
  return {
    tryLead: async (role) => {
      held.add(role);
      return true;
    },
    leads: (role) => held.has(role),
    resign: async (role) => {
      held.delete(role);
    },
    close: async () => held.clear(),
  };
}
