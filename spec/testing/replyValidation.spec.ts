/**
 * Issue 22 point 2: every reply option is checked where replies are given (`enqueue`, `setReply`,
 * `startAivvmServer({ reply, replies })`, `openaiReply`), with an error naming the field, the value and what is
 * expected; a reply that passes is served, whatever its values.
 */
import fc from 'fast-check';
import { openaiReply, startAivvmServer, type AivvmServer, type Reply } from '../../src/testing';
import { replyFields } from '../../src/testing/replyCodecs';
import { openaiReplyFields } from '../../src/testing/openai/openaiReplyCodecs';
import { validateReply } from '../../src/testing/validateReply';

const FIELDS = { ...replyFields, ...openaiReplyFields };
import { collect, send } from './rawClient';

const chatBody = { model: 'local', messages: [{ role: 'user', content: 'echo me' }], stream: true };

describe('reply options are checked when a reply is given', () => {
  let server: AivvmServer;

  beforeEach(async () => {
    server = await startAivvmServer();
  });
  afterEach(() => server.close());

  it.each([0, -1, -4, 1.5, NaN, Infinity, -Infinity, '4', null])(
    'refuses deltaChars %p at enqueue, in openaiReply and in startAivvmServer',
    async (deltaChars) => {
      const reply = { deltaChars } as unknown as Reply;
      expect(() => server.enqueue(reply)).toThrow(RangeError);
      expect(() => server.enqueue(reply)).toThrow(
        /^enqueue\[0\]\.deltaChars must be a positive integer \(code points per delta\), got /,
      );
      expect(() => openaiReply(reply)).toThrow(/^reply\.deltaChars must be a positive integer/);
      expect(() => server.setReply(reply)).toThrow(/^reply\.deltaChars/);
      await expect(startAivvmServer({ replies: [{}, reply] })).rejects.toThrow(/^replies\[1\]\.deltaChars/);
    },
  );

  it('names the field, the value and the expectation for every OpenAI option', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ deltas: 'abc' }, 'reply.deltas must be an array of strings, got "abc"'],
      [{ deltas: ['a', 2] }, 'reply.deltas[1] must be a string, got 2'],
      [{ finishReason: 5 }, 'reply.finishReason must be a string or null, got 5'],
      [{ done: 'no' }, 'reply.done must be true or false, got "no"'],
      [{ lineEnding: '\n\n' }, `reply.lineEnding must be one of "\\n", "\\r\\n", "\\r", got "\\n\\n"`],
      [{ comments: 1 }, 'reply.comments must be true or false, got 1'],
      [{ error: 'boom' }, 'reply.error must be an object { message, type?, code? }, got "boom"'],
      [{ error: { message: 5 } }, 'reply.error.message must be a string, got 5'],
      [{ error: { message: 'x', code: {} } }, 'reply.error.code must be a string, a number or null, got {}'],
      [
        { usage: { prompt_tokens: -1, completion_tokens: 1, total_tokens: 0 } },
        'reply.usage.prompt_tokens must be an integer ≥ 0, got -1',
      ],
      [
        { usage: { prompt_tokens: 1 } },
        'reply.usage.completion_tokens must be an integer ≥ 0, got undefined',
      ],
    ];
    for (const [reply, message] of cases) expect(() => validateReply(reply as Reply)).toThrow(message);
  });

  it('names the field, the value and the expectation for every Aivvm option', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ text: 5 }, 'reply.text must be a string, got 5'],
      [{ echo: 'yes' }, 'reply.echo must be true or false, got "yes"'],
      [{ endless: 1 }, 'reply.endless must be true or false, got 1'],
      [{ bytes: 'abc' }, 'reply.bytes must be a Uint8Array, got "abc"'],
      [{ body: 7 }, 'reply.body must be a string or a Uint8Array, got 7'],
      [{ reason: 404 }, 'reply.reason must be a string, got 404'],
      [{ headers: 'x' }, 'reply.headers must be an object of header names to string values, got "x"'],
      [{ headers: { 'retry-after': 3 } }, 'reply.headers["retry-after"] must be a string, got 3'],
      [{ chunkSize: [2, 0] }, 'reply.chunkSize[1] must be a positive integer, got 0'],
      [
        { chunkSize: '8' },
        'reply.chunkSize must be a positive integer or a non-empty array of them, got "8"',
      ],
      [
        { chunkDelayMs: -1 },
        'reply.chunkDelayMs must be a number of milliseconds from 0 to 2147483647, got -1',
      ],
      [{ chunkDelayMs: 2 ** 31 }, 'reply.chunkDelayMs must be a number of milliseconds from 0 to 2147483647'],
      [{ headersDelayMs: NaN }, 'reply.headersDelayMs must be a number of milliseconds from 0 to 2147483647'],
      [{ closeAfterBytes: 1.5 }, 'reply.closeAfterBytes must be an integer ≥ 0, got 1.5'],
      [{ stallAfterBytes: -1 }, 'reply.stallAfterBytes must be an integer ≥ 0, got -1'],
      [{ stallBeforeHeaders: 'true' }, 'reply.stallBeforeHeaders must be true or false, got "true"'],
      [{ status: 99 }, 'reply.status must be an integer in 200…999, got 99'],
      [{ encoding: 'zstd' }, 'reply.encoding must be one of "gzip", "deflate", "br", got "zstd"'],
      [{ chunksize: 3 }, 'reply.chunksize is not a reply option (did you mean chunkSize?)'],
    ];
    for (const [reply, message] of cases) expect(() => validateReply(reply as Reply)).toThrow(message);
  });

  it('refuses a reply that is not an object, or whose getter throws, with the place it was given', () => {
    expect(() => server.enqueue(null as never)).toThrow('enqueue[0] must be an object, got null');
    expect(() => server.enqueue([] as never)).toThrow('enqueue[0] must be an object, got []');
    const trap = Object.defineProperty({}, 'text', {
      enumerable: true,
      get() {
        throw new Error('trap');
      },
    });
    expect(() => server.enqueue(trap)).toThrow(/^enqueue\[0\]\.text could not be read: trap/);
  });
});

