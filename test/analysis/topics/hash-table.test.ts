import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordHashTable } from '../../../src/analysis/topics/hash-table.js';

describe('WordHashTable', () => {
  it('behaves like a Map of word-hashes, through growth and probing', () => {
    const hashes = fc.oneof(fc.integer({ min: 0, max: 2 ** 30 - 1 }), fc.integer({ min: 0, max: 64 }).map((low) => low * 1024));
    fc.assert(
      fc.property(fc.array(fc.tuple(hashes, fc.string()), { maxLength: 200 }), fc.array(hashes, { maxLength: 50 }), (entries, probes) => {
        const table = new WordHashTable<string>();
        const reference = new Map<number, string>();
        for (const [hash, value] of entries) {
          table.set(hash, value);
          reference.set(hash, value);
        }
        expect(table.size).toBe(reference.size);
        for (const hash of [...reference.keys(), ...probes]) expect(table.get(hash)).toBe(reference.get(hash));
      }),
    );
  });
});
