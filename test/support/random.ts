/** A small seeded PRNG (mulberry32): every benchmark input is the same on every run and every machine. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(next: Random, list: readonly T[]): T {
  if (list.length === 0) throw new Error('pick from an empty list');
  return list[Math.floor(next() * list.length)] as T;
}

/** An integer in [min, max]. */
export function between(next: Random, min: number, max: number): number {
  return min + Math.floor(next() * (max - min + 1));
}

export function chance(next: Random, probability: number): boolean {
  return next() < probability;
}
