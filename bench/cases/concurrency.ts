/**
 * concurrency: 500 completions of 64 KiB at once (`createCompletion(…).pipe(toText())`) versus 500 bare
 * `node:http` requests at once (one streaming TextDecoder each), both through the same keep-alive agent, and in
 * the same interleaved runs the peers: plain axios (the same instance and agent), `fetch` + `TextDecoderStream`
 * and RxJS `fromFetch` (both on undici's pool), all sending the same request.
 */
import axios from 'axios';
import { Agent } from 'node:http';
import { lastValueFrom } from 'rxjs';
import { toText } from '../../src';
import { startAivvmServer } from '../../src/testing';
import { KiB, textOfBytes } from '../data';
import { against, interleave, logSamples, type Case, type WithPeers } from '../harness';
import { axiosPeer, fetchPeer, fromFetchPeer } from '../peers';
import { chatRequest, MESSAGES, MODEL, provider, rawText } from '../raw';

/** The two sides of the case, on a server of their own (also used by `bench/profile.ts`). */
export async function prepareConcurrency(quick: boolean): Promise<WithPeers & { readonly count: number }> {
  const count = quick ? 50 : 500;
  const { text, bytes } = textOfBytes(64 * KiB);
  const server = await startAivvmServer({ reply: { bytes, chunkSize: 4 * KiB } });
  const agent = new Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });
  const instance = axios.create({ httpAgent: agent });
  const aivvm = provider(server.url, instance);
  const plainAxios = axiosPeer(instance);
  const request = chatRequest(server.url);
  let runs = 0;
  const all = async (one: () => Promise<string>): Promise<void> => {
    const texts = await Promise.all(Array.from({ length: count }, one));
    // In full during the warm-up only: comparing 500 texts is not what is measured.
    const ok = runs++ < 2 ? texts.every((t) => t === text) : texts.every((t) => t.length === text.length);
    if (!ok) throw new Error('concurrency: wrong text');
  };
  return {
    sides: {
      ours: () => all(() => lastValueFrom(aivvm.createCompletion(MODEL, MESSAGES, true).pipe(toText()))),
      baseline: () => all(() => rawText(request, agent)),
    },
    peers: {
      Axios: () => all(() => plainAxios.text(request)),
      Fetch: () => all(() => fetchPeer.text(request)),
      FromFetch: () => all(() => fromFetchPeer.text(request)),
    },
    count,
    note: `${count} × ${Math.round(bytes.length / KiB)} KiB at once (4 KiB chunks), one keep-alive agent`,
    close: async () => {
      agent.destroy();
      await server.close();
    },
  };
}

export const concurrency: Case = async ({ quick, log }) => {
  const prepared = await prepareConcurrency(quick);
  try {
    const measured = await interleave(
      { ...prepared.sides, ...prepared.peers },
      { repeats: quick ? 5 : 9, warmup: 1 },
    );
    logSamples('concurrency', measured, log);
    const note = prepared.note;
    const per = { count: prepared.count, unit: 'request' } as const;
    return {
      concurrency: against(measured, 'baseline', { floor: null, note: `vs node:http; ${note}`, per }),
      // Issue 21's floors: ≤ 1.05 × plain axios, ≤ 0.80 × fetch (CPU).
      concurrencyAxios: against(measured, 'Axios', { floor: 1.05, note: `vs plain axios; ${note}`, per }),
      concurrencyFetch: against(measured, 'Fetch', { floor: 0.8, note: `vs fetch; ${note}`, per }),
      concurrencyFromFetch: against(measured, 'FromFetch', {
        floor: null,
        note: `vs fromFetch; ${note}`,
        per,
      }),
    };
  } finally {
    await prepared.close();
  }
};
