import fc from 'fast-check';
import { UnitQueue } from '../../src/operators/pace/UnitQueue';

describe('UnitQueue (paceText: unit lengths as runs)', () => {
  it('takes what an array of the lengths gives, whatever the pushes and takes (random operations)', () => {
    const operation = fc.oneof(
      fc.record({ push: fc.constantFrom(1, 1, 1, 2, 2, 3, 7) }),
      // Runs long enough to cross the compaction threshold (1024 runs taken).
      fc.record({ pushMany: fc.integer({ min: 1, max: 3000 }), length: fc.constantFrom(1, 2) }),
      fc.record({ pushRun: fc.integer({ min: 0, max: 5000 }), length: fc.constantFrom(1, 2, 4) }),
      fc.record({ take: fc.integer({ min: 0, max: 4000 }) }),
    );
    fc.assert(
      // Up to ~100 000 runs of one unit: many blocks of runs, filled, emptied and reused.
      fc.property(fc.array(operation, { maxLength: 80 }), (operations) => {
        const queue = new UnitQueue();
        const reference: number[] = [];
        let pushed = 0;
        for (const op of operations) {
          if ('push' in op) {
            queue.push(op.push);
            reference.push(op.push);
            pushed++;
          } else if ('pushMany' in op) {
            // Alternate lengths every unit half the time: many runs of one.
            for (let i = 0; i < op.pushMany; i++) {
              const length = op.pushMany % 2 === 0 ? op.length : 1 + (i % 2);
              queue.push(length);
              reference.push(length);
            }
            pushed += op.pushMany;
          } else if ('pushRun' in op) {
            queue.pushRun(op.length, op.pushRun);
            for (let i = 0; i < op.pushRun; i++) reference.push(op.length);
            pushed += op.pushRun;
          } else {
            const expected = reference.splice(0, op.take).reduce((sum, n) => sum + n, 0);
            expect(queue.take(op.take)).toBe(expected);
          }
          expect(queue.pushed).toBe(pushed);
        }
        // What is left comes out whole.
        const rest = reference.reduce((sum, n) => sum + n, 0);
        expect(queue.take(reference.length + 1)).toBe(rest);
        expect(queue.take(1)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('holds a million one-unit letters as one run', () => {
    const queue = new UnitQueue();
    for (let i = 0; i < 1_000_000; i++) queue.push(1);
    expect(queue.runs).toBe(1);
    expect(queue.take(999_999)).toBe(999_999);
    expect(queue.take(5)).toBe(1);
    expect(queue.runs).toBe(0);
  });

  it('moveTo appends what is left to another queue and empties the first (random runs)', () => {
    const run = fc.record({
      length: fc.integer({ min: 1, max: 4 }),
      count: fc.integer({ min: 1, max: 1500 }),
    });
    fc.assert(
      fc.property(
        fc.array(run, { maxLength: 40 }),
        fc.array(run, { maxLength: 5 }),
        fc.nat(3000),
        (runs, before, taken) => {
          const from = new UnitQueue();
          const to = new UnitQueue();
          for (const { length, count } of before) to.pushRun(length, count);
          for (const { length, count } of runs) from.pushRun(length, count);
          const expected = [...before, ...runs].flatMap(({ length, count }) =>
            Array<number>(count).fill(length),
          );
          // Some of `from` already taken: only the rest moves.
          const movedAway = from.take(taken);
          const rest = runs.flatMap(({ length, count }) => Array<number>(count).fill(length));
          expect(movedAway).toBe(rest.slice(0, taken).reduce((a, b) => a + b, 0));
          expected.splice(
            before.reduce((n, { count }) => n + count, 0),
            Math.min(taken, rest.length),
          );
          from.moveTo(to);
          expect(from.runs).toBe(0);
          expect(from.take(1)).toBe(0);
          expect(to.take(expected.length)).toBe(expected.reduce((a, b) => a + b, 0));
          expect(to.take(1)).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('moveTo hands over whole blocks of runs, into an empty queue or after other runs', () => {
    for (const [before, taken] of [
      [0, 0],
      [3, 0],
      [0, 2500],
      [3, 1],
    ] as const) {
      const from = new UnitQueue();
      const to = new UnitQueue();
      const expected: number[] = [];
      for (let i = 0; i < before; i++) {
        to.pushRun(3 + (i % 2), 2);
        expected.push(3 + (i % 2), 3 + (i % 2));
      }
      const source: number[] = [];
      for (let i = 0; i < 5000; i++) {
        from.pushRun(1 + (i % 2), 1 + (i % 3)); // no two runs in a row merge: 5 000 runs, several blocks
        for (let k = 0; k < 1 + (i % 3); k++) source.push(1 + (i % 2));
      }
      expect(from.runs).toBe(5000);
      expect(from.take(taken)).toBe(source.slice(0, taken).reduce((a, b) => a + b, 0));
      expected.push(...source.slice(taken));
      const pushed = to.pushed;
      from.moveTo(to);
      expect(from.runs).toBe(0);
      expect(to.pushed - pushed).toBe(source.length - taken);
      // Then more runs after them, and takes in slices that cross the blocks.
      to.pushRun(7, 2);
      expected.push(7, 7);
      let total = 0;
      for (const slice of [1, 999, 1234, 5, 4000, Infinity]) total += to.take(slice);
      expect(total).toBe(expected.reduce((a, b) => a + b, 0));
      expect(to.runs).toBe(0);
      // The emptied queue works as new.
      from.pushRun(2, 3);
      expect(from.take(Infinity)).toBe(6);
    }
  });

  it('starts a new run rather than overflow a run count (a V8 small integer)', () => {
    const queue = new UnitQueue();
    queue.pushRun(2, 0x3fff_fff0);
    queue.pushRun(2, 0x20);
    expect(queue.runs).toBe(2);
    expect(queue.pushed).toBe(0x4000_0010);
    expect(queue.take(0x3fff_fff0 + 1)).toBe(2 * (0x3fff_fff0 + 1));
    expect(queue.take(Infinity)).toBe(2 * 0x1f);
    expect(queue.runs).toBe(0);
  });

  it('keeps 100 000 alternating units in order across blocks, taken in uneven slices', () => {
    const queue = new UnitQueue();
    for (let i = 0; i < 100_000; i++) queue.push(1 + (i % 2));
    expect(queue.runs).toBe(100_000);
    let total = 0;
    let taken = 0;
    for (const slice of [1, 999, 30_000, 2, 40_000, 28_998]) {
      const expected = Array.from({ length: slice }, (_, k) => 1 + ((taken + k) % 2)).reduce(
        (a, b) => a + b,
        0,
      );
      expect(queue.take(slice)).toBe(expected);
      taken += slice;
      total += expected;
    }
    expect(total).toBe(150_000);
    expect(queue.runs).toBe(0);
  });
});
