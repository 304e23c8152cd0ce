/**
 * Operators in memory: N chunks of about 6 bytes from an array, through `decodeText()`, `bufferText({ boundary:
 * 'word' })` and `accumulateText()`, each on its own input (bytes for the first, the decoded strings for the
 * others), versus a hand-written loop doing the same work. Both sides feed every output to the same sink.
 * Also the cost of doubling the input (t(2N) / t(N)) for each operator: linear is 2, quadratic 4.
 */
import { from, type Observable, type OperatorFunction } from 'rxjs';
import { accumulateText, bufferText, decodeText } from '../../src';
import { tokenSizes, tokenStream } from '../data';
import { entry, interleave, median, pairedRatio, range, type Case, type Entry } from '../harness';
import { accumulateLoop, bufferWordsLoop, decodeLoop } from './operatorLoops';

type Sink = (text: string) => void;

interface OperatorBench<I> {
  readonly name: 'decodeText' | 'bufferText' | 'accumulateText';
  readonly operator: () => OperatorFunction<I, string>;
  readonly loop: (input: readonly I[], sink: Sink) => void;
  /** The floor of the ratio to the loop, when the issue sets one. */
  readonly floor: number | null;
  /** What the loop is, for the table. */
  readonly loopNote: string;
  /** Fewer repeats for a slow operator (the full run must stay a few minutes). */
  readonly repeats?: number;
}

export const operators: Case = async ({ quick, log }) => {
  // 500 000 chunks take 0.1–0.4 s per run: long enough for steady medians, short enough for a 5-minute bench.
  const n = quick ? 50_000 : 500_000;
  // 2N chunks of 4–8 bytes (6 on average) of multilingual text, cutting inside characters.
  const sizes = tokenSizes(2 * n, 5).map((size) => size + 3);
  const { chunks } = tokenStream(sizes);
  if (chunks.length < 2 * n) throw new Error(`operators: only ${chunks.length} chunks`);
  const strings: string[] = [];
  decodeLoop(chunks, (text) => strings.push(text));

  const results: Record<string, Entry> = {};
  const run = async <I>(bench: OperatorBench<I>, input: readonly I[]): Promise<void> => {
    // A slow operator (bench.repeats set) gets fewer runs in the full mode and less warm-up; the others more
    // warm-up in quick mode, where runs are short enough for JIT tiering to show.
    const slow = bench.repeats !== undefined;
    const repeats = quick ? 5 : (bench.repeats ?? 7);
    const warmup = slow ? 1 : quick ? 3 : 2;
    const half = input.slice(0, Math.floor(input.length / 2));
    const size = half.length;
    let sinkTotal = 0;
    const sink: Sink = (text) => {
      sinkTotal += text.length;
    };
    const ours = (items: readonly I[]) => () => drain(from(items).pipe(bench.operator()), sink);
    // Same output from both sides (checked on the N input, untimed).
    sinkTotal = 0;
    ours(half)();
    const oursTotal = sinkTotal;
    sinkTotal = 0;
    bench.loop(half, sink);
    if (sinkTotal !== oursTotal) {
      log(`${bench.name}: WARNING the loop's output (${sinkTotal} chars) differs from ours (${oursTotal})`);
    }

    const { time: vsLoop, cpu } = await interleave(
      { ours: ours(half), loop: () => bench.loop(half, sink) },
      { repeats, warmup },
    );
    const { time: scaling } = await interleave({ n: ours(half), twice: ours(input) }, { repeats, warmup });
    const oursNs = (median(vsLoop.ours) * 1e6) / size;
    const loopNs = (median(vsLoop.loop) * 1e6) / size;
    const factor = median(scaling.twice) / median(scaling.n);
    const cpuRatio = pairedRatio(cpu.ours, cpu.loop);
    log(
      `${bench.name}: ours ${oursNs.toFixed(0)} ns/chunk, loop ${loopNs.toFixed(0)} ns/chunk, ` +
        `t(2N)/t(N) ${factor.toFixed(2)} (${median(scaling.n).toFixed(0)} → ${median(scaling.twice).toFixed(0)} ms)`,
    );
    results[bench.name] = entry({
      value: cpuRatio,
      unit: 'ratio',
      ours: oursNs,
      baseline: loopNs,
      detailUnit: 'ns/chunk of wall time',
      floor: bench.floor,
      basis: 'cpu',
      cpuRatio,
      wallRatio: oursNs / loopNs,
      oursCpuRange: range(cpu.ours),
      baselineCpuRange: range(cpu.loop),
      note: `${size} chunks, vs ${bench.loopNote}, median of ${repeats}`,
    });
    results[`${bench.name}Scaling`] = entry({
      value: factor,
      unit: 't(2N)/t(N)',
      ours: median(scaling.twice),
      baseline: median(scaling.n),
      detailUnit: 'ms for 2N / N',
      floor: 2.3,
      note: `N = ${size}`,
    });
  };

  await run<Uint8Array>(
    {
      name: 'decodeText',
      operator: () => decodeText(),
      loop: decodeLoop,
      floor: 1.25, // issue 21, on CPU time
      loopNote: 'one streaming TextDecoder in a loop',
    },
    chunks.slice(0, 2 * n),
  );
  await run<string>(
    {
      name: 'bufferText',
      operator: () => bufferText({ boundary: 'word' }),
      loop: bufferWordsLoop,
      floor: null,
      // The operator also finds word starts inside CJK runs with Intl.Segmenter: the loop does less.
      loopNote: 'a loop cutting after the last whitespace only (no Intl.Segmenter for CJK runs)',
      repeats: 5, // 1–3 µs per chunk: half the chunks, so that 2N (the scaling row) is N of the others
    },
    strings.slice(0, n >> 1),
  );
  await run<string>(
    {
      name: 'accumulateText',
      operator: () => accumulateText(),
      loop: accumulateLoop,
      floor: null,
      loopNote: 'a `text += chunk` loop',
    },
    strings,
  );
  return results;
};

/** Subscribes and feeds every value to `sink`; `from(array)` is synchronous, so this returns when done. */
function drain(source: Observable<string>, sink: Sink): void {
  let done = false;
  source.subscribe({
    next: sink,
    error: (error: unknown) => {
      throw error;
    },
    complete: () => (done = true),
  });
  if (!done) throw new Error('operators: the pipeline did not complete synchronously');
}
