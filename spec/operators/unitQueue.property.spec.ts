import fc from 'fast-check';
import { UnitQueue } from '../../src/operators/pace/UnitQueue';

describe('UnitQueue (paceText: unit lengths as runs)', () => {
  it('takes what an array of the lengths gives, whatever the pushes and takes (random operations)', () => {
    const operation = fc.oneof(
      fc.record({ push: fc.constantFrom(1, 1, 1, 2, 2, 3, 7) }),
      // Runs long enough to cross the compaction threshold (1024 runs taken).
      fc.record({ pushMany: fc.integer({ min: 1, max: 3000 }), length: fc.constantFrom(1, 2) }),
      fc.record({ take: fc.integer({ min: 0, max: 4000 }) }),
    );
    fc.assert(
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
    expect((queue as unknown as { lengths: number[] }).lengths).toHaveLength(1);
    expect(queue.take(999_999)).toBe(999_999);
    expect(queue.take(5)).toBe(1);
  });
});
