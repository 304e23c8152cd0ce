/**
 * concurrency: 500 completions of 64 KiB at once (`createCompletion(…).pipe(toText())`) versus 500 bare
 * `node:http` requests at once (one streaming TextDecoder each), both through the same keep-alive agent.
 */
import axios from 'axios';
import { Agent } from 'node:http';
import { lastValueFrom } from 'rxjs';
import { toText } from '../../src';
import { startAivvmServer } from '../../src/testing';
import { KiB, textOfBytes } from '../data';
import { compareSides, type Case, type Prepared } from '../harness';
import { chatRequest, MESSAGES, MODEL, provider, rawText } from '../raw';

/** The two sides of the case, on a server of their own (also used by `bench/profile.ts`). */
export async function prepareConcurrency(quick: boolean): Promise<Prepared> {
  const count = quick ? 200 : 500;
  const { text, bytes } = textOfBytes(64 * KiB);
  const server = await startAivvmServer({ reply: { bytes, chunkSize: 4 * KiB } });
  const agent = new Agent({ keepAlive: true, maxSockets: 1024, maxFreeSockets: 1024 });
  const aivvm = provider(server.url, axios.create({ httpAgent: agent }));
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
    const options = { repeats: quick ? 3 : 9, warmup: quick ? 1 : 2, floor: 1.25, log };
    return { concurrency: await compareSides('concurrency', prepared, options) };
  } finally {
    await prepared.close();
  }
};
