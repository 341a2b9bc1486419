import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../../src/analysis/stories/clusterer.js';
import { pairwiseScores } from './pairwise.js';

interface FixtureItem {
  id: string;
  event: string;
  outlet: string;
  publishedAt: string;
  title: string;
  lede: string;
  people: string[];
}

function load(name: string): FixtureItem[] {
  const text = readFileSync(new URL(`../../fixtures/stories/${name}`, import.meta.url), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as FixtureItem);
}

/** Feeds the items in publication order, as the pipeline does, and returns each item's story. */
function cluster(items: FixtureItem[]): Map<string, string> {
  const clusterer = new StoryClusterer();
  const storyOf = new Map<string, string>();
  for (const item of [...items].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt))) {
    storyOf.set(item.id, clusterer.assign({ ...item, publishedAt: new Date(item.publishedAt) }).storyId);
  }
  return storyOf;
}

const files = ['peace-talks-items.jsonl', 'autumn-2025-items.jsonl'];
const all = files.flatMap(load);

describe('story clustering on the labelled fixtures', () => {
  it('has a realistic test set: 40+ items, 10+ events, several outlets', () => {
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((item) => item.event)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(all.map((item) => item.outlet)).size).toBeGreaterThanOrEqual(8);
  });

  it('reaches pairwise precision and recall of "same story" of at least 0.9', () => {
    const storyOf = cluster(all);
    for (const file of files) {
      const items = load(file);
      const scores = pairwiseScores(items.map((item) => item.event), items.map((item) => storyOf.get(item.id)!));
      console.log(`${file}: pairwise precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)} (${items.length} items)`);
    }
    const scores = pairwiseScores(all.map((item) => item.event), all.map((item) => storyOf.get(item.id)!));
    console.log(
      `all fixtures: pairwise precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)} ` +
        `(${all.length} items, ${scores.truePairs} same-story pairs)`,
    );
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps different events on the same topic on the same day apart', () => {
    const storyOf = cluster(all);
    const storiesOf = (event: string) => new Set(all.filter((item) => item.event === event).map((item) => storyOf.get(item.id)));
    const apart = [
      ['kharkiv-strike-aug18', 'odesa-strike-aug18'],
      ['witkoff-putin-aug', 'rubio-sybiha-aug'],
      ['jeddah-ceasefire', 'moscow-drone-attack'],
      ['kyiv-strike-aug28', 'dnipro-strike-aug28'],
      ['budapest-cancelled', 'rosneft-lukoil-sanctions'],
    ];
    for (const [first, second] of apart) {
      const overlap = [...storiesOf(first!)].filter((story) => storiesOf(second!).has(story));
      expect(overlap, `${first} and ${second} share a story`).toEqual([]);
    }
  });
});
