import type { CompiledRules, PatternUsage, TopicUsages } from './compile.js';
import { evaluateTopic, type TopicHit, type TopicMatch } from './evaluate.js';
import { FIELDS, itemFields, type FieldTokens, type MatchableItem } from './fields.js';
import { TopicCandidates } from './candidates.js';
import { WordSpans } from '../../text/words.js';

/** Where a pattern occurred in the item. */
interface Occurrence {
  field: FieldTokens;
  first: number;
  end: number;
}

/**
 * Matches items against compiled topics. Build it once with compileTopics, then call match() per item.
 * The item's words are looked up once in a trie of all topics' phrases; a topic is only looked at when one
 * of its scoring terms occurs, and only explained when its best possible score reaches its threshold.
 * So the cost follows the item and the topics it touches, not the number of topics.
 */
export class TopicMatcher {
  private readonly candidates: TopicCandidates;
  /** Scratch per item: each pattern's occurrences, in reading order (emptied after each item). */
  private readonly occurrences: (Occurrence[] | undefined)[];
  /** Scratch per item: the words of its fields. */
  private readonly words = new WordSpans();

  constructor(private readonly rules: CompiledRules) {
    this.candidates = new TopicCandidates(rules);
    this.occurrences = new Array<Occurrence[] | undefined>(rules.trie.size).fill(undefined);
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
    const { candidates } = this;
    for (const field of itemFields(item, this.words)) {
      const fieldIndex = FIELDS.indexOf(field.field);
      this.rules.trie.findAll(field, (pattern, first, end) => {
        const found = this.occurrences[pattern];
        const seenInField = found !== undefined && found[found.length - 1]?.field === field;
        if (found === undefined) {
          this.occurrences[pattern] = [{ field, first, end }];
          occurredPatterns.push(pattern);
          candidates.noteFirstInItem(pattern);
        } else found.push({ field, first, end });
        if (!seenInField) candidates.noteFirstInField(pattern, fieldIndex);
      });
    }
    const worthEvaluating = candidates.take(everyCandidate, occurredPatterns);
    const results: TopicMatch[] = [];
    try {
      for (const index of worthEvaluating) {
        const topic = this.rules.topics[index];
        const result = topic && evaluateTopic(topic, this.hitsOf(index, topic.hasIgnoreRules, occurredPatterns), everyCandidate);
        if (result) results.push(result);
      }
    } finally {
      for (const pattern of occurredPatterns) this.occurrences[pattern] = undefined;
    }
    return results.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }

  /**
   * The topic's hits, pattern by pattern in the order they first occurred. Only the first context hit and the first
   * exclude hit can matter (the first one found decides) unless an ignore phrase could discount them: skipping the
   * rest keeps article bodies, where "Ukraine" and "Kyiv" occur dozens of times, cheap.
   */
  private hitsOf(topic: number, hasIgnoreRules: boolean, occurredPatterns: readonly number[]): TopicHit[] {
    const hits: TopicHit[] = [];
    let contextFound = false;
    let exclusionFound = false;
    for (const pattern of occurredPatterns) {
      const usages = usagesOfTopic(this.rules.usageGroups[pattern], topic);
      const found = this.occurrences[pattern];
      if (usages === undefined || found === undefined) continue;
      for (const usage of usages) {
        let count = found.length;
        if (!hasIgnoreRules && usage.role === 'context') {
          count = contextFound ? 0 : 1;
          contextFound = true;
        } else if (!hasIgnoreRules && usage.role === 'exclude') {
          count = exclusionFound ? 0 : 1;
          exclusionFound = true;
        }
        for (let index = 0; index < count; index += 1) {
          const occurrence = found[index];
          if (occurrence) hits.push({ usage, field: occurrence.field, first: occurrence.first, end: occurrence.end });
        }
      }
    }
    return hits;
  }
}

/** The topic's group among a pattern's usage groups (which are in topic order): a binary search. */
function usagesOfTopic(groups: readonly TopicUsages[] | undefined, topic: number): PatternUsage[] | undefined {
  if (groups === undefined) return undefined;
  let low = 0;
  let high = groups.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const group = groups[middle];
    if (group === undefined) return undefined;
    if (group.topic === topic) return group.usages;
    if (group.topic < topic) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}
