import { describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../../src/analysis/stories/clusterer.js';
import type { ClusterItem } from '../../../src/analysis/stories/features.js';
import { seededRandom } from '../../support/random.js';

/** Synthetic reports: Zipf-distributed vocabulary (a few words everywhere, most words rare), as in real copy. */
function syntheticItems(count: number, spanHours: number): ClusterItem[] {
  const next = seededRandom(42);
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x`);
  const people = Array.from({ length: 80 }, (_, i) => `person-${i}`);
  const zipf = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(Math.exp(next() * Math.log(vocabulary.length))))]!;
  const sentence = (length: number) => Array.from({ length }, zipf).join(' ');
  const start = Date.parse('2025-08-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => ({
    id: `item-${i}`,
    outlet: `outlet-${i % 40}`,
    publishedAt: new Date(start + (i / count) * spanHours * 3_600_000),
    title: sentence(10),
    lede: `${sentence(35)}.`,
    people: [people[Math.floor(next() * people.length)]!, people[Math.floor(next() * people.length)]!],
  }));
}

describe('StoryClusterer performance', () => {
  it('assigns an item cheaply with 10,000 items in the window', () => {
    const windowItems = 10_000;
    const measured = 300;
    const items = syntheticItems(windowItems + measured, 47);
    const clusterer = new StoryClusterer({ windowHours: 48 });
    // Filled the way the pipeline rebuilds state at start-up: stored items restored into their stories.
    items.slice(0, windowItems).forEach((item, index) => clusterer.restore(item, `story-${index % 2_500}`));
    expect(clusterer.itemCount).toBe(windowItems);

    const wallStart = performance.now();
    const cpuStart = process.cpuUsage();
    for (const item of items.slice(windowItems)) clusterer.assign(item);
    const cpuPerItem = process.cpuUsage(cpuStart).user / 1000 / measured;
    const wallPerItem = (performance.now() - wallStart) / measured;
    console.log(
      `StoryClusterer.assign: ${cpuPerItem.toFixed(3)} ms CPU (${wallPerItem.toFixed(3)} ms wall) per item ` +
        `with ${windowItems} items in the window`,
    );
    expect(clusterer.itemCount).toBe(windowItems + measured);
    // CPU time, not wall time: the machine is shared and other processes only add waiting.
    expect(cpuPerItem).toBeLessThan(5);
  });
});
