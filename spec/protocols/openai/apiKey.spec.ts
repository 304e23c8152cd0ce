import { inspect } from 'node:util';
import fc from 'fast-check';
import { createOpenAICompatible } from '../../../src';
import type { OpenAIReply } from '../../../src/testing';
import { collect } from '../../helpers/collect';
import { useAivvmServer } from '../../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;

/** Replies that make a server echo the key back in every place an error can quote. */
const echoing = (key: string): [string, OpenAIReply, 'stream' | 'whole' | 'models'][] => [
  [
    'a 401 whose message quotes the key',
    { status: 401, error: { message: `Incorrect API key: ${key}`, code: key } },
    'stream',
  ],
  ['a 500 whose plain body quotes the key', { status: 500, body: `bad ${key}` }, 'stream'],
  ['an error event quoting the key', { deltas: ['a'], error: { message: `key ${key} revoked` } }, 'stream'],
  [
    'an error event whose code and type are the key',
    { deltas: ['a'], error: { message: 'revoked', code: key, type: `auth ${key}` } },
    'stream',
  ],
  ['a reason phrase that quotes the key', { status: 401, reason: `Invalid key ${key}` }, 'stream'],
  ['a 429 reason phrase that quotes the key', { status: 429, reason: `Slow down ${key}` }, 'whole'],
  ['a chunk that is not JSON', { bytes: Buffer.from(`data: ${key}\n\n`) }, 'stream'],
  [
    'a chunk of the wrong shape',
    { bytes: Buffer.from(`data: {"choices":[{"delta":{"content":["${key}"]}}]}\n\n`) },
    'stream',
  ],
  ['a stream: false answer that is not JSON', { bytes: Buffer.from(`oops ${key}`) }, 'whole'],
  [
    'a stream: false answer of the wrong shape',
    { bytes: Buffer.from(`{"choices":[{"message":"${key}"}]}`) },
    'whole',
  ],
];

describe('the apiKey never appears in an error message', () => {
  const server = useAivvmServer();

  it('property: for any key and any failure the server can produce', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^sk-[A-Za-z0-9]{8,24}$/), fc.nat(), async (key, pick) => {
        const cases = echoing(key);
        const [, reply, kind] = cases[pick % cases.length]!;
        server.current.enqueue({ ...reply, headers: { 'content-type': 'application/json' } });
        const ai = createOpenAICompatible({
          baseURL: `${server.current.url}/v1`,
          apiKey: key,
          retry: { count: 0 },
        });
        const { error } = await collect(
          kind === 'whole' ? ai.createCompletion('m', hello, false) : ai.createCompletion('m', hello, true),
        );
        expect(error).toBeInstanceOf(Error);
        const e = error as Error & { body?: string; issues?: unknown; code?: string; type?: string };
        expect(e.message).not.toContain(key);
        expect(String(e.stack)).not.toContain(key);
        // What console.error(error) prints: every own field, the stack and the cause chain.
        expect(inspect(error, { depth: 8 })).not.toContain(key);
        expect(JSON.stringify(error)).not.toContain(key);
        expect(server.current.requests.at(-1)?.headers['authorization']).toBe(`Bearer ${key}`);
      }),
      { numRuns: 40 },
    );
  });

  it('property: nor any 8-character piece of it, wherever the echo puts it (a cut must not show a part)', async () => {
    const pieces = (key: string) => Array.from({ length: key.length - 7 }, (_, i) => key.slice(i, i + 8));
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^sk-[A-Za-z0-9]{12,24}$/),
        fc.nat({ max: 120 }),
        fc.nat(),
        async (key, padding, pick) => {
          const cases = echoing(`${'x'.repeat(padding)}${key}`);
          const [, reply, kind] = cases[pick % cases.length]!;
          server.current.enqueue({ ...reply, headers: { 'content-type': 'application/json' } });
          const ai = createOpenAICompatible({
            baseURL: `${server.current.url}/v1`,
            apiKey: key,
            retry: { count: 0 },
          });
          const { error } = await collect(
            kind === 'whole' ? ai.createCompletion('m', hello, false) : ai.createCompletion('m', hello, true),
          );
          const shown = inspect(error, { depth: 8 });
          for (const piece of pieces(key)) expect(shown).not.toContain(piece);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('nor in a models error', async () => {
    const key = 'sk-models-secret-1234';
    server.current.enqueue();
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v9`, apiKey: key });
    const { error } = await collect(ai.listModels());
    expect((error as Error).message).toContain('404');
    expect((error as Error).message).not.toContain(key);
  });
});
