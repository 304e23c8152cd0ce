/**
 * ttfc: time to first chunk. Ours: from `createCompletion(…)` + subscribe to the first `next`. Baseline: from
 * `http.request` to the first `'data'`. The server answers at once; both use Node's global (keep-alive) agent.
 *
 * No `gc()` before each run here: a forced collection leaves concurrent sweeping behind on a 2-core machine,
 * which adds ~1.5 ms to whatever runs next (measured), on both sides. The heap is collected every 20 rounds.
 */
import { startAivvmServer } from '../../src/testing';
import {
  collectGarbage,
  entry,
  interleave,
  median,
  percentile,
  tick,
  type Case,
  type Prepared,
} from '../harness';
import { chatRequest, MESSAGES, MODEL, provider, rawFirstData } from '../raw';

/** The two sides (each resolves with its time to first chunk in ms), also used by `bench/profile.ts`. */
export async function prepareTtfc(): Promise<Prepared> {
  const server = await startAivvmServer({ reply: { text: 'Привет! Hello, world.', chunkSize: 64 } });
  const aivvm = provider(server.url);
  const request = chatRequest(server.url);
  const ours = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      let first: number | undefined;
      aivvm.createCompletion(MODEL, MESSAGES, true).subscribe({
        next: () => {
          first ??= performance.now() - started;
        },
        error: reject,
        complete: () => (first === undefined ? reject(new Error('ttfc: no chunk')) : resolve(first)),
      });
    });
  return {
    sides: { ours, baseline: () => rawFirstData(request) },
    note: 'a 27-byte answer sent at once',
    close: () => server.close(),
  };
}

export const ttfc: Case = async ({ quick, log }) => {
  const prepared = await prepareTtfc();
  try {
    const samples = { ours: [] as number[], baseline: [] as number[] };
    const rounds = quick ? 60 : 200;
    for (let done = 0; done < rounds; done += 20) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 20)); // let concurrent GC work finish
      await tick();
      const part = await interleave(prepared.sides, {
        repeats: Math.min(20, rounds - done),
        // The axios + RxJS path keeps getting faster for a few hundred runs (JIT): measure the steady state.
        warmup: done === 0 ? (quick ? 100 : 300) : 2,
        measure: 'returned',
        gc: false,
      });
      samples.ours.push(...part.time.ours);
      samples.baseline.push(...part.time.baseline);
    }
    const o = median(samples.ours);
    const b = median(samples.baseline);
    log(
      `ttfc: ours p50 ${o.toFixed(3)} p90 ${percentile(samples.ours, 90).toFixed(3)} ms; ` +
        `base p50 ${b.toFixed(3)} p90 ${percentile(samples.baseline, 90).toFixed(3)} ms`,
    );
    return {
      ttfc: entry({
        value: o - b,
        unit: 'ms',
        ours: o,
        baseline: b,
        detailUnit: 'ms',
        floor: 1,
        note: `${prepared.note}; median of ${samples.ours.length} runs each, interleaved`,
      }),
    };
  } finally {
    await prepared.close();
  }
};
