/**
 * WordHashTable: word-hash → value, open addressing in an Int32Array of keys beside an array of values.
 * Example: set(hash("peace"), node) puts the key in slot hash & (size − 1), or the next free slot after it;
 * get(hash("peace")) probes from the same slot until it finds the key or an empty slot (-1).
 */
const EMPTY = -1;
/** At most this share of slots is used, so that a lookup rarely probes more than one slot. */
const MAX_LOAD = 0.25;

/**
 * A map from word-hashes (non-negative 30-bit integers) to values: open addressing over an Int32Array. The trie
 * looks up every word of every item at its root, and this inline probe costs a fraction of a Map lookup.
 */
export class WordHashTable<Value> {
  private keys = new Int32Array(8).fill(EMPTY);
  private values: (Value | undefined)[] = new Array<Value | undefined>(8).fill(undefined);
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(hash: number): Value | undefined {
    const mask = this.keys.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const key = this.keys[slot];
      if (key === hash) return this.values[slot];
      if (key === EMPTY) return undefined;
    }
  }

  set(hash: number, value: Value): void {
    if ((this.count + 1) / this.keys.length > MAX_LOAD) this.grow();
    const mask = this.keys.length - 1;
    let slot = hash & mask;
    while (this.keys[slot] !== EMPTY && this.keys[slot] !== hash) slot = (slot + 1) & mask;
    if (this.keys[slot] === EMPTY) this.count += 1;
    this.keys[slot] = hash;
    this.values[slot] = value;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2).fill(EMPTY);
    this.values = new Array<Value | undefined>(oldKeys.length * 2).fill(undefined);
    this.count = 0;
    oldKeys.forEach((key, slot) => {
      if (key !== EMPTY) this.set(key, oldValues[slot] as Value);
    });
  }
}
