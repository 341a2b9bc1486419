import { stripWrittenPossessive, type FieldTokens } from './fields.js';
import type { PhrasePattern } from './phrase.js';

interface TrieNode {
  exact: Map<string, TrieNode>;
  /** Edges for words written with a trailing *, keyed by the stem; `prefixLengths` lists the stem lengths present. */
  prefix: Map<string, TrieNode> | undefined;
  prefixLengths: number[];
  /** First letters of the stems, a cheap filter before trying each stem length. */
  prefixHeads: Set<string>;
  patterns: number[];
}

function newNode(): TrieNode {
  return { exact: new Map(), prefix: undefined, prefixLengths: [], prefixHeads: new Set(), patterns: [] };
}

/** Case-sensitive means "same letters, same case"; accents still fold (Intl "case" sensitivity). */
const caseCollator = new Intl.Collator('und', { sensitivity: 'case' });
/** Stems are at least this long (see parsePhrase), so their heads all have this length. */
const PREFIX_HEAD = 3;

export type HitListener = (pattern: number, first: number, end: number) => void;

/**
 * Every phrase of every topic in one trie over folded words: an item's words are each looked up once,
 * whatever the number of topics, and a phrase is only followed as far as the text keeps matching it.
 */
export class PhraseTrie {
  private readonly root = newNode();
  private readonly patterns: PhrasePattern[] = [];
  private readonly ids = new Map<string, number>();

  /** Adds a pattern (or finds the identical one already added) and returns its id. */
  add(pattern: PhrasePattern): number {
    const key = patternKey(pattern);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.patterns.length;
    this.patterns.push(pattern);
    this.ids.set(key, id);
    let node = this.root;
    for (const word of pattern.words) node = word.prefix ? prefixChild(node, word.folded) : exactChild(node, word.folded);
    node.patterns.push(id);
    return id;
  }

  get size(): number {
    return this.patterns.length;
  }

  /** Calls `onHit(patternId, firstToken, endToken)` for each occurrence of each pattern in the field. */
  findAll(field: FieldTokens, onHit: HitListener): void {
    const steps: number[] = [];
    for (let position = 0; position < field.words.length; position += 1) {
      this.walk(this.root, field, position, position, steps, onHit);
    }
  }

  private walk(node: TrieNode, field: FieldTokens, position: number, first: number, steps: number[], onHit: HitListener): void {
    const word = field.words[position];
    if (word === undefined) return;
    this.follow(node.exact.get(word), field, position, position + 1, first, steps, onHit);
    const joined = field.joined[position];
    if (joined !== undefined) this.follow(node.exact.get(joined), field, position, position + 2, first, steps, onHit);
    if (node.prefix === undefined || !node.prefixHeads.has(word.slice(0, PREFIX_HEAD))) return;
    for (const length of node.prefixLengths) {
      if (length > word.length) break;
      this.follow(node.prefix.get(word.slice(0, length)), field, position, position + 1, first, steps, onHit);
    }
  }

  private follow(
    child: TrieNode | undefined,
    field: FieldTokens,
    from: number,
    to: number,
    first: number,
    steps: number[],
    onHit: HitListener,
  ): void {
    if (child === undefined) return;
    steps.push(from, to);
    for (const id of child.patterns) {
      const pattern = this.patterns[id];
      if (pattern && (!pattern.caseSensitive || caseMatches(pattern, field, steps))) onHit(id, first, to);
    }
    if (child.exact.size > 0 || child.prefix !== undefined) this.walk(child, field, to, first, steps, onHit);
    steps.length -= 2;
  }
}

function patternKey(pattern: PhrasePattern): string {
  const words = pattern.words.map((word) => (pattern.caseSensitive ? word.original : word.folded) + (word.prefix ? '*' : ''));
  return `${pattern.caseSensitive ? 'case' : 'fold'}:${words.join(' ')}`;
}

function exactChild(node: TrieNode, word: string): TrieNode {
  let child = node.exact.get(word);
  if (child === undefined) {
    child = newNode();
    node.exact.set(word, child);
  }
  return child;
}

function prefixChild(node: TrieNode, stem: string): TrieNode {
  node.prefix ??= new Map();
  let child = node.prefix.get(stem);
  if (child === undefined) {
    child = newNode();
    node.prefix.set(stem, child);
    node.prefixHeads.add(stem.slice(0, PREFIX_HEAD));
    if (!node.prefixLengths.includes(stem.length)) node.prefixLengths = [...node.prefixLengths, stem.length].sort((a, b) => a - b);
  }
  return child;
}

/** `steps` holds [from, to) token ranges, one per pattern word, of the path just followed. */
function caseMatches(pattern: PhrasePattern, field: FieldTokens, steps: number[]): boolean {
  return pattern.words.every((word, index) => {
    const from = steps[index * 2] ?? 0;
    const to = steps[index * 2 + 1] ?? 0;
    let written = '';
    for (let token = from; token < to; token += 1) {
      written += stripWrittenPossessive(field.text.slice(field.starts[token], field.ends[token]));
    }
    const compared = word.prefix ? written.slice(0, word.original.length) : written;
    return caseCollator.compare(compared, word.original) === 0;
  });
}
