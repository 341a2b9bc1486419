import { describe, expect, it } from 'vitest';
import { FIRST_IN_FIELD, FIRST_IN_ITEM, PatternOccurrences, SEEN_BEFORE } from '../../../src/analysis/topics/occurrences.js';

function listed(occurrences: PatternOccurrences, pattern: number): [number, number, number][] {
  const found: [number, number, number][] = [];
  for (let at = occurrences.first(pattern); at >= 0; at = occurrences.next(at)) found.push([occurrences.field(at), occurrences.firstWord(at), occurrences.endWord(at)]);
  return found;
}

describe('PatternOccurrences', () => {
  it('lists each pattern’s occurrences in reading order and says which are its first in the item or field', () => {
    const occurrences = new PatternOccurrences(3);
    expect(occurrences.add(2, 0, 1, 2)).toBe(FIRST_IN_ITEM);
    expect(occurrences.add(0, 0, 3, 5)).toBe(FIRST_IN_ITEM);
    expect(occurrences.add(2, 0, 6, 7)).toBe(SEEN_BEFORE);
    expect(occurrences.add(2, 2, 40, 41)).toBe(FIRST_IN_FIELD);
    expect(listed(occurrences, 2)).toEqual([[0, 1, 2], [0, 6, 7], [2, 40, 41]]);
    expect(listed(occurrences, 0)).toEqual([[0, 3, 5]]);
    expect(listed(occurrences, 1)).toEqual([]);
  });

  it('grows past its first buffer and starts over after clear', () => {
    const occurrences = new PatternOccurrences(2);
    for (let word = 0; word < 1000; word += 1) occurrences.add(word % 2, 2, word, word + 1);
    expect(listed(occurrences, 1)).toHaveLength(500);
    expect(listed(occurrences, 1)[499]).toEqual([2, 999, 1000]);
    occurrences.clear([0, 1]);
    expect(listed(occurrences, 0)).toEqual([]);
    expect(occurrences.add(1, 1, 0, 1)).toBe(FIRST_IN_ITEM);
    expect(listed(occurrences, 1)).toEqual([[1, 0, 1]]);
  });
});
