/**
 * eventParsing: the per-chunk cost of reading a streamed chat completion into events, in memory (no socket): an
 * SSE body of N chunks (a third `reasoning_content` deltas, then text deltas of 1–4 characters, OpenAI-shaped with
 * `id`, `object`, `created`, `model`, `logprobs`, a finish chunk and a usage chunk), cut into 16 KiB pieces.
 *
 * - `eventParsing`: ours (`decodeText` → `parseServerSentEvents` → `toCompletionEvents`, every event) over the
 *   text-only path as it was before this wave (same SSE parser, the old chunk codec and text-only mapping; see
 *   `bench/textOnlyEvents.ts`). Floor 1.05.
 * - `eventParsingOpenai`: ours over openai-node's own per-chunk loop (`Stream.fromSSEResponse` over the same
 *   bytes in a `Response`, reading `delta.reasoning_content` and `delta.content` of each chunk). Floor 0.8.
 *
 * Every side must give the same text and reasoning (checked on each run).
 */
import { Stream } from 'openai/core/streaming';
import { from, type Observable } from 'rxjs';
import { decodeText, type CompletionEvent } from '../../src';
import { parseServerSentEvents } from '../../src/protocols/openai/parseServerSentEvents';
import { toCompletionEvents } from '../../src/protocols/openai/events/toCompletionEvents';
import { textOfBytes, tokenSizes } from '../data';
import { against, interleave, logSamples, type Case } from '../harness';
import { textOnlyEvents, type CompletionEvent as TextOnlyEvent } from '../textOnlyEvents';

const URL = 'http://127.0.0.1:1/v1/chat/completions';
const PIECE = 16 * 1024;

/** The SSE body, its pieces, and what must come out of it. */
function body(n: number): { pieces: Uint8Array[]; text: string; reasoning: string } {
  const { text: source } = textOfBytes(n * 8, 11);
  const points = [...source];
  const sizes = tokenSizes(n, 4, 13);
  const head = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1767225600, model: 'bench' };
  const lines: string[] = [];
  let text = '';
  let reasoning = '';
  let at = 0;
  for (let i = 0; i < n; i++) {
    const piece = points.slice(at, at + (sizes[i] ?? 1)).join('') || 'x';
    at += sizes[i] ?? 1;
    const isReasoning = i < n / 3;
    if (isReasoning) reasoning += piece;
    else text += piece;
    const delta = isReasoning ? { reasoning_content: piece } : { content: piece };
    lines.push(
      JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] }),
    );
  }
  lines.push(
    JSON.stringify({ ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] }),
  );
  lines.push(
    JSON.stringify({
      ...head,
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: n, total_tokens: n + 9 },
    }),
  );
  lines.push('[DONE]');
  const bytes = new TextEncoder().encode(lines.map((l) => `data: ${l}\n\n`).join(''));
  const pieces: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += PIECE) pieces.push(bytes.subarray(i, i + PIECE));
  return { pieces, text, reasoning };
}

function drain<T extends CompletionEvent | TextOnlyEvent>(
  events$: Observable<T>,
): Promise<{ text: string; reasoning: string }> {
  return new Promise((resolve, reject) => {
    let text = '';
    let reasoning = '';
    events$.subscribe({
      next: (event) => {
        if (event.type === 'text') text += event.text;
        else if (event.type === 'reasoning') reasoning += event.text;
      },
      error: reject,
      complete: () => resolve({ text, reasoning }),
    });
  });
}

export const eventParsing: Case = async ({ quick, log }) => {
  // openai-node takes 17–35 µs per chunk: 50 000 chunks keep its runs around a second.
  const n = quick ? 15_000 : 50_000;
  const input = body(n);
  const sse = () =>
    from(input.pieces).pipe(decodeText({ fallback: 'replacement' }), parseServerSentEvents(1 << 24, URL));
  const check = (side: string, got: { text: string; reasoning: string }, reasoning: boolean) => {
    if (got.text !== input.text || (reasoning && got.reasoning !== input.reasoning))
      throw new Error(`${side}: wrong text or reasoning (${got.text.length}/${got.reasoning.length} chars)`);
  };
  const ours = async () =>
    check(
      'ours',
      await drain(sse().pipe(toCompletionEvents({ url: URL, apiKey: undefined, receivedBytes: () => 0 }))),
      true,
    );
  const textOnly = async () =>
    check(
      'text-only',
      await drain(sse().pipe(textOnlyEvents({ url: URL, apiKey: undefined, receivedBytes: () => 0 }))),
      false,
    );
  const openai = async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of input.pieces) controller.enqueue(piece);
        controller.close();
      },
    });
    const chunks = Stream.fromSSEResponse<{
      choices: { delta?: { content?: string | null; reasoning_content?: string | null } }[];
    }>(new Response(stream), new AbortController());
    let text = '';
    let reasoning = '';
    for await (const chunk of chunks) {
      const delta = chunk.choices[0]?.delta;
      if (delta?.reasoning_content) reasoning += delta.reasoning_content;
      if (delta?.content) text += delta.content;
    }
    check('openai-node', { text, reasoning }, true);
  };
  const measured = await interleave(
    { ours, textOnly, openai },
    { repeats: quick ? 5 : 7, warmup: quick ? 1 : 2 },
  );
  logSamples('eventParsing', measured, log);
  const note = `${n} chunks (a third reasoning), 16 KiB pieces, in memory`;
  return {
    eventParsing: against(measured, 'textOnly', { floor: 1.05, note: `ours/text-only path in ms; ${note}` }),
    eventParsingOpenai: against(measured, 'openai', {
      floor: 0.8,
      note: `ours/openai-node Stream in ms; ${note}`,
    }),
  };
};
