/**
 * `shareText()` and `paceText()` per chunk, against what they replace (issue 13: "report, aim ≤ 2×"):
 *
 * - `shareText`: N chunks pushed through a Subject into the shared stream with 3 subscribers, versus rxjs `share()`
 *   doing the same (no catch-up needed: every subscriber is there from the start, so this is the cost of keeping
 *   the running text).
 * - `paceTextBurst`: N chunks arriving at one virtual instant (a synchronous source), paced on a
 *   `VirtualTimeScheduler` and flushed, versus `map(identity)` on the same source: the per-chunk work of cutting
 *   graphemes, planning and emitting (about a dozen timed emissions in all).
 * - `paceTextBurstAscii`: the same with ASCII chunks (no `Intl.Segmenter` call at all).
 * - `paceTextStream`: one chunk per virtual millisecond (an `interval` on the same scheduler), versus the same
 *   source with `map(identity)`: each chunk also re-plans and re-arms a timer.
 *
 * Chunks are the `operators` case's: 4–8 bytes of multilingual text each, decoded (so about 3 graphemes).
 */
import { from, interval, map, share, Subject, take, type Observable, type OperatorFunction } from 'rxjs';
import { VirtualTimeScheduler } from 'rxjs';
import { paceText, shareText } from '../../src';
import { tokenSizes, tokenStream } from '../data';
import {
  entry,
  interleave,
  median,
  pairedRatio,
  range,
  type Case,
  type Entry,
  type Measured,
} from '../harness';

/** Issue 21: a synchronous burst costs at most 2× a `map` (CPU time). */
const floors: Readonly<Record<string, number>> = { paceTextBurst: 2, paceTextBurstAscii: 2 };
import { decodeLoop } from './operatorLoops';

