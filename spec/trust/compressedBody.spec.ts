/**
 * Issue 9 point 2: a compressed body cut short inside a well-ended HTTP response is an error after the text
 * that arrived, not a shorter success; decompression still streams and stays under maxResponseBytes.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { createAivvm, NetworkError, ResponseTooLargeError, type AivvmConfig } from '../../src';
import { multilingualText, type ReplyEncoding } from '../../src/testing';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;
const TEXT = multilingualText(9000);
const ENCODINGS: readonly ReplyEncoding[] = ['gzip', 'deflate', 'br'];

describe('compressed bodies over the node transport', () => {
  const server = useAivvmServer();
  const aivvm = (config: AivvmConfig = {}) =>
    createAivvm({ baseURL: server.current.url, transport: 'node', retry: { count: 0 }, ...config });

  it.each(ENCODINGS)('%s: a whole body decompresses to the exact text', async (encoding) => {
    server.current.setReply({ text: TEXT, encoding, chunkSize: 100 });
    const { values, completed } = await collect(aivvm().createCompletion(null, hello, false));
    expect(completed).toBe(true);
    expect(values).toEqual([TEXT]);
    expect(server.current.requests[0]?.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it.each(ENCODINGS)(
    '%s: a body truncated inside a well-ended response is a NetworkError after its text',
    async (encoding) => {
      for (const stream of [true, false]) {
        server.current.setReply({ text: TEXT, encoding, chunkSize: 100, truncateCompressedAt: 600 });
        const sent = server.current.nextRequest('POST /api/chat');
        const { values, error } = await collect(aivvm().createCompletion(null, hello, stream));
        // The server really ended the response normally: only the compressed data is short.
        expect((await (await sent).closed).finished).toBe(true);
        const text = values.join('');
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThan(TEXT.length);
        expect(TEXT.startsWith(text)).toBe(true);
        expect(error).toBeInstanceOf(NetworkError);
        expect((error as NetworkError).message).toContain(
          `the ${encoding} body ended before its compressed data did`,
        );
        expect((error as NetworkError).receivedBytes).toBeGreaterThanOrEqual(Buffer.byteLength(text));
      }
    },
  );

  it('property: a connection cut anywhere in a compressed body delivers the text of what arrived, then a NetworkError, and is not retried', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENCODINGS),
        fc.integer({ min: 200, max: 3_000 }),
        fc.boolean(),
        async (encoding, cut, stream) => {
          server.current.enqueue({ text: TEXT, encoding, chunkSize: 100, closeAfterBytes: cut });
          const before = server.current.requests.length;
          const { values, error } = await collect(
            aivvm({ retry: { count: 2, baseDelayMs: 1 } }).createCompletion(null, hello, stream),
          );
          const text = values.join('');
          expect(error).toBeInstanceOf(NetworkError);
          expect(TEXT.startsWith(text)).toBe(true);
          // Unpaced, a whole 100-byte chunk inflates to text well before the cut: nothing arrived is lost.
          expect(text.length).toBeGreaterThan(0);
          expect((error as NetworkError).receivedBytes).toBeGreaterThanOrEqual(Buffer.byteLength(text));
          expect(server.current.requests.length - before).toBe(1); // a retry would have been answered 'hi'
        },
      ),
      { numRuns: 24 },
    );
  });

  it.each(ENCODINGS)(
    '%s: a connection cut before any text could be inflated is retried (nothing was delivered)',
    async (encoding) => {
      server.current.enqueue({ text: TEXT, encoding, chunkSize: 100, closeAfterBytes: 2 });
      const { values, completed } = await collect(
        aivvm({ retry: { count: 1, baseDelayMs: 1 } }).createCompletion(null, hello, true),
      );
      expect(completed).toBe(true);
      expect(values.join('')).toBe('hi'); // the second attempt, the server's echo
      expect(server.current.requests).toHaveLength(2);
    },
  );

  it('streams: a paced gzip reply gives its text progressively', async () => {
    server.current.setReply({ text: TEXT, encoding: 'gzip', chunkSize: 200, chunkDelayMs: 25 });
    const arrivals: number[] = [];
    const start = performance.now();
    let text = '';
    await new Promise<void>((resolve, reject) =>
      aivvm()
        .createCompletion(null, hello, true)
        .subscribe({
          next: (chunk) => {
            text += chunk;
            arrivals.push(performance.now() - start);
          },
          error: reject,
          complete: resolve,
        }),
    );
    expect(text).toBe(TEXT);
    expect(arrivals.length).toBeGreaterThanOrEqual(5);
    // The first text came long before the last: not buffered until the end.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(100);
  });

  it('a gzip bomb stops at maxResponseBytes of decompressed text', async () => {
    const limit = 1024 * 1024;
    server.current.setReply({ text: 'a'.repeat(64 * 1024 * 1024), encoding: 'gzip', chunkSize: 16 * 1024 });
    const sent = server.current.nextRequest('POST /api/chat');
    const { values, error } = await collect(
      aivvm({ maxResponseBytes: limit }).createCompletion(null, hello, true),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(values.join('').length).toBe(limit);
    await (
      await sent
    ).socketClosed;
  });
});

describe('compressed bodies over the fetch transport (Node)', () => {
  const server = useAivvmServer();

  it('a whole gzip body decompresses to the exact text', async () => {
    server.current.setReply({ text: TEXT, encoding: 'gzip', chunkSize: 100 });
    const aivvm = createAivvm({ baseURL: server.current.url, transport: 'fetch', retry: { count: 0 } });
    const { values, completed } = await collect(aivvm.createCompletion(null, hello, false));
    expect(completed).toBe(true);
    expect(values).toEqual([TEXT]);
  });
});
