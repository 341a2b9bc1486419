import type { TopicDefinition } from './schema.js';

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

/** A small deterministic PRNG (mulberry32), so generated topic sets are identical across runs. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(list: readonly T[], next: () => number): T {
  return list[Math.floor(next() * list.length)] as T;
}

/** The phrase only topic `index` has ("amber corridor"); an item titled with it matches that topic. */
export function syntheticSignature(index: number): string {
  const qualifier = QUALIFIERS[index % QUALIFIERS.length] as string;
  const subject = SUBJECTS[Math.floor(index / QUALIFIERS.length) % SUBJECTS.length] as string;
  const round = Math.floor(index / (QUALIFIERS.length * SUBJECTS.length));
  return round === 0 ? `${qualifier} ${subject}` : `${qualifier} ${subject} ${round}`;
}

export function generateSyntheticTopics(count: number, seed = 1): TopicDefinition[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, index) => {
    const shared = [pick(NEWS_WORDS, next), pick(NEWS_WORDS, next), `${pick(NEWS_WORDS, next)} ${pick(SUBJECTS, next)}`];
    return {
      id: `synthetic-${index}`,
      name: `Synthetic topic ${index}`,
      description: `Generated topic ${index} for benchmarks and scale tests.`,
      threshold: 3,
      rules: {
        context: [pick(CONTEXT_WORDS, next), pick(CONTEXT_WORDS, next), syntheticSignature(index)],
        anyOf: [
          { label: 'signature', terms: [syntheticSignature(index)], weight: 3 },
          { label: 'shared news words', terms: shared, weight: 0.25 },
        ],
        near: [{ terms: [pick(NEWS_WORDS, next)], near: [`${pick(SUBJECTS, next)}*`], within: 5, weight: 0.25, required: false }],
        exclude: [pick(EXCLUSIONS, next)],
      },
    };
  });
}
