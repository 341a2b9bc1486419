import { describe, expect, it } from 'vitest';
import { LEADER_ROLES } from '../../src/store/leadership.js';
import type { PostgresBackend } from '../../src/store/postgres/backend.js';
import { openSharedTestBackends, openTestBackend, TEST_STORE } from '../support/stores.js';

describe('leadership', () => {
  it('gives an instance alone on its database every role, until it resigns', async () => {
    const { leadership } = await openTestBackend();
    for (const role of LEADER_ROLES) {
      expect(leadership.leads(role)).toBe(false);
      expect(await leadership.tryLead(role)).toBe(true);
      expect(await leadership.tryLead(role)).toBe(true);
      expect(leadership.leads(role)).toBe(true);
    }
    await leadership.resign('delivery');
    expect(leadership.leads('delivery')).toBe(false);
    expect(leadership.leads('analysis')).toBe(true);
  });

  // Instances share a database only on PostgreSQL: one SQLite file belongs to one process.
  describe.runIf(TEST_STORE === 'postgres')('among instances sharing a PostgreSQL database', () => {
    it('lets one instance at a time hold a role, and another take it once resigned', async () => {
      const [first, second] = await openSharedTestBackends(2);
      expect(await first!.leadership.tryLead('analysis')).toBe(true);
      expect(await second!.leadership.tryLead('analysis')).toBe(false);
      // Roles are independent: the second may play another.
      expect(await second!.leadership.tryLead('delivery')).toBe(true);
      expect(await first!.leadership.tryLead('delivery')).toBe(false);

      await first!.leadership.resign('analysis');
      expect(await second!.leadership.tryLead('analysis')).toBe(true);
      expect(await first!.leadership.tryLead('analysis')).toBe(false);
    });

    it('frees the roles of an instance whose connection dies, and that instance knows it holds nothing', async () => {
      const [leader, standby] = await openSharedTestBackends(2);
      expect(await leader!.leadership.tryLead('analysis')).toBe(true);
      expect(await leader!.leadership.tryLead('scheduler')).toBe(true);
      // What a SIGKILL or a broken network does: the server ends the leader's role connection.
      const db = (standby as PostgresBackend).db;
      const ended = await db.value<number>(
        `SELECT count(pg_terminate_backend(pid))::int FROM (SELECT DISTINCT pid FROM pg_locks
           WHERE locktype = 'advisory' AND granted AND classid = 1836216167
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) AS holders`,
      );
      expect(ended).toBe(1);

      expect(await standby!.leadership.tryLead('analysis')).toBe(true);
      expect(await standby!.leadership.tryLead('scheduler')).toBe(true);
      expect(await leader!.leadership.tryLead('analysis')).toBe(false);
      expect(leader!.leadership.leads('analysis')).toBe(false);
      expect(leader!.leadership.leads('scheduler')).toBe(false);
    });

    it('frees every role when an instance closes its database', async () => {
      const [leaving, staying] = await openSharedTestBackends(2);
      for (const role of LEADER_ROLES) expect(await leaving!.leadership.tryLead(role)).toBe(true);
      await leaving!.close();
      for (const role of LEADER_ROLES) expect(await staying!.leadership.tryLead(role)).toBe(true);
    });
  });
});
