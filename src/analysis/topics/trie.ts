/**
 * Every phrase of every topic in one word trie, so an item is walked once whatever the number of topics.
 * Each edge is one folded word (exact edges keyed by word-hash) or a stem written with * (keyed by its first three
 * letters). Example: the phrases "peace talks", "peace plan" and "guarantee*" give root → peace → {talks, plan}
 * and root →(stem "gua") guarantee*; "peace talks resume" hits the first pattern at words 0–1.
 */
import { isHyphen, joinedHash, keyMatches, stripWrittenPossessive, type FieldTokens } from './fields.js';
import type { PhrasePattern } from './phrase.js';
import { extendHash, extendHashByCode } from '../../text/word-hash.js';
import { KEY_HEAD_LENGTH } from '../../text/words.js';
import { WordHashTable } from './hash-table.js';

interface TrieNode {
  /** The folded word (or stem) on the edge into this node. */
  word: string;
  /** Exact-word edges by word-hash; words sharing a hash share the list. */
  exact: WordHashTable<TrieNode[]>;
  /**
   * Edges for words written with a trailing * (stems), by word-hash of the stem's first KEY_HEAD_LENGTH letters, which
   * a word's key carries ready-made (WordSpans.keyHead); shortest stem first.
   */
  stems: WordHashTable<TrieNode[]> | undefined;
  patterns: number[];
}

function newNode(word: string): TrieNode {
  return { word, exact: new WordHashTable(), stems: undefined, patterns: [] };
}

/** Case-sensitive means "same letters, same case"; accents still fold (Intl "case" sensitivity). */
const caseCollator = new Intl.Collator('und', { sensitivity: 'case' });
/** The node's stem edges that start with the first letters of word `position`, shortest first. */
function stemsStartingLike(node: TrieNode, field: FieldTokens, position: number): TrieNode[] | undefined {
  const head = field.words.keyHead(position);
  return node.stems === undefined || head < 0 ? undefined : node.stems.get(head);
}

/**
 * Bits of PhraseTrie's start filter, indexed by the low bits of a word-hash: some root edge's word has this hash; some
 * root stem starts with letters of this head hash; some root edge's word starts with letters of this hash (a word
 * that, joined to the next by a hyphen, may make it: "co" of "co-operation"). The last is kept apart because short
 * words ("in", "at", "co") begin many topic words but are seldom hyphen-joined, and walking each of them cost more
 * than the rest of the trie.
 */
const MAY_START_EXACT = 1;
const MAY_START_STEM = 2;
const MAY_START_JOINED = 4;
const START_FILTER_BITS = 16;
const START_FILTER_MASK = (1 << START_FILTER_BITS) - 1;

export type HitListener = (pattern: number, first: number, end: number) => void;

/**
 * Every phrase of every topic in one trie over folded words: an item's words are each looked up once,
 * whatever the number of topics, and a phrase is only followed as far as the text keeps matching it.
 */
export class PhraseTrie {
  private readonly root = newNode('');
  /** A sieve for the first word of a phrase: most words of an article start none, and one array read rules them out. */
  private readonly startFilter = new Uint8Array(1 << START_FILTER_BITS);
  /**
   * The same sieve per field, with only the phrases counted in that field (see scopeStarts): a word that starts only
   * phrases scoped to the title and lede ("talks", "plan") is not walked in an article's body.
   */
  private fieldStartFilters: Uint8Array[] | null = null;
  private readonly patterns: PhrasePattern[] = [];
  private readonly ids = new Map<string, number>();
  /** Scratch for findAll: the token ranges of the path being followed (emptied again as the walk returns). */
  private readonly steps: number[] = [];

  /** Adds a pattern (or finds the identical one already added) and returns its id. */
  add(pattern: PhrasePattern): number {
    const key = patternKey(pattern);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.patterns.length;
    this.patterns.push(pattern);
    this.ids.set(key, id);
    const [firstWord] = pattern.words;
    if (firstWord) noteStart(this.startFilter, firstWord.folded, firstWord.prefix);
    let node = this.root;
    for (const word of pattern.words) node = word.prefix ? prefixChild(node, word.folded) : exactChild(node, word.folded);
    node.patterns.push(id);
    return id;
  }

