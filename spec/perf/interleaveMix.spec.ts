import fc from 'fast-check';
import { interleave } from '../../bench/harness';

// The ttfc bench's order bias (issue 21): with `mix`, every side must run after every other, and at every
// place of a round, equally often over a full cycle; without it, the order stays fixed.
describe('interleave mix', () => {
  const orderOf = async (n: number, rounds: number, mix: boolean): Promise<number[][]> => {
    const runs: number[] = [];
    const sides = Object.fromEntries(
      Array.from({ length: n }, (_, side) => [`s${side}`, () => void runs.push(side)]),
    );
    await interleave(sides, { repeats: rounds, warmup: 0, gc: false, mix });
    return Array.from({ length: rounds }, (_, round) => runs.slice(round * n, round * n + n));
  };

  it('property: over a full cycle, each side runs once per round, after each other side and at each place equally often', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 9 }), async (n) => {
        const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
        const strides = Array.from({ length: n - 1 }, (_, i) => i + 1).filter((s) => gcd(s, n) === 1);
        const rounds = await orderOf(n, strides.length * n, true);
        const after = new Map<string, number>();
        const place = new Map<string, number>();
        for (const round of rounds) {
          expect([...round].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
          round.forEach((side, index) => {
            place.set(`${side}@${index}`, (place.get(`${side}@${index}`) ?? 0) + 1);
            const previous = round[(index + n - 1) % n];
            after.set(`${previous}>${side}`, (after.get(`${previous}>${side}`) ?? 0) + 1);
          });
        }
        // Every side at every place the same number of times.
        expect(place.size).toBe(n * n);
        expect(new Set(place.values()).size).toBe(1);
        // Every ordered pair (cyclically, within a round) the same number of times when n is prime.
        if (strides.length === n - 1) {
          expect(after.size).toBe(n * (n - 1));
          expect(new Set(after.values()).size).toBe(1);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('keeps one fixed order without mix', async () => {
    expect(await orderOf(5, 3, false)).toEqual([
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
      [0, 1, 2, 3, 4],
    ]);
  });
});
