/**
 * 1 000 finished answers expire by TTL and the heap returns to its baseline. GC needs --expose-gc, so the check
 * runs in its own Node process (heapCheck.ts), not in Jest's.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

describe('createRelay memory', () => {
  it('1 000 finished answers of 4 KB: held while kept, gone after their TTL (heap back within 1 MB of baseline)', async () => {
    const stdout = await new Promise<string>((done, fail) =>
      execFile(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', 'spec/server/heapCheck.ts'],
        { cwd: root, timeout: 60_000 },
        (error, out, err) => (error ? fail(new Error(`${error.message}\n${err}`)) : done(out)),
      ),
    );
    const { baseline, held, after, size } = JSON.parse(stdout) as {
      baseline: number;
      held: number;
      after: number;
      size: number;
    };
    expect(size).toBe(0);
    // The measurement can see the answers: (up to) 1 000 × 8 × 512 characters of events are kept before the TTL.
    expect(held - baseline).toBeGreaterThan(2_000_000);
    expect(after - baseline).toBeLessThan(1_000_000);
  }, 90_000);
});