  /**
   * Narrows the start sieve of each field to the phrases counted there: `fieldsOf[pattern]` has a bit per field
   * index. Call once every pattern is added; hits of the other phrases would be dropped by the matcher anyway.
   */
  scopeStarts(fieldsOf: Uint8Array, fieldCount: number): void {
    this.fieldStartFilters = Array.from({ length: fieldCount }, (_, field) => {
      const filter = new Uint8Array(1 << START_FILTER_BITS);
      this.patterns.forEach((pattern, id) => {
        const [firstWord] = pattern.words;
        if (firstWord && (((fieldsOf[id] ?? 0) >> field) & 1) === 1) noteStart(filter, firstWord.folded, firstWord.prefix);
      });
      return filter;
    });
  }

  get size(): number {
    return this.patterns.length;
  }

  /**
   * Calls `onHit(patternId, firstToken, endToken)` for each occurrence of each pattern in the field (with
   * `fieldIndex`, at least those counted in that field; see scopeStarts).
   */
  findAll(field: FieldTokens, onHit: HitListener, fieldIndex = -1): void {
    const { steps } = this;
    const startFilter = this.fieldStartFilters?.[fieldIndex] ?? this.startFilter;
    const { words } = field;
    for (let position = field.first; position < field.end; position += 1) {
      const head = words.keyHead(position);
      const starts = startFilter[words.keyHash(position) & START_FILTER_MASK] ?? 0;
      if (
        starts & MAY_START_EXACT ||
        (head >= 0 && (startFilter[head & START_FILTER_MASK] ?? 0) & MAY_START_STEM) ||
        (starts & MAY_START_JOINED && hyphenFollows(field, position))
      ) {
        this.walk(this.root, field, position, position, steps, onHit);
      }
    }
  }

  /** Follows every edge out of `node` that word `position` (with the next one, when hyphen-joined) matches. */
  private walk(node: TrieNode, field: FieldTokens, position: number, first: number, steps: number[], onHit: HitListener): void {
    if (position >= field.end) return;
    const { words } = field;
    const length = words.keyLength(position);
    const children = node.exact.get(words.keyHash(position));
    const joined = joinedHash(field, position);
    const joinedChildren = joined < 0 ? undefined : node.exact.get(joined);
    const stems = stemsStartingLike(node, field, position);
    if (children !== undefined) {
      for (const child of children) {
        if (child.word.length === length && keyMatches(field, position, child.word, 0, length)) {
          this.follow(child, field, position, position + 1, first, steps, onHit);
        }
      }
    }
    if (joinedChildren !== undefined) {
      const nextLength = words.keyLength(position + 1);
      for (const child of joinedChildren) {
        const { word } = child;
        if (
          word.length === length + nextLength &&
          keyMatches(field, position, word, 0, length) &&
          keyMatches(field, position + 1, word, length, nextLength)
        ) {
          this.follow(child, field, position, position + 2, first, steps, onHit);
        }
      }
    }
    if (stems === undefined) return;
    for (const child of stems) {
      const stemLength = child.word.length;
      if (stemLength > length) break;
      if (keyMatches(field, position, child.word, 0, stemLength)) this.follow(child, field, position, position + 1, first, steps, onHit);
    }
  }

  private follow(
    child: TrieNode,
    field: FieldTokens,
    from: number,
    to: number,
    first: number,
    steps: number[],
    onHit: HitListener,
  ): void {
    steps.push(from, to);
    for (const id of child.patterns) {
      const pattern = this.patterns[id];
      if (pattern && (!pattern.caseSensitive || caseMatches(pattern, field, steps))) onHit(id, first, to);
    }
    if (child.exact.size > 0 || child.stems !== undefined) this.walk(child, field, to, first, steps, onHit);
    steps.pop();
    steps.pop();
  }
}

/** Marks in `filter` the word-hashes a phrase may start with (every prefix of an exact word, for hyphen-joins). */
function noteStart(filter: Uint8Array, word: string, prefix: boolean): void {
  if (prefix) {
    markStart(filter, stemHead(word), MAY_START_STEM);
    return;
  }
  let hash = 0;
  for (let index = 0; index < word.length; index += 1) {
    hash = extendHashByCode(hash, word.charCodeAt(index));
    markStart(filter, hash, index === word.length - 1 ? MAY_START_EXACT : MAY_START_JOINED);
  }
}

