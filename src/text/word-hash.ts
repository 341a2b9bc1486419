/**
 * A 30-bit polynomial hash of folded words. The trie looks words up by this number rather than by string, so that
 * an article's words need no string of their own (V8 hashes a small integer far faster than a fresh string). Equal
 * hashes are only candidates: the trie compares the letters before a hit. Masking to 30 bits at each step gives the
 * same result as masking once, so a hash can be continued ("cease" then "fire" hashes as "ceasefire").
 */
const HASH_MASK = 0x3fffffff;

/** Continues `hash` (0 to start) by one code unit. */
export function extendHashByCode(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) & HASH_MASK;
}

/** Continues `hash` (0 to start) over a folded word. */
export function extendHash(hash: number, word: string): number {
  let next = hash;
  for (let index = 0; index < word.length; index += 1) next = extendHashByCode(next, word.charCodeAt(index));
  return next;
}

/**
 * Continues `hash` over `text[from, to)`, an ASCII word as written: letters, digits and apostrophes, for which
 * `code | 0x20` is the lower-case form (digits and the apostrophe already have that bit).
 */
export function extendHashLowerAscii(hash: number, text: string, from: number, to: number): number {
  let next = hash;
  for (let index = from; index < to; index += 1) next = extendHashByCode(next, text.charCodeAt(index) | 0x20);
  return next;
}
