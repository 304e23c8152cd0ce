/**
 * tokenChunks: a multilingual answer written by the server as 100 000 chunks of 1–12 bytes (cuts inside
 * characters), `createCompletion(…).pipe(toText())` versus `node:http` with one streaming TextDecoder.
 */
import { lastValueFrom } from 'rxjs';
import { toText } from '../../src';
import { startAivvmServer, type Reply } from '../../src/testing';
import { tokenSizes, tokenStream } from '../data';
import { checker, compareSides, type Case, type Prepared } from '../harness';
import { chatRequest, MESSAGES, MODEL, provider, rawText } from '../raw';

/** The answer of cases 2 and 8: its text, and the server reply that sends it token by token. */
export function tokenAnswer(quick: boolean): { text: string; chunks: number; reply: Reply } {
  const sizes = tokenSizes(quick ? 30_000 : 100_000);
  const { text, bytes, chunks } = tokenStream(sizes);
  return { text, chunks: chunks.length, reply: { bytes, chunkSize: sizes } };
}

/** The two sides of the case, on a server of their own (also used by `bench/profile.ts`). */
export async function prepareTokenChunks(quick: boolean): Promise<Prepared & { readonly chunks: number }> {
  const answer = tokenAnswer(quick);
  const server = await startAivvmServer({ reply: answer.reply });
  const aivvm = provider(server.url);
  const request = chatRequest(server.url);
  const checkOurs = checker('tokenChunks (ours)', answer.text);
  const checkBaseline = checker('tokenChunks (baseline)', answer.text);
  return {
    sides: {
      ours: async () =>
        checkOurs(await lastValueFrom(aivvm.createCompletion(MODEL, MESSAGES, true).pipe(toText()))),
      baseline: async () => checkBaseline(await rawText(request)),
    },
    chunks: answer.chunks,
    note: `${answer.chunks} chunks of 1–12 bytes`,
    close: () => server.close(),
  };
}

export const tokenChunks: Case = async ({ quick, log }) => {
  const prepared = await prepareTokenChunks(quick);
  try {
    const per = { count: prepared.chunks, unit: 'chunk' } as const;
    const options = { repeats: quick ? 5 : 9, warmup: quick ? 1 : 2, floor: 1.1, log, per };
    return { tokenChunks: await compareSides('tokenChunks', prepared, options) };
  } finally {
    await prepared.close();
  }
};