/** Whether word `position` is joined to the next one by a hyphen (as joinedHash reads them). */
function hyphenFollows(field: FieldTokens, position: number): boolean {
  if (position + 1 >= field.end) return false;
  const end = field.words.end(position);
  return field.words.start(position + 1) === end + 1 && isHyphen(field.text.charCodeAt(end));
}

function markStart(filter: Uint8Array, hash: number, bit: number): void {
  const slot = hash & START_FILTER_MASK;
  filter[slot] = (filter[slot] ?? 0) | bit;
}

function patternKey(pattern: PhrasePattern): string {
  const words = pattern.words.map((word) => (pattern.caseSensitive ? word.original : word.folded) + (word.prefix ? '*' : ''));
  return `${pattern.caseSensitive ? 'case' : 'fold'}:${words.join(' ')}`;
}

function exactChild(node: TrieNode, word: string): TrieNode {
  return childByHash(node.exact, word);
}

/** The word-hash of a stem's first KEY_HEAD_LENGTH letters, as WordSpans.keyHead gives it for a word. */
function stemHead(stem: string): number {
  return extendHash(0, stem.slice(0, KEY_HEAD_LENGTH));
}

function prefixChild(node: TrieNode, stem: string): TrieNode {
  node.stems ??= new WordHashTable();
  const head = stemHead(stem);
  const sameHead = node.stems.get(head) ?? [];
  let child = sameHead.find((candidate) => candidate.word === stem);
  if (child === undefined) {
    child = newNode(stem);
    node.stems.set(head, [...sameHead, child].sort((a, b) => a.word.length - b.word.length));
  }
  return child;
}

/** The child for `word` in edges keyed by word-hash, added when missing. */
function childByHash(edges: WordHashTable<TrieNode[]>, word: string): TrieNode {
  const hash = extendHash(0, word);
  const sameHash = edges.get(hash) ?? [];
  let child = sameHash.find((candidate) => candidate.word === word);
  if (child === undefined) {
    child = newNode(word);
    edges.set(hash, [...sameHash, child]);
  }
  return child;
}

/** `steps` holds [from, to) token ranges, one per pattern word, of the path just followed. */
function caseMatches(pattern: PhrasePattern, field: FieldTokens, steps: number[]): boolean {
  for (let index = 0; index < pattern.words.length; index += 1) {
    const word = pattern.words[index];
    const from = steps[index * 2] ?? 0;
    const to = steps[index * 2 + 1] ?? 0;
    if (word === undefined || (to === from + 1 && writtenAs(field, from, word.original, word.prefix))) continue;
    let written = '';
    for (let token = from; token < to; token += 1) {
      written += stripWrittenPossessive(field.text.slice(field.words.start(token), field.words.end(token)));
    }
    const compared = word.prefix ? written.slice(0, word.original.length) : written;
    if (caseCollator.compare(compared, word.original) === 0) continue;
    // A name in an all-caps headline ("TRUMP AND ZELENSKY CLASH") is still the name.
    if (!isAllCaps(written) || caseCollator.compare(compared, word.original.toUpperCase()) !== 0) return false;
  }
  return true;
}

/**
 * Whether a written word has letters and all of them are capitals ("ZELENSKY", "G7"), but is not a single letter;
 * decided without building a string for ASCII letters.
 */
function isAllCaps(written: string): boolean {
  let letters = 0;
  for (let index = 0; index < written.length; index += 1) {
    const code = written.charCodeAt(index);
    if (code >= 0x61 && code <= 0x7a) return false;
    if (code >= 0x41 && code <= 0x5a) letters += 1;
    else if (code > 0x7f) {
      const character = written.charAt(index);
      if (character !== character.toUpperCase()) return false;
      if (character !== character.toLowerCase()) letters += 1;
    }
  }
  return letters > 0 && written.length > 1;
}

/**
 * Whether word `token` is written exactly `original` (possibly followed by a possessive 's), or starts with it for a
 * stem: the common case of a case-sensitive name, decided without building the written word.
 */
function writtenAs(field: FieldTokens, token: number, original: string, prefix: boolean): boolean {
  const start = field.words.start(token);
  if (!field.text.startsWith(original, start)) return false;
  if (prefix) return true;
  const rest = field.words.end(token) - start - original.length;
  return rest === 0 || (rest === 2 && original.length > 0 && stripWrittenPossessive(field.text.slice(start, start + original.length + 2)) === original);
}
