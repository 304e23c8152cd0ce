/**
 * openaiNode: our OpenAI-compatible provider against openai-node (`openai` 6, `client.chat.completions.create({
 * stream: true })`), both against the same local SSE server (`/v1/chat/completions`), in the same run, asserting
 * identical text. Three figures, each a ratio of medians (ours / openai-node, floor 1.0): time to first delta,
 * 100 000 tiny deltas in one stream, and 500 concurrent streams.
 *
 * Each side uses its runtime's natural client: ours axios' `http` adapter (Node's global keep-alive agent),
 * openai-node its `fetch` (undici's pool). The server runs in this process for both.
 */
import OpenAI from 'openai';
import { lastValueFrom } from 'rxjs';
import { createOpenAICompatible, toText, type OpenAICompatibleProvider } from '../../src';
import { openaiReply, startAivvmServer, type AivvmServer } from '../../src/testing';
import { textOfBytes } from '../data';
import {
  collectGarbage,
  compareSides,
  entry,
  interleave,
  median,
  tick,
  type Case,
  type Entry,
} from '../harness';

const MODEL = 'local-model';
const MESSAGES = [{ role: 'user' as const, content: 'Write a long answer, please.' }];

interface Clients {
  readonly server: AivvmServer;
  readonly ours: OpenAICompatibleProvider;
  readonly openai: OpenAI;
}

async function clients(): Promise<Clients> {
  const server = await startAivvmServer();
  const baseURL = `${server.url}/v1`;
  return {
    server,
    ours: createOpenAICompatible({
      baseURL,
      apiKey: 'sk-bench',
      transport: 'node',
      maxResponseBytes: 2 ** 40,
    }),
    openai: new OpenAI({ baseURL, apiKey: 'sk-bench', maxRetries: 0 }),
  };
}

/** openai-node's streaming loop: the deltas' text, and the time of the first one. */
async function openaiText(
  openai: OpenAI,
  started = performance.now(),
): Promise<{ text: string; first: number }> {
  const stream = await openai.chat.completions.create({ model: MODEL, messages: MESSAGES, stream: true });
  let text = '';
  let first = Number.NaN;
  for await (const chunk of stream) {
    const delta = chunk.choices[0]?.delta?.content;
    if (delta) {
      if (Number.isNaN(first)) first = performance.now() - started;
      text += delta;
    }
  }
  return { text, first };
}

function oursText(
  ours: OpenAICompatibleProvider,
  started = performance.now(),
): Promise<{ text: string; first: number }> {
  return new Promise((resolve, reject) => {
    let text = '';
    let first = Number.NaN;
    ours.createCompletion(MODEL, MESSAGES, true).subscribe({
      next: (delta) => {
        if (Number.isNaN(first)) first = performance.now() - started;
        text += delta;
      },
      error: reject,
      complete: () => resolve({ text, first }),
    });
  });
}

function same(name: string, expected: string, got: string): void {
  if (got !== expected)
    throw new Error(`${name}: wrong text (${got.length} chars, expected ${expected.length})`);
}

async function timeToFirstDelta(quick: boolean, log: (m: string) => void): Promise<Entry> {
  const c = await clients();
  try {
    const expected = 'Привет! Hello, world.';
    c.server.setReply(openaiReply({ text: expected, deltaChars: 4, chunkSize: 4096 }));
    const side = (run: () => Promise<{ text: string; first: number }>, name: string) => async () => {
      const { text, first } = await run();
      same(name, expected, text);
      return first;
    };
    const samples = { ours: [] as number[], baseline: [] as number[] };
    const rounds = quick ? 60 : 200;
    for (let done = 0; done < rounds; done += 20) {
      collectGarbage();
      await tick();
      const part = await interleave(
        {
          ours: side(() => oursText(c.ours), 'ours'),
          baseline: side(() => openaiText(c.openai), 'openai-node'),
        },
        {
          repeats: Math.min(20, rounds - done),
          warmup: done === 0 ? (quick ? 20 : 200) : 2,
          measure: 'returned',
          gc: false,
        },
      );
      samples.ours.push(...part.time.ours);
      samples.baseline.push(...part.time.baseline);
    }
    const o = median(samples.ours);
    const b = median(samples.baseline);
    log(`openaiFirstDelta: ours p50 ${o.toFixed(3)} ms; openai-node p50 ${b.toFixed(3)} ms`);
    return entry({
      value: o / b,
      unit: 'ratio',
      ours: o,
      baseline: b,
      detailUnit: 'ms',
      floor: 1,
      note: `time to first delta, a 6-delta answer; median of ${samples.ours.length} runs each, interleaved`,
    });
  } finally {
    await c.server.close();
  }
}

async function manyDeltas(quick: boolean, log: (m: string) => void): Promise<Entry> {
  const c = await clients();
  try {
    const count = quick ? 5_000 : 25_000;
    const { text } = textOfBytes(count * 4);
    const points = [...text];
    const deltas = Array.from({ length: count }, (_, i) => points[i % points.length] ?? 'x');
    const expected = deltas.join('');
    c.server.setReply(openaiReply({ deltas, chunkSize: 16 * 1024 }));
    const prepared = {
      sides: {
        ours: async () => same('ours', expected, (await oursText(c.ours)).text),
        baseline: async () => same('openai-node', expected, (await openaiText(c.openai)).text),
      },
      note: `${count} deltas of one code point in one stream (16 KiB network chunks)`,
      close: async () => undefined,
    };
    return await compareSides('openaiDeltas', prepared, {
      repeats: quick ? 5 : 7,
      warmup: 1,
      floor: 1,
      log,
      per: { count, unit: 'chunk' },
    });
  } finally {
    await c.server.close();
  }
}

async function concurrentStreams(quick: boolean, log: (m: string) => void): Promise<Entry> {
  const c = await clients();
  try {
    const count = quick ? 50 : 500;
    // 1 KiB answers: 500 of them at once are the point; longer answers only made the run longer (issue 21: < 5 min).
    const { text: expected } = textOfBytes(1024);
    c.server.setReply(openaiReply({ text: expected, deltaChars: 4, chunkSize: 4096 }));
    const all = async (one: () => Promise<string>, name: string) => {
      const texts = await Promise.all(Array.from({ length: count }, one));
      for (const t of texts) same(name, expected, t);
    };
    const prepared = {
      sides: {
        ours: () =>
          all(() => lastValueFrom(c.ours.createCompletion(MODEL, MESSAGES, true).pipe(toText())), 'ours'),
        baseline: () => all(async () => (await openaiText(c.openai)).text, 'openai-node'),
      },
      note: `${count} streams at once, each ${[...expected].length} code points in 4-character deltas`,
      close: async () => undefined,
    };
    return await compareSides('openaiConcurrency', prepared, {
      repeats: 5,
      warmup: 1,
      per: { count, unit: 'request' },
      floor: 1,
      log,
    });
  } finally {
    await c.server.close();
  }
}

export const openaiNode: Case = async ({ quick, log }) => ({
  openaiFirstDelta: await timeToFirstDelta(quick, log),
  openaiDeltas: await manyDeltas(quick, log),
  openaiConcurrency: await concurrentStreams(quick, log),
});
