import { describe, expect, it } from 'vitest';
import { CommandError } from '../../src/discord/interactions.js';
import { COMMAND_COOLDOWNS_MS, createCommandLimits, MAX_CONCURRENT_WORK } from '../../src/discord/rate-limits.js';

const ALICE = '1400000000000000011';
const BOB = '1400000000000000012';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof CommandError) return error.message;
    throw error;
  }
  return 'allowed';
}

describe('command limits', () => {
  it('let each member run a costly command once per cooldown, and say when to try again', () => {
    let time = 1_000_000;
    const limits = createCommandLimits(() => time);
    expect(refusal(() => limits.takeCooldown('whosaid', ALICE))).toBe('allowed');
    expect(refusal(() => limits.takeCooldown('whosaid', BOB))).toBe('allowed');
    expect(refusal(() => limits.takeCooldown('quotes', ALICE))).toBe('allowed');
    time += 1_500;
    expect(refusal(() => limits.takeCooldown('whosaid', ALICE))).toBe(
      '/whosaid runs once every 5 seconds per member, so that nobody slows it down for everyone: try again in 4 seconds.',
    );
    time += COMMAND_COOLDOWNS_MS.whosaid;
    expect(refusal(() => limits.takeCooldown('whosaid', ALICE))).toBe('allowed');
    limits.takeCooldown('digest now', ALICE);
    time += 1_000;
    expect(refusal(() => limits.takeCooldown('digest now', ALICE))).toMatch(/^\/digest now runs once every 60 seconds per member.*try again in 59 seconds\.$/u);
  });

  it('cap the articles read at once, and free a slot when one is done', () => {
    const limits = createCommandLimits(() => 0);
    const slots = Array.from({ length: MAX_CONCURRENT_WORK.article }, () => limits.takeSlot('article'));
    expect(refusal(() => limits.takeSlot('article'))).toBe(`wirewatch is already reading ${MAX_CONCURRENT_WORK.article} articles for members: try again in 10 seconds.`);
    slots[0]?.();
    slots[0]?.();
    expect(refusal(() => limits.takeSlot('article'))).toBe('allowed');
    expect(refusal(() => limits.takeSlot('article'))).toMatch(/try again in 10 seconds/u);
  });

  it('cap the charts drawn at once apart from the articles read', () => {
    const limits = createCommandLimits(() => 0);
    const articles = Array.from({ length: MAX_CONCURRENT_WORK.article }, () => limits.takeSlot('article'));
    const charts = Array.from({ length: MAX_CONCURRENT_WORK.chart }, () => limits.takeSlot('chart'));
    expect(refusal(() => limits.takeSlot('chart'))).toBe(`wirewatch is already drawing ${MAX_CONCURRENT_WORK.chart} charts for members: try again in 10 seconds.`);
    charts[1]?.();
    expect(refusal(() => limits.takeSlot('chart'))).toBe('allowed');
    expect(articles).toHaveLength(MAX_CONCURRENT_WORK.article);
  });
});
