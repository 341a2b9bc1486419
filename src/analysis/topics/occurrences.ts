/**
 * Where each pattern occurred in an item: four integers per occurrence (field, first word, end word, next
 * occurrence of the same pattern), so each pattern's occurrences form a linked list in one Int32Array.
 * Example: "Trump met Zelensky; Trump said" → pattern "trump" has [title, 0, 1, →1] and [title, 4, 5, end].
 */
/** Per occurrence in PatternOccurrences' buffer: field index, first word, end word, next occurrence of the pattern. */
const STRIDE = 4;
const NONE = -1;

/** What an occurrence is to its pattern: its first in the item, its first in this field, or neither. */
export const FIRST_IN_ITEM = 2;
export const FIRST_IN_FIELD = 1;
export const SEEN_BEFORE = 0;

/**
 * Where each pattern occurred in one item, in reading order: a list per pattern, linked through one packed
 * Int32Array that the matcher keeps and refills for every item. Articles repeat their common terms dozens of times,
 * and an object per occurrence was a fifth of everything matching allocated.
 */
export class PatternOccurrences {
  private buffer = new Int32Array(STRIDE * 64);
  private count = 0;
  private readonly firstOf: Int32Array;
  private readonly lastOf: Int32Array;

  constructor(patterns: number) {
    this.firstOf = new Int32Array(patterns).fill(NONE);
    this.lastOf = new Int32Array(patterns).fill(NONE);
  }

  /** Records that `pattern` occurred over words [first, end) of field `field`; says whether it had before. */
  add(pattern: number, field: number, first: number, end: number): number {
    const occurrence = this.count;
    const at = occurrence * STRIDE;
    if (at + STRIDE > this.buffer.length) this.grow();
    const { buffer } = this;
    buffer[at] = field;
    buffer[at + 1] = first;
    buffer[at + 2] = end;
    buffer[at + 3] = NONE;
    this.count += 1;
    const last = this.lastOf[pattern] ?? NONE;
    this.lastOf[pattern] = occurrence;
    if (last === NONE) {
      this.firstOf[pattern] = occurrence;
      return FIRST_IN_ITEM;
    }
    buffer[last * STRIDE + 3] = occurrence;
    return buffer[last * STRIDE] === field ? SEEN_BEFORE : FIRST_IN_FIELD;
  }

  /** The pattern's first occurrence, -1 when it has none; follow with next(). */
  first(pattern: number): number {
    return this.firstOf[pattern] ?? NONE;
  }

  /** The pattern's occurrence after this one, -1 after its last. */
  next(occurrence: number): number {
    return this.buffer[occurrence * STRIDE + 3] ?? NONE;
  }

  field(occurrence: number): number {
    return this.buffer[occurrence * STRIDE] ?? 0;
  }

  firstWord(occurrence: number): number {
    return this.buffer[occurrence * STRIDE + 1] ?? 0;
  }

  endWord(occurrence: number): number {
    return this.buffer[occurrence * STRIDE + 2] ?? 0;
  }

  /** Forgets the item; `patterns` are all those that occurred in it. */
  clear(patterns: readonly number[]): void {
    for (const pattern of patterns) {
      this.firstOf[pattern] = NONE;
      this.lastOf[pattern] = NONE;
    }
    this.count = 0;
  }

  private grow(): void {
    const grown = new Int32Array(this.buffer.length * 2);
    grown.set(this.buffer);
    this.buffer = grown;
  }
}
