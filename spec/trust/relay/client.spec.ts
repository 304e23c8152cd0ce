/**
 * The relay client against relays that misbehave, each a real HTTP server on 127.0.0.1 scripted per test: pages
 * that are not event streams, ids that jump, huge events, a relay that never answers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRelayProvider, InvalidResponseError, type RelayConfig } from '../../../src';
import { collect } from '../../helpers/collect';
import { listen } from '../../server/relayHttp';

const MESSAGES = [{ role: 'user' as const, content: 'Hi' }];
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';
const TOKEN = 'BBBBBBBBBBBBBBBBBBBBBB';
const SSE = { 'content-type': 'text/event-stream', 'x-stream-id': ID, 'x-stream-token': TOKEN };

type Script = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** A fake relay: `script` answers each request; `hits` lists them as `METHOD path`. */
async function fakeRelay(script: Script) {
  const hits: string[] = [];
  const http = await listen((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.once('end', () => script(req, res, hits.length));
  });
  return { url: http.url, hits, close: http.close };
}

const client = (url: string, more: Partial<RelayConfig> = {}) =>
  createRelayProvider({
    baseURL: url,
    reconnect: { attempts: 3, initialDelayMs: 1, maxDelayMs: 5 },
    ...more,
  });

const event = (id: number, text: string) => `id: ${id}\ndata: ${JSON.stringify({ type: 'text', text })}\n\n`;
const finish = (id: number) => `id: ${id}\ndata: ${JSON.stringify({ type: 'finish', reason: 'stop' })}\n\n`;

describe('relay trust: the client against a relay that misbehaves', () => {
  it('an HTML page (200, no stream headers) on POST is an InvalidResponseError, after one POST', async () => {
    const relay = await fakeRelay((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>app</body></html>');
    });
    try {
      const result = await collect(client(relay.url).createCompletion('m', MESSAGES, true));
      expect(result.error).toBeInstanceOf(InvalidResponseError);
      expect(relay.hits).toEqual(['POST /']);
    } finally {
      await relay.close();
    }
  });

  it('an empty 200 (no stream headers, no body) on POST is an InvalidResponseError, after one POST', async () => {
    const relay = await fakeRelay((_req, res) => {
      res.writeHead(200);
      res.end();
    });
    try {
      const result = await collect(client(relay.url).createCompletion('m', MESSAGES, true));
      expect(result.error).toBeInstanceOf(InvalidResponseError);
      expect((result.error as Error).message).toContain('without the x-stream-id header');
      expect(relay.hits).toEqual(['POST /']);
    } finally {
      await relay.close();
    }
  });

  it('an HTML page on the reconnect (an SPA fallback) is an InvalidResponseError naming its content-type', async () => {
    const relay = await fakeRelay((_req, res, hit) => {
      if (hit === 1) {
        res.writeHead(200, SSE);
        res.write(event(1, 'Hel'));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><body>app</body></html>');
    });
    try {
      const result = await collect(client(relay.url).createCompletion('m', MESSAGES, true));
      expect(result.values).toEqual(['Hel']);
      expect(result.error).toBeInstanceOf(InvalidResponseError);
      expect((result.error as Error).message).toContain('text/html');
      expect(relay.hits.slice(0, 2)).toEqual(['POST /', `GET /${ID}`]);
      expect(relay.hits.filter((hit) => hit.startsWith('GET'))).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('ids that jump (1, 3) are an InvalidResponseError naming the missing events, after the text before', async () => {
    const relay = await fakeRelay((_req, res) => {
      res.writeHead(200, SSE);
      res.end(event(1, 'a') + event(3, 'c') + finish(4));
    });
    try {
      const result = await collect(client(relay.url).createCompletion('m', MESSAGES, true));
      expect(result.values).toEqual(['a']);
      expect(result.error).toBeInstanceOf(InvalidResponseError);
      expect((result.error as Error).message).toContain('events 2–2 are missing');
    } finally {
      await relay.close();
    }
  });

  it('repeated id lines: the last one is the id (SSE); a repeated event is skipped, not delivered twice', async () => {
    const relay = await fakeRelay((_req, res) => {
      res.writeHead(200, SSE);
      res.end(
        `id: 7\nid: 1\ndata: {"type":"text","text":"a"}\n\n${event(1, 'a')}${event(2, 'b')}${finish(3)}`,
      );
    });
    try {
      const result = await collect(client(relay.url).createCompletion('m', MESSAGES, true));
      expect(result.error).toBeUndefined();
      expect(result.values).toEqual(['a', 'b']);
    } finally {
      await relay.close();
    }
  });

  it('a data line of 10 MB is delivered whole, in under 5 s; past maxResponseBytes it is a ResponseTooLargeError', async () => {
    const big = 'z'.repeat(10_000_000);
    const relay = await fakeRelay((_req, res) => {
      res.writeHead(200, SSE);
      res.end(event(1, big) + finish(2));
    });
    try {
      const started = performance.now();
      const result = await collect(client(relay.url).createCompletion('m', MESSAGES, true));
      expect(result.error).toBeUndefined();
      expect(result.values.join('')).toBe(big);
      expect(performance.now() - started).toBeLessThan(5_000);
      const limited = await collect(
        client(relay.url, { maxResponseBytes: 1_000_000 }).createCompletion('m', MESSAGES, true),
      );
      expect(limited.error).toMatchObject({ _tag: 'ResponseTooLargeError' });
    } finally {
      await relay.close();
    }
  });

  it('a relay that never sends its headers: a TimeoutError after timeout.firstByte, and the POST is not sent twice', async () => {
    const relay = await fakeRelay(() => undefined);
    try {
      const result = await collect(
        client(relay.url, { timeout: { firstByte: 200 } }).createCompletion('m', MESSAGES, true),
      );
      expect(result.error).toMatchObject({ _tag: 'TimeoutError' });
      // The relay may have started generating: a second POST could pay for a second answer.
      expect(relay.hits).toEqual(['POST /']);
    } finally {
      await relay.close();
    }
  });

  it('500 on POST (no answer started) is retried by the retry policy; once the headers came, never again', async () => {
    const relay = await fakeRelay((_req, res, hit) => {
      if (hit === 1) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"error":{"message":"busy"}}');
        return;
      }
      res.writeHead(200, SSE);
      res.end(event(1, 'ok') + finish(2));
    });
    try {
      const result = await collect(
        client(relay.url, { retry: { baseDelayMs: 1, maxDelayMs: 5 } }).createCompletion('m', MESSAGES, true),
      );
      expect(result.error).toBeUndefined();
      expect(result.values).toEqual(['ok']);
      expect(relay.hits).toEqual(['POST /', 'POST /']);
    } finally {
      await relay.close();
    }
  });
});
