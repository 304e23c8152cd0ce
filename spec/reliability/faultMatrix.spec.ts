/**
 * The fault matrix: every fault the Aivvm family is known for, in both stream modes, against the real local
 * server. For each: the terminal notification (within a bound), the text delivered before it, how many requests
 * the server saw (retries only where allowed), and that the socket was closed.
 */
import axios from 'axios';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { take } from 'rxjs';
import {
  createAivvm,
  HttpError,
  InvalidResponseError,
  NetworkError,
  ResponseTooLargeError,
  TimeoutError,
  type AivvmConfig,
} from '../../src';
import type { AivvmServer, Reply } from '../../src/testing';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;

/** Short deadlines and delays so the whole matrix runs in seconds. */
const fast: AivvmConfig = {
  timeout: { firstByte: 300, idle: 300 },
  retry: { count: 2, baseDelayMs: 10, maxDelayMs: 40 },
};

interface Expectation {
  /** The error class, or undefined for a successful completion. */
  readonly error?: abstract new (...args: never[]) => Error;
  /** Text delivered before the end (stream: true joins chunks; stream: false gets it as one value). */
  readonly text: string;
  readonly requests: number;
  /** Upper bound for the whole subscription, in ms. */
  readonly withinMs: number;
  readonly check?: (error: unknown) => void;
}

interface Fault {
  readonly name: string;
  readonly replies: readonly Reply[];
  readonly config?: AivvmConfig;
  readonly expect: Expectation;
}

const faults: readonly Fault[] = [
  {
    name: '500 with reason phrase (retried, then final)',
    replies: Array(3).fill({ status: 500, reason: 'Rate limit reached for gpt-4' }),
    expect: {
      error: HttpError,
      text: '',
      requests: 3,
      withinMs: 2000,
      check: (e) => expect((e as HttpError).message).toContain('500 Rate limit reached for gpt-4'),
    },
  },
  {
    name: '429 with retry-after-ms honoured within maxDelayMs',
    replies: [
      { status: 429, reason: 'Too Many Requests', headers: { 'retry-after-ms': '300' } },
      { text: 'after wait' },
    ],
    config: { retry: { count: 2, baseDelayMs: 10, maxDelayMs: 400 } },
    expect: { text: 'after wait', requests: 2, withinMs: 2000 },
  },
  {
    name: '503 then success',
    replies: [
      { status: 503, reason: 'Service Unavailable' },
      { text: 'Привет 世界 👋', chunkSize: 3 },
    ],
    expect: { text: 'Привет 世界 👋', requests: 2, withinMs: 2000 },
  },
  {
    name: '404 is final (not retried)',
    replies: [{ status: 404, reason: 'Not Found' }],
    expect: { error: HttpError, text: '', requests: 1, withinMs: 2000 },
  },
  {
    name: 'stall before headers (first-byte timeout, retried)',
    replies: Array(3).fill({ stallBeforeHeaders: true }),
    expect: {
      error: TimeoutError,
      text: '',
      requests: 3,
      withinMs: 3000,
      check: (e) => expect((e as TimeoutError).stage).toBe('firstByte'),
    },
  },
  {
    name: 'stall after headers, before the first byte',
    replies: Array(3).fill({ text: 'never sent', stallAfterBytes: 0 }),
    expect: {
      error: TimeoutError,
      text: '',
      requests: 3,
      withinMs: 3000,
      check: (e) => expect((e as TimeoutError).stage).toBe('firstByte'),
    },
  },
  {
    name: 'stall mid-body: the chatbot-ui hang (idle timeout, never retried)',
    replies: [{ text: 'partial answer, then silence', chunkSize: 4, stallAfterBytes: 8 }],
    expect: {
      error: TimeoutError,
      text: 'partial ',
      requests: 1,
      withinMs: 2000,
      check: (e) => {
        expect((e as TimeoutError).stage).toBe('idle');
        expect((e as TimeoutError).receivedBytes).toBe(8);
        expect((e as TimeoutError).message).toContain('after 8 body bytes');
      },
    },
  },
  {
    name: 'socket cut mid-body',
    replies: [{ text: 'Hello world, this is cut', chunkSize: 4, closeAfterBytes: 12 }],
    expect: {
      error: NetworkError,
      text: 'Hello world,',
      requests: 1,
      withinMs: 2000,
      check: (e) => expect((e as NetworkError).receivedBytes).toBe(12),
    },
  },
  {
    name: 'cut inside a multibyte character (its lone lead byte is dropped and counted)',
    replies: [{ text: 'Привет', chunkSize: 1, closeAfterBytes: 5 }],
    expect: {
      error: NetworkError,
      text: 'Пр',
      requests: 1,
      withinMs: 2000,
      check: (e) => expect((e as NetworkError).danglingBytes).toBe(1),
    },
  },
  {
    name: 'endless body stopped by maxResponseBytes',
    replies: [{ text: 'la ', endless: true, chunkSize: 1500 }],
    config: { maxResponseBytes: 30_000 },
    expect: { error: ResponseTooLargeError, text: 'la '.repeat(10_000), requests: 1, withinMs: 3000 },
  },
  {
    name: 'HTML page on a 200 (a proxy challenge)',
    replies: [
      { text: '<html>Just a moment…</html>', headers: { 'content-type': 'text/html; charset=utf-8' } },
    ],
    expect: {
      error: InvalidResponseError,
      text: '',
      requests: 1,
      withinMs: 2000,
      check: (e) => expect((e as Error).message).toContain('Just a moment'),
    },
  },
  {
    name: 'invalid UTF-8 (escaped byte by byte, nothing lost)',
    replies: [{ bytes: Uint8Array.from([0x68, 0xff, 0x69, 0xc3]), chunkSize: 1 }],
    expect: { text: 'h\u00ffi\u00c3', requests: 1, withinMs: 2000 },
  },
];

