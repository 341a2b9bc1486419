import { afterEach, describe, expect, it, vi } from 'vitest';
import { campaign } from '../../src/app/campaign.js';
import type { Leadership, LeaderRole } from '../../src/store/leadership.js';

/** A leadership whose answer the test sets: `free` is whether the database would give this instance the role. */
function switchableLeadership() {
  const state = { free: true, held: false, resigned: 0 };
  const leadership: Leadership = {
    tryLead: async () => (state.held = state.free),
    leads: () => state.held,
    resign: async () => {
      state.held = false;
      state.resigned += 1;
    },
    close: async () => undefined,
  };
  return { state, leadership };
}

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const role: LeaderRole = 'analysis';

afterEach(() => {
  vi.useRealTimers();
});

describe('campaign for a role', () => {
  it('starts the work at once when the role is free, and stops it and resigns when stopped', async () => {
    const { state, leadership } = switchableLeadership();
    const events: string[] = [];
    const running = await campaign(leadership, role, { onElected: () => void events.push('elected'), onDeposed: () => void events.push('deposed'), logger: quiet });
    expect(events).toEqual(['elected']);
    expect(running.leads()).toBe(true);
    await running.stop();
    expect(events).toEqual(['elected', 'deposed']);
    expect(state.resigned).toBe(1);
  });

  it('takes the role over at the next try once it is freed, and stops the work when it is lost', async () => {
    vi.useFakeTimers();
    const { state, leadership } = switchableLeadership();
    state.free = false;
    const events: string[] = [];
    const running = await campaign(leadership, role, { everyMs: 5_000, onElected: () => void events.push('elected'), onDeposed: () => void events.push('deposed'), logger: quiet });
    expect(running.leads()).toBe(false);

    state.free = true;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toEqual(['elected']);

    state.free = false;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(events).toEqual(['elected', 'deposed']);
    expect(running.leads()).toBe(false);
    await running.stop();
    expect(events).toEqual(['elected', 'deposed']);
    expect(state.resigned).toBe(0);
  });

  it('gives the role up when its work cannot start, and tries again later', async () => {
    vi.useFakeTimers();
    const { state, leadership } = switchableLeadership();
    let attempts = 0;
    const running = await campaign(leadership, role, {
      everyMs: 1_000,
      onElected: () => {
        attempts += 1;
        if (attempts === 1) throw new Error('cannot start');
      },
      onDeposed: () => undefined,
      logger: quiet,
    });
    expect(running.leads()).toBe(false);
    expect(state.resigned).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(attempts).toBe(2);
    expect(running.leads()).toBe(true);
    await running.stop();
  });
});