// Hostile values for every option: most must be refused; the ones that pass must be served.
const hostile = fc.constantFrom<unknown>(
  0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  -0,
  '',
  '0',
  'x',
  '\n\n',
  true,
  false,
  null,
  [],
  [0],
  [-1],
  ['a'],
  {},
  { message: 'm' },
  { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  Uint8Array.of(0xff, 0x41),
);
const sane: Record<string, fc.Arbitrary<unknown>> = {
  deltaChars: fc.integer({ min: 1, max: 8 }),
  deltas: fc.array(fc.string({ maxLength: 5 }), { maxLength: 5 }),
  finishReason: fc.constantFrom('stop', 'length', null),
  lineEnding: fc.constantFrom('\n', '\r\n', '\r'),
  chunkSize: fc.oneof(
    fc.integer({ min: 1, max: 64 }),
    fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1 }),
  ),
  chunkDelayMs: fc.integer({ min: 0, max: 3 }),
  headersDelayMs: fc.integer({ min: 0, max: 3 }),
  closeAfterBytes: fc.integer({ min: 0, max: 400 }),
  status: fc.constantFrom(200, 201, 400, 429, 500, 503),
  text: fc.string({ maxLength: 40 }),
  encoding: fc.constantFrom('gzip', 'deflate', 'br'),
  done: fc.boolean(),
  comments: fc.boolean(),
  echo: fc.boolean(),
  error: fc.record({ message: fc.string(), code: fc.oneof(fc.string(), fc.integer(), fc.constant(null)) }),
  usage: fc.record({ prompt_tokens: fc.nat(), completion_tokens: fc.nat(), total_tokens: fc.nat() }),
  reason: fc.string({ maxLength: 10 }),
  body: fc.oneof(fc.string(), fc.uint8Array({ maxLength: 20 })),
  bytes: fc.uint8Array({ maxLength: 50 }),
  headers: fc.dictionary(fc.constantFrom('x-a', 'retry-after', 'content-type', 'bad name'), fc.string()),
  truncateCompressedAt: fc.nat({ max: 50 }),
  reasoning: fc.oneof(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 })),
  reasoningField: fc.constantFrom('reasoning_content', 'reasoning'),
  refusal: fc.string({ maxLength: 20 }),
  toolCalls: fc.array(
    fc.record(
      { id: fc.oneof(fc.string(), fc.constant(null)), name: fc.string(), arguments: fc.string() },
      { requiredKeys: ['name', 'arguments'] },
    ),
    { minLength: 1, maxLength: 3 },
  ),
  toolCallStyle: fc.constantFrom('openai', 'whole', 'ollama'),
  firstToolCallIndex: fc.nat({ max: 3 }),
  contentParts: fc.boolean(),
  filterResults: fc.boolean(),
  contentFilter: fc.boolean(),
  sendUsage: fc.constantFrom('if-asked', 'always', 'never'),
  usageChunk: fc.constantFrom('separate', 'last-choice'),
  usageOnEveryChunk: fc.boolean(),
  perEvent: fc.boolean(),
  // Hangs by design: checked for "no crash", not for an end.
  stallAfterBytes: fc.nat({ max: 100 }),
  stallBeforeHeaders: fc.boolean(),
  endless: fc.boolean(),
  replay: fc.record({ bytes: fc.oneof(fc.string({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 })) }),
};
const KEYS = Object.keys(sane);
const field = (key: string): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: hostile, weight: 1 }, { arbitrary: sane[key] as fc.Arbitrary<unknown>, weight: 3 });
const hostileReply = fc
  .uniqueArray(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 4 })
  .chain((keys) => fc.record(Object.fromEntries(keys.map((key) => [key, field(key)]))));

