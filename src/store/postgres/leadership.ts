import pg from 'pg';
import type { Leadership, LeaderRole } from '../leadership.js';

/** The first key of wirewatch's two-key advisory locks on roles (the migration lock uses the one-key form). */
export const ROLE_LOCK_CLASS = 1_836_216_167;
const ROLE_LOCK_KEYS: Readonly<Record<LeaderRole, number>> = { analysis: 1, delivery: 2, scheduler: 3 };
/** A check that gets no answer within this long counts as a lost connection: roles are given up. */
const CHECK_TIMEOUT_MS = 5_000;

/**
 * Roles as PostgreSQL session advisory locks, held on one connection of their own (outside the pool, whose
 * connections come and go). PostgreSQL frees a session's locks when its connection ends, so the roles of an instance
 * that dies, even by SIGKILL, are free at once; an instance whose connection breaks holds nothing from then on.
 */
export class AdvisoryLeadership implements Leadership {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<LeaderRole>();
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  async tryLead(role: LeaderRole): Promise<boolean> {
    if (this.closed) return false;
    let client: pg.Client | null = null;
    try {
      client = await this.connect();
      if (this.held.has(role)) {
        await client.query('SELECT 1');
        return true;
      }
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [ROLE_LOCK_CLASS, ROLE_LOCK_KEYS[role]]);
      if (result.rows[0]?.locked === true) this.held.add(role);
      return this.held.has(role);
    } catch {
      this.drop(client);
      return false;
    }
  }

  leads(role: LeaderRole): boolean {
    return this.held.has(role);
  }

  async resign(role: LeaderRole): Promise<void> {
    const client = this.client;
    if (!this.held.delete(role) || client === null) return;
    try {
      await client.query('SELECT pg_advisory_unlock($1, $2)', [ROLE_LOCK_CLASS, ROLE_LOCK_KEYS[role]]);
    } catch {
      // A connection that cannot unlock is broken: ending it frees the lock as well.
      this.drop(client);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = null;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({ ...this.config, keepAlive: true, query_timeout: CHECK_TIMEOUT_MS });
    // A broken connection reports here: every lock it held is gone with it.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
    return client;
  }

  /** Forgets the connection and every role held on it; ending it frees its locks on the server too. */
  private drop(client: pg.Client | null): void {
    if (client === null || client !== this.client) return;
    this.client = null;
    this.held.clear();
    void client.end().catch(() => undefined);
  }
}
