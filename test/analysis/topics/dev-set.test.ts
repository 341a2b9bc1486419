import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
import type { TopicMatcher } from '../../../src/analysis/topics/matcher.js';
import { itWithShared, readShared } from '../../support/shared-material.js';
import { configuredPeople, configuredTopics, projectFile } from './helpers.js';

interface LabelledItem {
  id: string;
  outlet: string;
  title: string;
  summary: string;
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

const items: LabelledItem[] = projectFile('test/fixtures/topics/dev-set.jsonl')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledItem);

describe('config/topics.json', () => {
  const matcher = compiledMatcher();

  it('ships the ten topics', () => {
    expect(configuredTopics().map((topic) => topic.id)).toEqual(TOPIC_IDS);
  });

  it('the development set is large and hard enough to mean something', () => {
    expect(items.length).toBeGreaterThanOrEqual(150);
    expect(items.filter((item) => item.hardNegativeFor.length > 0).length).toBeGreaterThanOrEqual(items.length / 3);
    expect(items.filter((item) => item.labels.length > 1).length).toBeGreaterThanOrEqual(30);
    for (const item of items) for (const topic of [...item.labels, ...item.hardNegativeFor]) expect(TOPIC_IDS).toContain(topic);
  });

  it('reaches F1 ≥ 0.9 with ≤ 3% false positives on hard negatives', () => {
    let truePositives = 0;
    let falsePositives = 0;
    let falseNegatives = 0;
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
      for (const topic of item.hardNegativeFor) {
        lures += 1;
        if (found.has(topic)) luresTaken += 1;
      }
    }
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    const f1 = (2 * precision * recall) / (precision + recall);
    const hardNegativeFalsePositiveRate = luresTaken / lures;
    console.log(
      `topics dev set (${items.length} items): micro precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, ` +
        `F1 ${f1.toFixed(3)}; false positives on hard negatives ${luresTaken}/${lures} = ${(100 * hardNegativeFalsePositiveRate).toFixed(1)}%\n` +
        mistakes.join('\n'),
    );
    expect(f1).toBeGreaterThanOrEqual(0.9);
    expect(hardNegativeFalsePositiveRate).toBeLessThanOrEqual(0.03);
  });

  itWithShared('matches all ten topics in the seed article (title = first line, content = the rest)', () => {
    const text = readShared('seed/ukraine-peace-talks-2025-08.txt').trim();
    const firstLineEnd = text.indexOf('\n');
    const item = { title: text.slice(0, firstLineEnd), content: text.slice(firstLineEnd + 1) };
    expect(matcher.match(item).map((match) => match.topicId).sort()).toEqual([...TOPIC_IDS].sort());
  });
});
