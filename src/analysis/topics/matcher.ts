import { usagesOfTopic, type CompiledRules } from './compile.js';
import { explainTopic, MAX_HITS_SHOWN, scoreTopic, summarizeTopic, type TopicHit, type TopicMatch, type TopicScore } from './evaluate.js';
import { STORED_EXPLANATION_LIMITS } from './explanation-cap.js';
import { quickScorable, quickScore, quickSummary, type QuickScore } from './quick-score.js';
import { FIELDS, itemFields, publicationTime, type FieldTokens, type MatchableItem } from './fields.js';
import { FIRST_IN_ITEM, PatternOccurrences, SEEN_BEFORE } from './occurrences.js';
import { TopicCandidates } from './candidates.js';
import { WordSpans } from '../../text/words.js';

/**
 * Matches items against compiled topics. Build it once with compileTopics, then call match() per item.
 * The item's words are looked up once in a trie of all topics' phrases; a topic is only looked at when one
 * of its scoring terms occurs, and only explained when its best possible score reaches its threshold.
 * So the cost follows the item and the topics it touches, not the number of topics.
 */
export class TopicMatcher {
  private readonly candidates: TopicCandidates;
  /** Scratch per item: each pattern's occurrences, in reading order (emptied after each item). */
  private readonly occurrences: PatternOccurrences;
  /** Scratch per item: the words of its fields. */
  private readonly words = new WordSpans();
  /** Scratch per topic evaluated: hits kept per group and field (group × 3 fields + field); see hitsOf. */
  private readonly groupFieldHits: Uint8Array;
  /** Per topic, the patterns it uses: a topic with fewer of them than the item has patterns reads only its own. */
  private readonly patternsOfTopic: number[][];
  /** Scratch per topic evaluated: its patterns that occurred. */
  private readonly topicOccurred: number[] = [];
  /** Per topic, whether it is made of groups only, so that quickScore can score it without its hits. */
  private readonly scorableQuickly: boolean[];

  constructor(private readonly rules: CompiledRules) {
    this.candidates = new TopicCandidates(rules);
    this.occurrences = new PatternOccurrences(rules.trie.size);
    this.patternsOfTopic = rules.topics.map(() => []);
    rules.usageGroups.forEach((groups, pattern) => {
      for (const group of groups) this.patternsOfTopic[group.topic]?.push(pattern);
    });
    this.scorableQuickly = quickScorable(rules);
    this.groupFieldHits = new Uint8Array(FIELDS.length * Math.max(0, ...rules.topics.map((topic) => topic.signals.length)));
  }

  get topicIds(): string[] {
    return this.rules.topics.map((topic) => topic.id);
  }

  /** Topics the item matches, best score first, each with its explanation. Pure: same item, same result. */
  match(item: MatchableItem): TopicMatch[] {
    return this.run(item, false);
  }

  /**
   * Every topic with a scoring term in the item, matched or not, with the reason (below threshold, excluded,
   * missing context or required group): what a moderator needs to see why an alert did or did not fire.
   */
  evaluate(item: MatchableItem): TopicMatch[] {
    return this.run(item, true);
  }

  private run(item: MatchableItem, everyCandidate: boolean): TopicMatch[] {
    const occurredPatterns: number[] = [];
    const { candidates, occurrences } = this;
    const { fieldsCounted } = this.rules;
    // A field's index in the item's fields is its index in FIELDS: a body only comes after a lede.
    const fields = itemFields(item, this.words);
    fields.forEach((field, fieldIndex) => {
      this.rules.trie.findAll(field, (pattern, first, end) => {
        if ((((fieldsCounted[pattern] ?? 0) >> fieldIndex) & 1) === 0) return;
        const seen = occurrences.add(pattern, fieldIndex, first, end);
        if (seen === FIRST_IN_ITEM) {
          occurredPatterns.push(pattern);
          candidates.noteFirstInItem(pattern);
        }
        if (seen !== SEEN_BEFORE) candidates.noteFirstInField(pattern, fieldIndex);
      }, fieldIndex);
    });
    const time = publicationTime(item);
    const worthEvaluating = candidates.take(everyCandidate, occurredPatterns, time);
    const scores: (TopicScore | QuickScore)[] = [];
    const { topics, usageGroups } = this.rules;
    try {
      for (const index of worthEvaluating) {
        const topic = topics[index];
        if (topic === undefined) continue;
        if (!everyCandidate && this.scorableQuickly[index]) {
          const own = this.patternsOfTopic[index] ?? [];
          const quick = quickScore(index, topic, own.length < occurredPatterns.length ? own : occurredPatterns, usageGroups, occurrences, this.groupFieldHits, time);
          if (quick) scores.push(quick);
          continue;
        }
        const scoring = scoreTopic(topic, this.hitsOf(index, topic.hasIgnoreRules, occurredPatterns, fields), time);
        if (everyCandidate || scoring.status === 'matched') scores.push(scoring);
      }
      // Ties by id in code-unit order: localeCompare costs a microsecond a call, and many guild topics tie.
      scores.sort((a, b) => b.score - a.score || (a.topic.id < b.topic.id ? -1 : a.topic.id > b.topic.id ? 1 : 0));
      // Only the best topics' explanations are stored with their words (explanation-cap.ts); the rest are written as
      // the cap would leave them, since finding their words would cost more than matching when a server's topics
      // match nearly every item.
      return scores.map((scored, rank) => {
        const explained = everyCandidate || rank < STORED_EXPLANATION_LIMITS.topicsWithHits;
        if ('index' in scored) {
          return explained ? explainTopic(scoreTopic(scored.topic, this.hitsOf(scored.index, false, occurredPatterns, fields), time)) : quickSummary(scored);
        }
        return explained ? explainTopic(scored) : summarizeTopic(scored);
      });
    } finally {
      occurrences.clear(occurredPatterns);
    }
  }

