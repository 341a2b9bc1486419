import type { TopicDefinition } from '../../src/analysis/topics/schema.js';
import { pick, seededRandom } from './random.js';

/**
 * Generated topics for the benchmark and the scale test, shaped like moderator-written ones: a signature
 * phrase unique to each topic, a few news words shared by many topics (so many topics become candidates for a
 * typical headline, as they would in a busy guild), a proximity rule, context and an exclusion.
 * Deterministic for a given seed.
 */

const QUALIFIERS = [
  'amber', 'cobalt', 'granite', 'harbour', 'northern', 'silver', 'eastern', 'frozen', 'coastal', 'iron',
  'southern', 'river', 'upland', 'steppe', 'border', 'western', 'copper', 'forest', 'island', 'valley',
  'quiet', 'rapid', 'central', 'open', 'narrow', 'deep', 'high', 'long', 'bright', 'green',
];
const SUBJECTS = [
  'corridor', 'convoy', 'accord', 'pipeline', 'treaty', 'reactor', 'airbase', 'grain deal', 'port', 'railway',
  'bridge', 'summit', 'sanctions', 'embargo', 'tariffs', 'election', 'parliament', 'referendum', 'ceasefire', 'blockade',
  'exchange', 'mission', 'observers', 'frontier', 'dam', 'refinery', 'fleet', 'brigade', 'loan', 'aid package',
  'reform', 'inquiry', 'protest', 'strike', 'council', 'charter', 'forum', 'compact',
];
const NEWS_WORDS = [
  'Ukraine', 'Russia', 'Kyiv', 'Moscow', 'talks', 'missile', 'drone', 'peace', 'NATO', 'Europe', 'sanctions', 'energy',
  'troops', 'president', 'minister', 'Washington', 'deal', 'war', 'attack', 'negotiations', 'security', 'grain', 'Kremlin',
  'Black Sea', 'front line', 'aid', 'weapons', 'envoy', 'summit', 'elections',
];
const CONTEXT_WORDS = ['Ukraine', 'Russia', 'Europe', 'war', 'Kyiv', 'Moscow', 'Brussels'];
const EXCLUSIONS = ['football', 'recipe', 'horoscope', 'crossword', 'box office'];


/** The phrase only topic `index` has ("amber corridor"); an item titled with it matches that topic. */
export function syntheticSignature(index: number): string {
  const qualifier = QUALIFIERS[index % QUALIFIERS.length] as string;
  const subject = SUBJECTS[Math.floor(index / QUALIFIERS.length) % SUBJECTS.length] as string;
  const round = Math.floor(index / (QUALIFIERS.length * SUBJECTS.length));
  return round === 0 ? `${qualifier} ${subject}` : `${qualifier} ${subject} ${round}`;
}

export function generateSyntheticTopics(count: number, seed = 1): TopicDefinition[] {
  const next = seededRandom(seed);
  return Array.from({ length: count }, (_, index) => {
    const shared = [pick(next, NEWS_WORDS), pick(next, NEWS_WORDS), `${pick(next, NEWS_WORDS)} ${pick(next, SUBJECTS)}`];
    return {
      id: `synthetic-${index}`,
      name: `Synthetic topic ${index}`,
      description: `Generated topic ${index} for benchmarks and scale tests.`,
      threshold: 3,
      rules: {
        context: [pick(next, CONTEXT_WORDS), pick(next, CONTEXT_WORDS), syntheticSignature(index)],
        anyOf: [
          { label: 'signature', terms: [syntheticSignature(index)], weight: 3 },
          { label: 'shared news words', terms: shared, weight: 0.25 },
        ],
        near: [{ terms: [pick(next, NEWS_WORDS)], near: [`${pick(next, SUBJECTS)}*`], within: 5, weight: 0.25, required: false }],
        exclude: [pick(next, EXCLUSIONS)],
      },
    };
  });
}
