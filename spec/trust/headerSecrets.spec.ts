/**
 * A server may echo a request header (an Azure `api-key`, an `x-token`) in its reason phrase, body, JSON error or
 * stream event. Whatever it echoes, no header value of the caller's reaches an error: its message, fields, stack,
 * `util.inspect` (what `console.error` prints) or `JSON.stringify`.
 */
import { inspect } from 'node:util';
import fc from 'fast-check';
import { createAivvm, createOpenAICompatible, HttpError } from '../../src';
import { startAivvmServer, type OpenAIReply, type Reply } from '../../src/testing';
import { headerSecrets } from '../../src/core/redact';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;

type Case = [string, (secret: string) => OpenAIReply | Reply, 'aivvm' | 'openai'];
const CASES: Case[] = [
  ['aivvm: a reason phrase', (s) => ({ status: 401, reason: `Unauthorized key ${s}` }), 'aivvm'],
  ['aivvm: a 500 body', (s) => ({ status: 500, reason: 'Error', body: `bad token ${s}` }), 'aivvm'],
  ['openai: a reason phrase', (s) => ({ status: 401, reason: `Bad key ${s}` }), 'openai'],
  [
    'openai: a JSON error (message, code, type)',
    (s) => ({ status: 401, error: { message: `invalid subscription key ${s}`, code: s, type: `t ${s}` } }),
    'openai',
  ],
  [
    'openai: an error event',
    (s) => ({ deltas: ['a'], error: { message: `revoked ${s}`, code: s } }),
    'openai',
  ],
  ['openai: a chunk that is not JSON', (s) => ({ bytes: Buffer.from(`data: ${s}\n\n`) }), 'openai'],
];

describe('header values never appear in an error', () => {
  const server = useAivvmServer();

  it('property: any credential header, echoed anywhere, by either provider', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('api-key', 'x-api-key', 'x-token', 'authorization', 'cookie'),
        fc.stringMatching(/^[A-Za-z0-9-]{12,40}$/),
        fc.nat(),
        async (name, secret, pick) => {
          const [, reply, kind] = CASES[pick % CASES.length]!;
          server.current.enqueue({ ...reply(secret), headers: { 'content-type': 'application/json' } });
          const headers = { [name]: secret };
          const { error } =
            kind === 'openai'
              ? await collect(
                  createOpenAICompatible({
                    baseURL: `${server.current.url}/v1`,
                    headers,
                    retry: { count: 0 },
                  }).createCompletion('m', hello, true),
                )
              : await collect(
                  createAivvm({ baseURL: server.current.url, headers, retry: { count: 0 } }).createCompletion(
                    null,
                    hello,
                    true,
                  ),
                );
          expect(error).toBeInstanceOf(Error);
          expect(inspect(error, { depth: 8 })).not.toContain(secret);
          expect(JSON.stringify(error)).not.toContain(secret);
          // It was sent, and the server did echo it.
          expect(server.current.requests.at(-1)?.headers[name]).toBe(secret);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('nor in a models list that is not JSON (aivvm)', async () => {
    const secret = 'TOKEN-SECRET-456789';
    const echoing = await startAivvmServer({ models: `<html>${secret}</html>` });
    try {
      const { error } = await collect(
        createAivvm({ baseURL: echoing.url, headers: { 'x-token': secret } }).listModels(),
      );
      expect(error).toMatchObject({ _tag: 'InvalidResponseError' });
      expect(inspect(error, { depth: 8 })).not.toContain(secret);
      expect((error as Error).message).toContain('[redacted]');
    } finally {
      await echoing.close();
    }
  });

  it('keeps the rest of the error: status, the message around the secret, code', async () => {
    const reply: OpenAIReply = {
      status: 401,
      error: { message: 'Access denied due to invalid subscription key AZURE-SECRET-123', code: '401' },
    };
    server.current.enqueue(reply);
    const { error } = await collect(
      createOpenAICompatible({
        baseURL: `${server.current.url}/v1`,
        headers: { 'api-key': 'AZURE-SECRET-123' },
      }).createCompletion('m', hello, true),
    );
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, code: '401' });
    expect((error as Error).message).toContain('Access denied due to invalid subscription key [redacted]');
  });

  it('treats the values (8 characters or more) of credential headers as secrets, and no others', () => {
    expect(
      headerSecrets({
        'api-key': 'AZURE-SECRET-123',
        'X-Auth-Token': 'tok-1234567890',
        Cookie: 'session=abcdef123',
        'x-flag': '1',
        'x-api-key': 'short',
        'content-type': 'application/json',
        'User-Agent': 'my-app/1.0 (linux)',
        'HTTP-Referer': 'https://myapp.example.com',
        'X-Title': 'My wonderful app',
        authorization: 'Bearer sk-123456',
      }),
    ).toEqual(['AZURE-SECRET-123', 'tok-1234567890', 'session=abcdef123', 'Bearer sk-123456']);
  });

  it('leaves public header values readable: an OpenRouter HTTP-Referer does not hide every https:// in errors', async () => {
    const reply: OpenAIReply = {
      status: 502,
      error: { message: 'upstream https://api.openai.com/v1 failed' },
    };
    server.current.enqueue(reply);
    const { error } = await collect(
      createOpenAICompatible({
        baseURL: `${server.current.url}/v1`,
        headers: { 'HTTP-Referer': 'https://myapp.example.com', 'X-Title': 'My wonderful app' },
        retry: { count: 0 },
      }).createCompletion('m', hello, true),
    );
    expect((error as Error).message).toContain('upstream https://api.openai.com/v1 failed');
    expect((error as Error).message).toContain(`from POST ${server.current.url}/v1/chat/completions`);
  });
});
