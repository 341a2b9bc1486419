/**
 * The shipped topics (config/topics.json) against two labelled development sets in test/fixtures/topics/:
 * - dev-set.jsonl: 271 items, each with a title and a lede;
 * - real-world.jsonl: 280 items written the way real feeds carry them (aggregator titles with the outlet appended,
 *   Russian state outlets' phrasing, transliterations, all caps, typos; 226 title-only; 131 off-topic, most of them
 *   neighbouring news: strikes in other wars, other summits and coalitions, Crimean holidays, other NATO members).
 *
 * Before the rules were reworked for real-world items (issue 15), they scored: dev set F1 0.948 (off-topic false
 * positives 0/102); real-world set F1 0.633, off-topic false positives 7/131 (5.3%); both sets together micro F1 0.826,
 * off-topic false positives 7/233 (3.0%); title-only items F1 0.609.
 */
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
import type { TopicMatcher } from '../../../src/analysis/topics/matcher.js';
import { itWithShared, readShared } from '../../support/shared-material.js';
import { configuredPeople, configuredTopics, projectFile } from './helpers.js';

interface LabelledItem {
  id: string;
  outlet: string;
  title: string;
  /** Absent for title-only items, as many feeds give no description. */
  summary?: string;
  published?: string;
  labels: string[];
  /** Topics this item is a deliberate lure for (Crimean recipes for "crimea", a rail strike for "russian-strikes"...). */
  hardNegativeFor: string[];
}

const TOPIC_IDS = [
  'nato-membership',
  'crimea',
  'security-guarantees',
  'coalition-of-the-willing',
  'territory-and-referendum',
  'white-house-talks',
  'alaska-summit',
  'budapest-memorandum',
  'russian-strikes',
  'ceasefire-and-peace-deal',
];

function compiledMatcher(): TopicMatcher {
  const compiled = compileTopics(configuredTopics(), configuredPeople());
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.matcher;
}

function labelledItems(file: string): LabelledItem[] {
  return projectFile(`test/fixtures/topics/${file}`)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledItem);
}

interface Scores {
  items: number;
  f1: number;
  precision: number;
  recall: number;
  offTopic: number;
  offTopicMatched: number;
  lures: number;
  luresTaken: number;
  mistakes: string[];
}

function score(matcher: TopicMatcher, items: readonly LabelledItem[]): Scores {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let offTopic = 0;
  let offTopicMatched = 0;
  let lures = 0;
  let luresTaken = 0;
  const mistakes: string[] = [];
  for (const item of items) {
    const found = new Set(matcher.match(item).map((match) => match.topicId));
    for (const topic of found) {
      if (item.labels.includes(topic)) truePositives += 1;
      else {
        falsePositives += 1;
        mistakes.push(`FP ${topic}: ${item.id} ${item.title}`);
      }
    }
    for (const topic of item.labels) {
      if (!found.has(topic)) {
        falseNegatives += 1;
        mistakes.push(`FN ${topic}: ${item.id} ${item.title}`);
      }
    }
    if (item.labels.length === 0) {
      offTopic += 1;
      if (found.size > 0) offTopicMatched += 1;
    }
    for (const topic of item.hardNegativeFor) {
      lures += 1;
      if (found.has(topic)) luresTaken += 1;
    }
  }
  const precision = truePositives / (truePositives + falsePositives);
  const recall = truePositives / (truePositives + falseNegatives);
  const f1 = (2 * precision * recall) / (precision + recall);
  return { items: items.length, f1, precision, recall, offTopic, offTopicMatched, lures, luresTaken, mistakes };
}

function summary(name: string, scores: Scores): string {
  const { items, precision, recall, f1, offTopicMatched, offTopic } = scores;
  const rate = offTopic === 0 ? 0 : (100 * offTopicMatched) / offTopic;
  return (
    `${name} (${items} items): micro precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}; ` +
    `off-topic items matching a topic ${offTopicMatched}/${offTopic} = ${rate.toFixed(1)}%`
  );
}

const devSet = labelledItems('dev-set.jsonl');
const realWorld = labelledItems('real-world.jsonl');
const both = [...devSet, ...realWorld];
const titleOnly = both.filter((item) => item.summary === undefined);

describe('config/topics.json', () => {
  const matcher = compiledMatcher();

  it('ships the ten topics', () => {
    expect(configuredTopics().map((topic) => topic.id)).toEqual(TOPIC_IDS);
  });

  it('the development sets are large and hard enough to mean something', () => {
    expect(devSet.length).toBeGreaterThanOrEqual(150);
    expect(devSet.filter((item) => item.hardNegativeFor.length > 0).length).toBeGreaterThanOrEqual(devSet.length / 3);
    expect(both.filter((item) => item.labels.length > 1).length).toBeGreaterThanOrEqual(30);
    expect(realWorld.length).toBeGreaterThanOrEqual(250);
    expect(realWorld.filter((item) => item.summary === undefined).length).toBeGreaterThanOrEqual(realWorld.length / 4);
    expect(realWorld.filter((item) => item.labels.length === 0).length).toBeGreaterThanOrEqual(realWorld.length * 0.4);
    expect(new Set(both.map((item) => item.id)).size).toBe(both.length);
    for (const item of both) for (const topic of [...item.labels, ...item.hardNegativeFor]) expect(TOPIC_IDS).toContain(topic);
  });

  it('reaches micro F1 ≥ 0.93 on both sets, ≤ 2% of off-topic items matching, F1 ≥ 0.90 on title-only items', () => {
    const union = score(matcher, both);
    const titles = score(matcher, titleOnly);
    console.log(
      [
        summary('topics dev set', score(matcher, devSet)),
        summary('topics real-world set', score(matcher, realWorld)),
        summary('both sets', union),
        summary('title-only items', titles),
        `hard negatives: ${union.luresTaken}/${union.lures} lures taken`,
        ...union.mistakes,
      ].join('\n'),
    );
    expect(union.f1).toBeGreaterThanOrEqual(0.93);
    expect(union.offTopicMatched / union.offTopic).toBeLessThanOrEqual(0.02);
    expect(titles.f1).toBeGreaterThanOrEqual(0.9);
    expect(union.luresTaken / union.lures).toBeLessThanOrEqual(0.03);
  });

  itWithShared('matches all ten topics in the seed article (title = first line, content = the rest)', () => {
    const text = readShared('seed/ukraine-peace-talks-2025-08.txt').trim();
    const firstLineEnd = text.indexOf('\n');
    const item = { title: text.slice(0, firstLineEnd), content: text.slice(firstLineEnd + 1) };
    expect(matcher.match(item).map((match) => match.topicId).sort()).toEqual([...TOPIC_IDS].sort());
  });
});
