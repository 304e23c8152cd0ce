/**
 * The default retry table, row by row, against the local server on 127.0.0.1: which failures are retried
 * (the server sees 3 requests with `count: 2`) and which are final (it sees 1), with chatbot-ui's habit of
 * turning every upstream failure into a `500` whose reason phrase carries the upstream message.
 */
import { performance } from 'node:perf_hooks';
import {
  createAivvm,
  defaultRetryWhen,
  HttpError,
  InvalidRequestError,
  NetworkError,
  validateConfig,
  type AivvmConfig,
  type AnyAivvmError,
} from '../../src';
import type { Reply } from '../../src/testing';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;
const fast: AivvmConfig = {
  timeout: { firstByte: 300 },
  retry: { count: 2, baseDelayMs: 1, maxDelayMs: 50 },
};

const RATE_LIMIT =
  'Rate limit reached for default-gpt-3.5-turbo in organization org-abc on requests per min. Limit: 3 / min. ' +
  'Please try again in 20ms. Contact us through our help center at help.openai.com if you continue to have issues.';

interface Row {
  readonly name: string;
  readonly reply: Reply;
  readonly requests: 1 | 3;
}

const rows: readonly Row[] = [
  { name: '408 Request Timeout', reply: { status: 408, reason: 'Request Timeout' }, requests: 3 },
  { name: '429 Too Many Requests', reply: { status: 429, reason: 'Too Many Requests' }, requests: 3 },
  { name: '502 Bad Gateway', reply: { status: 502, reason: 'Bad Gateway' }, requests: 3 },
  { name: '503 Service Unavailable', reply: { status: 503, reason: 'Service Unavailable' }, requests: 3 },
  { name: '504 Gateway Timeout', reply: { status: 504, reason: 'Gateway Timeout' }, requests: 3 },
  { name: '500 rate limit phrase', reply: { status: 500, reason: RATE_LIMIT }, requests: 3 },
  {
    name: '500 model overloaded phrase',
    reply: {
      status: 500,
      reason: 'That model is currently overloaded with other requests. You can retry your request.',
    },
    requests: 3,
  },
  {
    name: '500 server overloaded phrase',
    reply: { status: 500, reason: 'The server is overloaded or not ready yet.' },
    requests: 3,
  },
  {
    name: '500 model does not exist',
    reply: { status: 500, reason: 'The model `gpt-4-32k` does not exist' },
    requests: 1,
  },
  {
    name: '500 maximum context length',
    reply: {
      status: 500,
      reason:
        "This model's maximum context length is 4097 tokens. However, your messages resulted in 27312 tokens. " +
        'Please reduce the length of the messages.',
    },
    requests: 1,
  },
  {
    name: '500 quota exceeded (a 429 upstream, but deterministic)',
    reply: {
      status: 500,
      reason: 'You exceeded your current quota, please check your plan and billing details.',
    },
    requests: 1,
  },
  {
    name: '500 Internal Server Error (a phrase the server could not encode)',
    reply: { status: 500, reason: 'Internal Server Error', body: 'Internal Server Error' },
    requests: 1,
  },
  { name: '500 with the generic body Error', reply: { status: 500 }, requests: 1 },
  { name: '409 Conflict (no longer retried)', reply: { status: 409, reason: 'Conflict' }, requests: 1 },
  { name: '400 Bad Request', reply: { status: 400, reason: 'Bad Request' }, requests: 1 },
  { name: '401 Unauthorized', reply: { status: 401, reason: 'Unauthorized' }, requests: 1 },
  { name: '403 Forbidden', reply: { status: 403, reason: 'Forbidden' }, requests: 1 },
  { name: '404 Not Found', reply: { status: 404, reason: 'Not Found' }, requests: 1 },
  { name: '422 Unprocessable Entity', reply: { status: 422, reason: 'Unprocessable Entity' }, requests: 1 },
];

