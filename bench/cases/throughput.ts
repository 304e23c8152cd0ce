/**
 * throughput: a big answer in 16 KiB chunks, `createCompletion(…).pipe(toText())` versus `node:http` with one
 * streaming TextDecoder and string concatenation.
 */
import { lastValueFrom } from 'rxjs';
import { toText } from '../../src';
import { startAivvmServer } from '../../src/testing';
import { KiB, MiB, repeatedBody, textOfBytes } from '../data';
import { checker, compareSides, type Case, type Prepared } from '../harness';
import { chatRequest, MESSAGES, MODEL, provider, rawText } from '../raw';

/** The two sides of the case, on a server of their own (also used by `bench/profile.ts`). */
export async function prepareThroughput(quick: boolean): Promise<Prepared> {
  const { body, text } = repeatedBody(textOfBytes(MiB), (quick ? 16 : 64) * MiB);
  const server = await startAivvmServer({ reply: { bytes: body, chunkSize: 16 * KiB } });
  const aivvm = provider(server.url);
  const request = chatRequest(server.url);
  const checkOurs = checker('throughput (ours)', text);
  const checkBaseline = checker('throughput (baseline)', text);
  return {
    sides: {
      ours: async () =>
        checkOurs(await lastValueFrom(aivvm.createCompletion(MODEL, MESSAGES, true).pipe(toText()))),
      baseline: async () => checkBaseline(await rawText(request)),
    },
    note: `${(body.length / MiB).toFixed(0)} MiB in 16 KiB chunks`,
    close: () => server.close(),
  };
}

export const throughput: Case = async ({ quick, log }) => {
  const prepared = await prepareThroughput(quick);
  try {
    const options = { repeats: quick ? 5 : 9, warmup: quick ? 1 : 2, floor: 1.05, log };
    return { throughput: await compareSides('throughput', prepared, options) };
  } finally {
    await prepared.close();
  }
};