/** Resolves with how the exchange ended, or 'hung' when nothing ends it in `ms`. */
async function outcome(url: string, path: string, ms: number): Promise<string> {
  const sent = send(url, path, path === '/api/chat' ? { model: 'x', messages: chatBody.messages } : chatBody);
  const timer = new Promise<string>((resolve) => setTimeout(() => resolve('hung'), ms).unref());
  const done = sent.response.then(
    async (res) => `${res.statusCode} ${(await collect(res)).ended ? 'ended' : 'cut'}`,
    (error: Error) => `failed ${error.message}`,
  );
  const result = await Promise.race([done, timer]);
  sent.req.destroy();
  return result;
}

describe('hostile reply options never hang or crash the server (property)', () => {
  it('either enqueue throws a clear error, or the reply is served on both routes', async () => {
    // Every option of Reply and OpenAIReply has values here (the codecs' list is the source).
    expect(KEYS.sort()).toEqual(Object.keys(FIELDS).sort());
    const server = await startAivvmServer();
    let served = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          hostileReply,
          fc.constantFrom('/v1/chat/completions', '/api/chat'),
          async (reply, path) => {
            try {
              server.enqueue(reply as Reply);
            } catch (error) {
              expect(error).toBeInstanceOf(Error);
              expect((error as Error).message).toMatch(
                /^enqueue\[0\]\.\w+.* (must|cannot|needs|is not|has no effect)/,
              );
              return;
            }
            served++;
            const r = reply as Reply;
            // A stall is the reply's own doing: check that nothing fails, not that it ends.
            const stalls =
              r.stallBeforeHeaders === true || r.stallAfterBytes !== undefined || r.endless === true;
            const result = await outcome(server.url, path, stalls ? 200 : 3_000);
            if (!stalls) expect(result).not.toBe('hung');
            expect(result).not.toMatch(/^failed/);
          },
        ),
        { numRuns: 200 },
      );
      // Most runs must reach the server, or the property proves little.
      expect(served).toBeGreaterThan(50);
      // Still answering, and quickly.
      expect(await outcome(server.url, '/v1/chat/completions', 1_000)).toBe('200 ended');
    } finally {
      await server.close();
    }
  }, 60_000);
});
