import { describe, expect, it, vi } from 'vitest';
import { startAnalysisRole } from '../../src/app/analysis.js';
import { createTopics } from '../../src/app/topics.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import { createLogger } from '../../src/logging.js';
import type { PendingProcessor } from '../../src/pipeline/process-pending.js';
import type { Leadership } from '../../src/store/leadership.js';
import { makeConfigDir } from '../support/config-dir.js';
import { openTestStores } from '../support/stores.js';

/** A leadership whose answer the test sets: `free` is whether the database would give this instance the role. */
function switchableLeadership() {
  const state = { free: true, held: false };
  const leadership: Leadership = {
    tryLead: async () => (state.held = state.free),
    leads: () => state.held,
    resign: async () => {
      state.held = false;
    },
    close: async () => undefined,
  };
  return { state, leadership };
}

/** Processors whose runs the test ends, each reporting three items processed. */
function heldProcessors() {
  const built: { stillLeads: () => Promise<boolean> }[] = [];
  const runs: (() => void)[] = [];
  const build = async (stillLeads: () => Promise<boolean>): Promise<PendingProcessor> => {
    built.push({ stillLeads });
    const run = () => new Promise<number>((resolve) => runs.push(() => resolve(3)));
    return { processPending: run, processPendingInBatches: run };
  };
  return { built, runs, build };
}

describe('the analysis role', () => {
  it('processes only while leading, lets the run in flight end when deposed, and builds the processor afresh when elected again', async () => {
    const stores = await openTestStores();
    const logger = createLogger({ level: 'silent', pretty: false });
    const topics = await createTopics(loadAppConfig(makeConfigDir()), stores.guildTopics, Date.now, logger);
    const { state, leadership } = switchableLeadership();
    const processors = heldProcessors();
    let processed = 0;
    const role = await startAnalysisRole({
      leadership,
      stores,
      topics,
      buildProcessor: processors.build,
      lookEveryMs: null,
      campaignEveryMs: 10,
      onProcessed: () => (processed += 1),
      logger,
    });
    expect(role.leads()).toBe(true);
    expect(processors.built).toHaveLength(1);
    expect(await processors.built[0]!.stillLeads()).toBe(true);

    const inFlight = role.processPending();
    state.free = false;
    await vi.waitFor(() => expect(role.leads()).toBe(false), { interval: 5 });
    expect(await processors.built[0]!.stillLeads()).toBe(false);
    // Deposed: nothing more runs here, and the run in flight is waited for, not cut off.
    expect(await role.processPending()).toBe(0);
    processors.runs[0]!();
    expect(await inFlight).toBe(3);
    expect(processed).toBe(1);

    state.free = true;
    await vi.waitFor(() => expect(role.leads()).toBe(true), { interval: 5 });
    expect(processors.built).toHaveLength(2);
    const again = role.processPending();
    processors.runs[1]!();
    expect(await again).toBe(3);

    await role.stop();
    expect(state.held).toBe(false);
    expect(role.leads()).toBe(false);
  });
});
