/**
 * A small seeded PRNG (mulberry32): uniform floats in [0, 1), the same sequence for the same seed. For fault
 * mixes and generated answers that a failing test can replay.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * const reply = random() < 0.1 ? { status: 500 } : { text: 'ok' };
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
