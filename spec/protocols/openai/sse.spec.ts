import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import {
  createOpenAICompatible,
  decodeText,
  HttpError,
  IncompleteResponseError,
  ResponseTooLargeError,
  type CompletionEvent,
} from '../../../src';
import { parseServerSentEvents } from '../../../src/protocols/openai/parseServerSentEvents';
import { toCompletionEvents } from '../../../src/protocols/openai/events/toCompletionEvents';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const URL = 'http://127.0.0.1:1/v1/chat/completions';
const chunk = (content: string | null, finish: string | null = null): string =>
  JSON.stringify({
    id: 'c',
    choices: [{ index: 0, delta: content === null ? null : { content }, finish_reason: finish }],
  });

/** A stream with every SSE feature: CRLF, CR and LF endings, comments, event/id/retry fields, multi-line data. */
const FIXTURE = [
  ': keep-alive\r\n',
  `data: ${chunk('Привет')}\r\n\r\n`,
  `id: 7\nevent: message\ndata: ${chunk(', мир')}\n\n`,
  `retry: 1000\ndata: ${chunk(' 你好 👋🏽')}\r\r`,
  // A usage-only chunk, a null delta, then the finish and a JSON split over two data lines.
  `data: {"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}\n\n`,
  `data: ${chunk(null)}\n\n`,
  `data: {"choices":[{"delta":{"content":"!"},\ndata: "finish_reason":"stop"}]}\n\n`,
  'data: [DONE]\n\n',
].join('');

const EXPECTED: CompletionEvent[] = [
  { type: 'text', text: 'Привет' },
  { type: 'text', text: ', мир' },
  { type: 'text', text: ' 你好 👋🏽' },
  { type: 'text', text: '!' },
  { type: 'finish', reason: 'stop', usage: { promptTokens: 3, completionTokens: 4, totalTokens: 7 } },
];

function eventsOf(chunks: readonly Uint8Array[]) {
  let received = 0;
  for (const c of chunks) received += c.byteLength;
  return collect(
    from(chunks).pipe(
      decodeText({ fallback: 'replacement' }),
      parseServerSentEvents(1 << 20, URL),
      toCompletionEvents({ url: URL, apiKey: undefined, receivedBytes: () => received }),
    ),
  );
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, in range). */
function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(start, p));
    start = p;
  }
  return parts;
}

describe('SSE → completion events', () => {
  const bytes = new TextEncoder().encode(FIXTURE);

  it('reads the fixture whole', async () => {
    expect(await eventsOf([bytes])).toEqual({ values: EXPECTED, error: undefined, completed: true });
  });

  it('property: any split of the SSE bytes gives the same events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        const result = await eventsOf(splitAt(bytes, cuts));
        expect(result).toEqual({ values: EXPECTED, error: undefined, completed: true });
      }),
      { numRuns: 300 },
    );
  });

  it('a CRLF split across chunks at every position gives the same events', async () => {
    const crlf = new TextEncoder().encode(
      `data: ${chunk('a')}\r\n\r\ndata: ${chunk('b', 'stop')}\r\n\r\ndata: [DONE]\r\n\r\n`,
    );
    for (let at = 0; at <= crlf.length; at++) {
      const result = await eventsOf([crlf.subarray(0, at), crlf.subarray(at)]);
      expect(result.values).toEqual([
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
        { type: 'finish', reason: 'stop' },
      ]);
    }
  });

  it.each([
    ['\\n\\n', '\n\n'],
    ['\\n', '\n'],
    ['none', ''],
    ['\\r\\n', '\r\n'],
  ])('a last event ending with %s still counts (no [DONE])', async (_name, ending) => {
    const body = new TextEncoder().encode(`data: ${chunk('x')}\n\ndata: ${chunk('y', 'length')}${ending}`);
    const result = await eventsOf([body]);
    expect(result.values).toEqual([
      { type: 'text', text: 'x' },
      { type: 'text', text: 'y' },
      { type: 'finish', reason: 'length' },
    ]);
    expect(result.completed).toBe(true);
  });

  it('[DONE] without its blank line still completes', async () => {
    const body = new TextEncoder().encode(`data: ${chunk('x')}\n\ndata: [DONE]`);
    expect((await eventsOf([body])).values).toEqual([
      { type: 'text', text: 'x' },
      { type: 'finish', reason: null },
    ]);
  });

  it('nothing after [DONE] is read', async () => {
    const body = new TextEncoder().encode(
      `data: ${chunk('x', 'stop')}\n\ndata: [DONE]\n\ndata: {bad json\n\n`,
    );
    expect(await eventsOf([body])).toMatchObject({ completed: true, error: undefined });
  });

  it('an event growing past maxBufferSize is a ResponseTooLargeError, after the events before it', async () => {
    const body = new TextEncoder().encode(`data: ${chunk('ok')}\n\ndata: ${'x'.repeat(5000)}`);
    let received = 0;
    const result = await collect(
      from([body]).pipe(
        decodeText(),
        parseServerSentEvents(1024, URL),
        toCompletionEvents({ url: URL, apiKey: undefined, receivedBytes: () => received++ }),
      ),
    );
    expect(result.values).toEqual([{ type: 'text', text: 'ok' }]);
    expect(result.error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('an `event: error` is an HttpError after the text', async () => {
    const body = new TextEncoder().encode(
      `data: ${chunk('a')}\n\nevent: error\ndata: {"message":"overloaded"}\n\n`,
    );
    const result = await eventsOf([body]);
    expect(result.values).toEqual([{ type: 'text', text: 'a' }]);
    expect(result.error).toBeInstanceOf(HttpError);
    expect((result.error as Error).message).toContain('overloaded');
  });

  it('an empty body is an IncompleteResponseError', async () => {
    const result = await eventsOf([]);
    expect(result.error).toBeInstanceOf(IncompleteResponseError);
  });
});

describe('SSE over the local server', () => {
  const server = useAivvmServer();

  it('property: any chunking by the server gives the same text and finish', async () => {
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const text = 'Hello, мир! 你好 👋🏽 — done.';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'),
        fc.boolean(),
        async (chunkSize, lineEnding, comments) => {
          server.current.enqueue({ text, deltaChars: 3, chunkSize, lineEnding, comments } as never);
          const events = await lastValueFrom(
            ai.createCompletionEvents('m', [{ role: 'user', content: 'hi' }]).pipe(toArray()),
          );
          const texts = events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
          expect(texts.join('')).toBe(text);
          expect(events.at(-1)).toMatchObject({
            type: 'finish',
            reason: 'stop',
            usage: { completionTokens: texts.length },
          });
        },
      ),
      { numRuns: 25 },
    );
  });
});
