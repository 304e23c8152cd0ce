/**
 * Issue 21 (toolLoop CPU): a request that says `coalesce` (the OpenAI protocol's: SSE and JSON are parsed from the
 * whole stream) is read in paused mode by the Node transport, so the pieces one socket read brought go down as
 * one chunk. The bytes, their order and what arrived before a failure must stay exactly as with `'data'` events.
 */
import axios from 'axios';
import { createServer, type Server } from 'node:net';
import { lastValueFrom, Observable, toArray } from 'rxjs';
import type { HttpRequest } from '../../src/core/httpRequest';
import { nodeTransport } from '../../src/core/transport/node';
import { NetworkError } from '../../src/errors';
import { multilingualText } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';

const CHAT = JSON.stringify({ model: 'local-model', messages: [{ role: 'user', content: 'hi' }] });
const TEXT = 'Привет, 世界 👋 — '.repeat(20);

function request(url: string, coalesce: boolean): HttpRequest {
  return { url, body: CHAT, headers: { 'content-type': 'application/json' }, expect: 'text', coalesce };
}

/** The chunks up to the end, or up to the error (with the error). */
function collect(chunks$: Observable<Uint8Array>): Promise<{ chunks: Uint8Array[]; error?: unknown }> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    chunks$.subscribe({
      next: (chunk) => chunks.push(chunk),
      error: (error: unknown) => resolve({ chunks, error }),
      complete: () => resolve({ chunks }),
    });
  });
}

const text = (chunks: readonly Uint8Array[]): string => Buffer.concat(chunks).toString('utf8');

describe('nodeTransport with coalesce', () => {
  const server = useAivvmServer();

  it('delivers a body written in 1-byte pieces as fewer chunks, byte for byte', async () => {
    server.current.setReply({ text: TEXT, chunkSize: 1 });
    const url = `${server.current.url}/api/chat`;
    const pieces = Buffer.byteLength(TEXT);
    const coalesced = await lastValueFrom(nodeTransport(axios.create(), request(url, true)).pipe(toArray()));
    expect(text(coalesced)).toBe(TEXT);
    // The server writes all its pieces in one synchronous loop: they arrive in a handful of socket reads.
    expect(coalesced.length).toBeLessThan(pieces / 4);
    server.current.setReply({ text: TEXT, chunkSize: 1 });
    const plain = await lastValueFrom(nodeTransport(axios.create(), request(url, false)).pipe(toArray()));
    expect(text(plain)).toBe(TEXT);
  });

  it('decompresses a gzip body read in paused mode', async () => {
    server.current.setReply({ text: TEXT, encoding: 'gzip', chunkSize: 3 });
    const chunks = await lastValueFrom(
      nodeTransport(axios.create(), request(`${server.current.url}/api/chat`, true)).pipe(toArray()),
    );
    expect(text(chunks)).toBe(TEXT);
  });

  it.each([20, 400, 2000])(
    'delivers what a gzip body cut after %i compressed bytes decompressed to, as without coalesce',
    async (cutAt) => {
      const url = `${server.current.url}/api/chat`;
      const long = multilingualText(4_000);
      const cut = { text: long, encoding: 'gzip', truncateCompressedAt: cutAt } as const;
      server.current.setReply(cut);
      const plain = await collect(nodeTransport(axios.create(), request(url, false)));
      server.current.setReply(cut);
      const coalesced = await collect(nodeTransport(axios.create(), request(url, true)));
      expect(plain.error).toBeInstanceOf(NetworkError);
      expect(coalesced.error).toBeInstanceOf(NetworkError);
      expect((coalesced.error as NetworkError).code).toBe((plain.error as NetworkError).code);
      const got = Buffer.concat(coalesced.chunks);
      expect(got).toEqual(Buffer.concat(plain.chunks));
      expect(got).toEqual(Buffer.from(long).subarray(0, got.length));
    },
  );

  it('delivers every byte that arrived before the connection was cut, then a NetworkError', async () => {
    const cutAt = 101;
    server.current.setReply({ text: TEXT, chunkSize: 1, closeAfterBytes: cutAt });
    const { chunks, error } = await collect(
      nodeTransport(axios.create(), request(`${server.current.url}/api/chat`, true)),
    );
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(TEXT).subarray(0, cutAt));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).receivedBytes).toBe(cutAt);
  });
});

describe('nodeTransport with coalesce, against a raw socket', () => {
  let raw: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => raw?.close(resolve));
    raw = undefined;
  });

  /** A server that sends `bytes` in one write, then destroys the socket. */
  async function rawServer(bytes: string): Promise<string> {
    raw = createServer((socket) => {
      socket.once('data', () => socket.write(bytes, () => socket.destroy()));
    });
    await new Promise<void>((resolve) => raw!.listen(0, '127.0.0.1', resolve));
    const address = raw.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}/v1/chat/completions`;
  }

  it('delivers the body pieces that came with a malformed chunk in the same packet, then the error', async () => {
    const head = 'HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n';
    const url = await rawServer(`${head}5\r\ndata:\r\n3\r\n {}\r\n1\r\n\n\r\nzz\r\n`);
    const { chunks, error } = await collect(nodeTransport(axios.create(), request(url, true)));
    expect(text(chunks)).toBe('data: {}\n');
    expect(error).toBeInstanceOf(NetworkError);
  });
});