describe('the default retry table against the local server', () => {
  const server = useAivvmServer();

  it.each(rows)('$name → $requests request(s)', async ({ reply, requests }) => {
    server.current.enqueue(reply, reply, reply);
    const aivvm = createAivvm({ baseURL: server.current.url, ...fast });
    const { error } = await collect(aivvm.createCompletion(null, hello, true));
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(reply.status);
    expect(server.current.requests.filter((r) => r.path === '/api/chat')).toHaveLength(requests);
  });

  it('a first-byte timeout is retried; an idle one after bytes is not', async () => {
    server.current.enqueue({ stallBeforeHeaders: true }, { stallAfterBytes: 0, text: 'x' }, { text: 'ok' });
    const aivvm = createAivvm({ baseURL: server.current.url, ...fast });
    const { values } = await collect(aivvm.createCompletion(null, hello, true));
    expect(values.join('')).toBe('ok');
    expect(server.current.requests).toHaveLength(3);
  });

  it('a refused connection is retried (Node reports ECONNREFUSED, not ERR_NETWORK)', async () => {
    const url = server.current.url;
    await server.current.close();
    const attempts: number[] = [];
    const when = (error: AnyAivvmError, attempt: number): boolean => {
      attempts.push(attempt);
      return defaultRetryWhen(error, attempt);
    };
    for (const transport of ['node', 'fetch'] as const) {
      attempts.length = 0;
      const aivvm = createAivvm({ baseURL: url, transport, retry: { ...fast.retry, when } });
      const { error } = await collect(aivvm.createCompletion(null, hello, true));
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toBe('ECONNREFUSED');
      expect(attempts).toEqual([1, 2]);
    }
  });

  it('ERR_NETWORK (a browser fetch: refused or CORS, indistinguishable) is not retried by default', () => {
    expect(defaultRetryWhen(new NetworkError('Network Error', 'ERR_NETWORK', 0), 1)).toBe(false);
    expect(defaultRetryWhen(new NetworkError('refused', 'ECONNREFUSED', 0), 1)).toBe(true);
  });

  it('a rate-limit phrase asking for longer than maxDelayMs fails at once, with retryAfterMs from the phrase', async () => {
    const reason = RATE_LIMIT.replace('20ms', '20s');
    server.current.enqueue({ status: 500, reason }, { text: 'must not be requested' });
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { count: 2, maxDelayMs: 8000 } });
    const started = performance.now();
    const { error } = await collect(aivvm.createCompletion(null, hello, false));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).retryAfterMs).toBe(20_000);
    expect((error as HttpError).message).toContain('Please try again in 20s');
    expect(server.current.requests).toHaveLength(1);
  });

  it('the delay a rate-limit phrase states is waited before the retry', async () => {
    server.current.enqueue({ status: 500, reason: RATE_LIMIT.replace('20ms', '300ms') }, { text: 'ok' });
    const aivvm = createAivvm({
      baseURL: server.current.url,
      retry: { count: 1, baseDelayMs: 1, maxDelayMs: 1000 },
    });
    const { values } = await collect(aivvm.createCompletion(null, hello, true));
    expect(values.join('')).toBe('ok');
    const [first, second] = server.current.requests;
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(290);
  });

  it('retry-after-ms (OpenAI style) lands in retryAfterMs', async () => {
    server.current.enqueue({ status: 429, headers: { 'retry-after-ms': '12345' } });
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { maxDelayMs: 1000 } });
    const { error } = await collect(aivvm.createCompletion(null, hello, true));
    expect((error as HttpError).retryAfterMs).toBe(12_345);
    expect(server.current.requests).toHaveLength(1);
  });
});

describe('retry.when replaces the decision', () => {
  const server = useAivvmServer();

  it('on the config: never retry, even a 503', async () => {
    server.current.enqueue({ status: 503 }, { text: 'must not be requested' });
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { when: () => false } });
    const { error } = await collect(aivvm.createCompletion(null, hello, true));
    expect((error as HttpError).status).toBe(503);
    expect(server.current.requests).toHaveLength(1);
  });

  it('per call, over the config: retry a 409, with the 1-based attempt and the typed error', async () => {
    server.current.enqueue({ status: 409 }, { status: 409 }, { text: 'done' });
    const seen: string[] = [];
    const aivvm = createAivvm({
      baseURL: server.current.url,
      ...fast,
      retry: { ...fast.retry, when: () => false },
    });
    const { values } = await collect(
      aivvm.createCompletion(null, hello, true, {
        retry: {
          when: (error, attempt) => {
            seen.push(`${error._tag}:${error._tag === 'HttpError' ? error.status : ''}#${attempt}`);
            return error._tag === 'HttpError' && error.status === 409;
          },
        },
      }),
    );
    expect(values.join('')).toBe('done');
    expect(seen).toEqual(['HttpError:409#1', 'HttpError:409#2']);
  });

  it('is never asked once body bytes were delivered', async () => {
    server.current.enqueue({ text: 'partial', closeAfterBytes: 3 }, { text: 'must not be requested' });
    const when = jest.fn(() => true);
    const aivvm = createAivvm({ baseURL: server.current.url, retry: { when } });
    const { values, error } = await collect(aivvm.createCompletion(null, hello, true));
    expect(values.join('')).toBe('par');
    expect(error).toBeInstanceOf(NetworkError);
    expect(when).not.toHaveBeenCalled();
  });

  it('is validated with io-ts, on the config and per call', async () => {
    const config = validateConfig({ retry: { when: 'always' } });
    expect(config._tag).toBe('Left');
    if (config._tag === 'Left') {
      expect(config.left.message).toContain(
        'config.retry.when: expected a function (error, attempt) => boolean, got a string of 6 characters',
      );
    }
    const aivvm = createAivvm({ baseURL: server.current.url });
    const { error } = await collect(
      aivvm.createCompletion(null, hello, true, { retry: { when: 42 as never } }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain(
      'options.retry.when: expected a function (error, attempt) => boolean, got 42',
    );
    expect(server.current.requests).toHaveLength(0);
  });
});
