/**
 * ttfc: time to first chunk. Ours: from `createCompletion(…)` + subscribe to the first `next`. Baseline: from
 * `http.request` to the first `'data'`. The server answers at once; both use Node's global (keep-alive) agent.
 * Peers in the same interleaved rounds, each from its call to its first chunk: plain axios (the library's default
 * instance, global agent), `fetch` + `TextDecoderStream` and RxJS `fromFetch` (undici's pool).
 *
 * No `gc()` before each run here: a forced collection leaves concurrent sweeping behind on a 2-core machine,
 * which adds ~1.5 ms to whatever runs next (measured), on both sides. The heap is collected every 20 rounds.
 */
import { startAivvmServer } from '../../src/testing';
import {
  collectGarbage,
  against,
  entry,
  pairedDifferences,
  interleave,
  median,
  percentile,
  tick,
  type Case,
  type WithPeers,
} from '../harness';
import { axiosPeer, fetchPeer, fromFetchPeer } from '../peers';
import axios from 'axios';
import { chatRequest, MESSAGES, MODEL, provider, rawFirstData } from '../raw';

/** The two sides (each resolves with its time to first chunk in ms), also used by `bench/profile.ts`. */
export async function prepareTtfc(): Promise<WithPeers> {
  const server = await startAivvmServer({ reply: { text: 'Привет! Hello, world.', chunkSize: 64 } });
  const aivvm = provider(server.url);
  const request = chatRequest(server.url);
  const plainAxios = axiosPeer(axios);
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
    peers: {
      Axios: () => plainAxios.first(request),
      Fetch: () => fetchPeer.first(request),
      FromFetch: () => fromFetchPeer.first(request),
    },
    note: 'a 27-byte answer sent at once',
    close: () => server.close(),
  };
}

function empty(): Record<'ours' | 'baseline' | 'Axios' | 'Fetch' | 'FromFetch', number[]> {
  return { ours: [], baseline: [], Axios: [], Fetch: [], FromFetch: [] };
}

export const ttfc: Case = async ({ quick, log }) => {
  const prepared = await prepareTtfc();
  try {
    const names = ['ours', 'baseline', 'Axios', 'Fetch', 'FromFetch'] as const;
    const samples = { time: empty(), cpu: empty() };
    const rounds = quick ? 60 : 200;
    for (let done = 0; done < rounds; done += 20) {
      collectGarbage();
      await new Promise((resolve) => setTimeout(resolve, 20)); // let concurrent GC work finish
      await tick();
      const part = await interleave(
        { ...prepared.sides, ...prepared.peers },
        {
          repeats: Math.min(20, rounds - done),
          // The axios + RxJS path keeps getting faster for a few hundred runs (JIT): measure the steady state.
          warmup: done === 0 ? (quick ? 100 : 300) : 2,
          measure: 'returned',
          gc: false,
          // Each client after each other and at each place equally often: one fixed order gave ours +0.3–0.4 ms
          // for its place alone, not for anything of its own (bench/ttfcOrder.ts).
          mix: true,
        },
      );
      for (const name of names) {
        samples.time[name].push(...part.time[name]);
        samples.cpu[name].push(...part.cpu[name]);
      }
    }
    for (const name of names) {
      log(
        `ttfc: ${name} p50 ${median(samples.time[name]).toFixed(3)} ` +
          `p90 ${percentile(samples.time[name], 90).toFixed(3)} ms`,
      );
    }
    // A run's CPU time is mostly the server's and the drain's here: only the latency is compared.
    const row = (peer: (typeof names)[number], floor: number | null, label: string) =>
      against(samples, peer, {
        floor,
        compare: 'difference',
        cpu: false,
        note: `ours − ${label}; ${prepared.note}; interleaved runs`,
      });
    // CPU per request (ours − plain axios, µs): what our layers cost on each request, server and drain alike
    // on both sides of a round, so they cancel in the round's difference.
    const cpuOverAxios = median(pairedDifferences(samples.cpu.ours, samples.cpu.Axios)) * 1000;
    log(`ttfc: CPU per request, ours − plain axios ${cpuOverAxios.toFixed(0)} µs (median of the rounds)`);
    return {
      // Issue 21: the floor is against plain axios (axios alone costs more than 0.3 ms over node:http here).
      ttfc: row('baseline', null, 'node:http'),
      ttfcAxios: row('Axios', 0.1, 'plain axios'),
      ttfcFetch: row('Fetch', null, 'fetch'),
      ttfcFromFetch: row('FromFetch', null, 'fromFetch'),
      requestCpuAxios: entry({
        value: cpuOverAxios,
        unit: 'µs',
        ours: median(samples.cpu.ours) * 1000,
        baseline: median(samples.cpu.Axios) * 1000,
        detailUnit: 'µs of CPU per request',
        floor: null,
        note: `CPU per request, ours − plain axios, median of the ${samples.cpu.ours.length} rounds' differences; ${prepared.note}`,
      }),
    };
  } finally {
    await prepared.close();
  }
};