async function allSocketsClosed(server: AivvmServer): Promise<void> {
  await Promise.all(server.requests.map((r) => r.socketClosed));
}

describe.each([true, false])('fault matrix, stream: %p', (stream) => {
  const server = useAivvmServer();

  it.each(faults.map((f) => [f.name, f] as const))('%s', async (_name, fault) => {
    server.current.enqueue(...fault.replies);
    // keepAlive off: every socket must close by itself, so "closed" is observable for successes too.
    const aivvm = createAivvm({
      baseURL: server.current.url,
      ...fast,
      ...fault.config,
      axios: noKeepAlive(),
    });
    const started = performance.now();
    const { values, error, completed } = await collect(aivvm.createCompletion(null, hello, stream));
    const elapsed = performance.now() - started;

    expect(elapsed).toBeLessThan(fault.expect.withinMs);
    if (fault.expect.error) {
      expect(error).toBeInstanceOf(fault.expect.error);
      fault.expect.check?.(error);
    } else {
      expect(error).toBeUndefined();
      expect(completed).toBe(true);
    }
    expect(values.join('')).toBe(fault.expect.text);
    if (!stream) expect(values.length).toBe(fault.expect.text === '' ? 0 : 1);
    expect(server.current.requests).toHaveLength(fault.expect.requests);
    await allSocketsClosed(server.current);
  });

  it('refused connection: NetworkError after the retries, within a bound', async () => {
    const url = server.current.url;
    await server.current.close();
    const started = performance.now();
    const { values, error } = await collect(
      createAivvm({ baseURL: url, ...fast }).createCompletion(null, hello, stream),
    );
    expect(performance.now() - started).toBeLessThan(2000);
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
  });

  it('429 retry-after-ms is waited for (400 ms here, within the cap)', async () => {
    server.current.enqueue({ status: 429, headers: { 'retry-after-ms': '400' } }, { text: 'ok' });
    const aivvm = createAivvm({
      baseURL: server.current.url,
      retry: { count: 1, baseDelayMs: 1, maxDelayMs: 400 },
    });
    const started = performance.now();
    const { values } = await collect(aivvm.createCompletion(null, hello, stream));
    expect(values.join('')).toBe('ok');
    expect(performance.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('unsubscribe before headers: the socket closes and nothing is retried', async () => {
    server.current.enqueue({ stallBeforeHeaders: true });
    const aivvm = createAivvm({ baseURL: server.current.url, ...fast });
    const subscription = aivvm.createCompletion(null, hello, stream).subscribe();
    const request = await server.current.nextRequest();
    subscription.unsubscribe();
    await request.socketClosed;
    expect((await request.closed).finished).toBe(false);
    expect(server.current.requests).toHaveLength(1);
  });

  it('unsubscribe mid-body: the socket closes', async () => {
    server.current.enqueue({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 2 });
    const aivvm = createAivvm({ baseURL: server.current.url, ...fast });
    const text$ = stream
      ? aivvm.createCompletion(null, hello, true).pipe(take(2))
      : aivvm.createCompletion(null, hello, false);
    const subscription = text$.subscribe();
    const request = await server.current.nextRequest();
    if (!stream) subscription.unsubscribe();
    await request.socketClosed;
    subscription.unsubscribe();
    expect((await request.closed).finished).toBe(false);
    expect((await request.closed).bytesSent).toBeGreaterThanOrEqual(0);
  });

  it('unsubscribe during a retry delay: no further request is sent', async () => {
    server.current.enqueue({ status: 503 }, { text: 'must not be requested' });
    const aivvm = createAivvm({
      baseURL: server.current.url,
      retry: { count: 2, baseDelayMs: 150, maxDelayMs: 150 },
    });
    const errors: unknown[] = [];
    const subscription = aivvm
      .createCompletion(null, hello, stream)
      .subscribe({ error: (e) => errors.push(e) });
    const first = await server.current.nextRequest();
    await first.closed;
    subscription.unsubscribe();
    // Absence cannot be signalled: wait well past the retry delay (150 ms) and check nothing arrived.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.current.requests).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});

function noKeepAlive(): NonNullable<AivvmConfig['axios']> {
  return axios.create({ httpAgent: new Agent({ keepAlive: false }) });
}