  /**
   * The topic's hits, pattern by pattern in the order they first occurred. Only the first context hit and the first
   * exclude hit can matter (the first one found decides) unless an ignore phrase could discount them: skipping the
   * rest keeps article bodies, where "Ukraine" and "Kyiv" occur dozens of times, cheap. Likewise a group scores at its
   * best field and shows at most MAX_HITS_SHOWN hits, so it keeps that many per field (all terms together): a group of
   * words every article repeats costs no more than one of rare words.
   */
  private hitsOf(topic: number, hasIgnoreRules: boolean, occurredPatterns: readonly number[], fields: readonly FieldTokens[]): TopicHit[] {
    const hits: TopicHit[] = [];
    const { occurrences, groupFieldHits } = this;
    const signals = this.rules.topics[topic]?.signals ?? [];
    groupFieldHits.fill(0, 0, FIELDS.length * signals.length);
    let contextFound = false;
    let exclusionFound = false;
    for (const pattern of this.occurredOf(topic, occurredPatterns)) {
      const usages = usagesOfTopic(this.rules.usageGroups[pattern], topic);
      if (usages === undefined) continue;
      for (const usage of usages) {
        let firstOnly = false;
        if (!hasIgnoreRules && usage.role === 'context') {
          if (contextFound) continue;
          contextFound = firstOnly = true;
        } else if (!hasIgnoreRules && usage.role === 'exclude') {
          if (exclusionFound) continue;
          exclusionFound = firstOnly = true;
        }
        const capped = !hasIgnoreRules && usage.role === 'signal' && signals[usage.signal]?.kind === 'group';
        for (let occurrence = occurrences.first(pattern); occurrence >= 0; occurrence = occurrences.next(occurrence)) {
          const fieldIndex = occurrences.field(occurrence);
          if (capped) {
            const slot = usage.signal * FIELDS.length + fieldIndex;
            // Fields come in reading order: past a full body (the last field) nothing more can be kept.
            if ((groupFieldHits[slot] ?? 0) >= MAX_HITS_SHOWN) {
              if (fieldIndex === FIELDS.length - 1) break;
              continue;
            }
            groupFieldHits[slot] = (groupFieldHits[slot] ?? 0) + 1;
          }
          const field = fields[fieldIndex];
          if (field) hits.push({ usage, field, first: occurrences.firstWord(occurrence), end: occurrences.endWord(occurrence) });
          if (firstOnly) break;
        }
      }
    }
    return hits;
  }

  /**
   * The topic's patterns that occurred, in the order they first occurred (occurrences are numbered in reading order):
   * with many candidate topics, each reading every pattern the item has would cost patterns × topics.
   */
  private occurredOf(topic: number, occurredPatterns: readonly number[]): readonly number[] {
    const own = this.patternsOfTopic[topic] ?? [];
    if (own.length >= occurredPatterns.length) return occurredPatterns;
    const { occurrences, topicOccurred } = this;
    topicOccurred.length = 0;
    for (const pattern of own) if (occurrences.first(pattern) >= 0) topicOccurred.push(pattern);
    return topicOccurred.sort((a, b) => occurrences.first(a) - occurrences.first(b));
  }
}