export const sharePace: Case = async ({ quick, log }) => {
  const n = quick ? 50_000 : 200_000;
  // Issue 21 speaks of a burst of a million units: 400 000 chunks are about 1.2 million graphemes (a run of `map`
  // over them is long enough, ~25 ms, for CPU time to be steadier than over 200 000).
  const burstN = 2 * n;
  const sizes = tokenSizes(burstN, 5).map((size) => size + 3);
  const strings: string[] = [];
  decodeLoop(tokenStream(sizes).chunks, (text) => strings.push(text));
  const burstChunks = strings.slice(0, burstN);
  const burstTotal = burstChunks.join('').length;
  const chunks = strings.slice(0, n);
  const total = chunks.join('').length;
  const repeats = quick ? 5 : 9;
  const warmup = quick ? 1 : 3;
  const results: Record<string, Entry> = {};

  const record = (
    name: string,
    measured: Measured<'ours' | 'baseline'>,
    count: number,
    note: string,
  ): void => {
    const { time, cpu } = measured;
    const oursNs = (median(time.ours) * 1e6) / count;
    const baseNs = (median(time.baseline) * 1e6) / count;
    const cpuRatio = pairedRatio(cpu.ours, cpu.baseline);
    log(
      `${name}: ours ${oursNs.toFixed(0)} ns/chunk, baseline ${baseNs.toFixed(0)} ns/chunk (wall); ` +
        `cpu ${cpu.ours.map((v) => v.toFixed(0)).join(' ')} / ${cpu.baseline.map((v) => v.toFixed(0)).join(' ')} ms`,
    );
    results[name] = entry({
      value: cpuRatio,
      unit: 'ratio',
      ours: oursNs,
      baseline: baseNs,
      detailUnit: 'ns/chunk of wall time',
      floor: floors[name] ?? null,
      basis: 'cpu',
      cpuRatio,
      wallRatio: oursNs / baseNs,
      oursCpuRange: range(cpu.ours),
      baselineCpuRange: range(cpu.baseline),
      note: `${count} chunks, ${note}, median of ${time.ours.length}`,
    });
  };

  // shareText vs share: a Subject feeding the shared stream, 3 subscribers.
  const multicast = (operator: () => OperatorFunction<string, string>) => (): void => {
    const subject = new Subject<string>();
    const shared = subject.pipe(operator());
    let received = 0;
    for (let s = 0; s < 3; s++) shared.subscribe((chunk) => (received += chunk.length));
    for (const chunk of chunks) subject.next(chunk);
    subject.complete();
    if (received !== 3 * total) throw new Error(`sharePace: shared ${received} chars, expected ${3 * total}`);
  };
  const shareRun = await interleave(
    { ours: multicast(() => shareText()), baseline: multicast(() => share()) },
    { repeats, warmup },
  );
  record('shareText', shareRun, n, 'vs share(), 3 subscribers');

  // paceText vs map on virtual time: a burst (all chunks at one instant), then a stream (one chunk per ms).
  const run =
    (source: (scheduler: VirtualTimeScheduler) => Observable<string>, paced: boolean, total: number) =>
    (): void => {
      const scheduler = new VirtualTimeScheduler();
      let received = 0;
      let done = false;
      source(scheduler)
        .pipe(paced ? paceText({ scheduler }) : map((chunk: string) => chunk))
        .subscribe({
          next: (text) => (received += text.length),
          complete: () => (done = true),
        });
      scheduler.flush();
      if (!done || received !== total)
        throw new Error(`sharePace: paced ${received} chars, expected ${total}`);
    };
  const burst = (): Observable<string> => from(burstChunks);
  const burstRun = await interleave(
    { ours: run(burst, true, burstTotal), baseline: run(burst, false, burstTotal) },
    { repeats, warmup },
  );
  record('paceTextBurst', burstRun, burstN, 'one virtual instant, vs map, each run after a forced gc()');

  // The same without the forced gc() before each run, three bursts per sample: what a burst costs against a map
  // once both are warm and the heap holds what earlier bursts left (a run right after a collection also pays to
  // grow the young generation again, which costs a ~25 ms `map` relatively more).
  const warmBursts = quick ? 2 : 3;
  const warm = (work: () => void) => (): void => {
    for (let i = 0; i < warmBursts; i++) work();
  };
  const warmRun = await interleave(
    { ours: warm(run(burst, true, burstTotal)), baseline: warm(run(burst, false, burstTotal)) },
    { repeats, warmup, gc: false },
  );
  record(
    'paceTextBurstWarm',
    warmRun,
    warmBursts * burstN,
    'one virtual instant, vs map, no gc() between runs',
  );

  // The same burst in ASCII: the grapheme fast path only (no Intl.Segmenter call).
  const ascii = burstChunks.map((chunk, i) =>
    'lorem ipsum dolor sit amet, '.slice(i % 20, (i % 20) + chunk.length),
  );
  const asciiTotal = ascii.join('').length;
  const runAscii = (paced: boolean) => (): void => {
    const scheduler = new VirtualTimeScheduler();
    let received = 0;
    from(ascii)
      .pipe(paced ? paceText({ scheduler }) : map((chunk: string) => chunk))
      .subscribe((text) => (received += text.length));
    scheduler.flush();
    if (received !== asciiTotal)
      throw new Error(`sharePace: paced ${received} chars, expected ${asciiTotal}`);
  };
  const asciiRun = await interleave({ ours: runAscii(true), baseline: runAscii(false) }, { repeats, warmup });
  record(
    'paceTextBurstAscii',
    asciiRun,
    burstN,
    'ASCII, one virtual instant, vs map, each run after a forced gc()',
  );

  const stream =
    (count: number) =>
    (scheduler: VirtualTimeScheduler): Observable<string> =>
      interval(1, scheduler).pipe(
        take(count),
        map((i) => chunks[i] ?? ''),
      );
  // Report only, and ~5 µs per chunk (a timer per chunk on both sides): a quarter of the chunks is enough.
  const streamN = n >> 2;
  const streamTotal = chunks.slice(0, streamN).join('').length;
  const streamRun = await interleave(
    { ours: run(stream(streamN), true, streamTotal), baseline: run(stream(streamN), false, streamTotal) },
    { repeats, warmup },
  );
  record('paceTextStream', streamRun, streamN, 'one chunk per virtual ms, vs map');
  return results;
};
