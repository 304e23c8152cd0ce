/**
 * The relay client against a real relay (createRelay) and the local model server, over real sockets: drops cut by
 * destroying the relay's socket, reconnects with Last-Event-ID, one upstream request per answer, DELETE on
 * unsubscribe, and the relay's refusals and error events as typed errors.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { firstValueFrom, take, toArray } from 'rxjs';
import {
  createRelayProvider,
  HttpError,
  InvalidRequestError,
  InvalidResponseError,
  RelayError,
  RelayStreamError,
  type CompletionEvent,
  type RelayConfig,
} from '../../src';
import { multilingualText, openaiReply } from '../../src/testing';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';
import { startRelayWithCuts } from './relayWithCuts';

const upstream = useAivvmServer();
const chats = () => upstream.current.requests.filter((r) => r.path === '/v1/chat/completions').length;
const MESSAGES = [{ role: 'user' as const, content: 'Hi' }];
const FAST_RECONNECT = { attempts: 5, initialDelayMs: 1, maxDelayMs: 20 };

function client(url: string, more: Partial<RelayConfig> = {}) {
  return createRelayProvider({ baseURL: url, reconnect: FAST_RECONNECT, ...more });
}

describe('createRelayProvider against a real relay', () => {
  it('a 20 KB answer whose connection is killed at 100 random points arrives byte-identical, from one upstream request each', async () => {
    const TEXT = multilingualText(20_000, 7);
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 16, chunkSize: 1024 }));
    const relay = await startRelayWithCuts(upstream.current);
    try {
      // The relay's whole answer, uncut, to pick cut points inside it.
      const whole = await firstValueFrom(client(relay.url).createCompletion('llama3.2', MESSAGES, false));
      expect(whole).toBe(TEXT);
      const postBytes = relay.hits[0]?.bytes ?? 0;
      expect(postBytes).toBeGreaterThan(40_000);
      let runs = 0;
      let reconnects = 0;
      await fc.assert(
        fc.asyncProperty(
          // One to three drops in a row: in the POST, then in the GETs that resume it.
          fc.array(fc.integer({ min: 1, max: postBytes - 1 }), { minLength: 1, maxLength: 3 }),
          fc.constantFrom<'node' | 'fetch'>('node', 'fetch'),
          async (cuts, transport) => {
            runs++;
            const before = chats();
            const from = relay.hits.length;
            relay.cuts.splice(0, relay.cuts.length, ...cuts);
            const text = await firstValueFrom(
              client(relay.url, { transport }).createCompletion('llama3.2', MESSAGES, true).pipe(toArray()),
            );
            relay.cuts.length = 0;
            expect(text.join('')).toBe(TEXT);
            expect(chats() - before).toBe(1);
            const hits = relay.hits.slice(from);
            expect(hits[0]?.method).toBe('POST');
            // The POST was cut (every cut point is inside it): at least one GET resumed it, each from a later id.
            const gets = hits.filter((hit) => hit.method === 'GET');
            expect(gets.length).toBeGreaterThanOrEqual(1);
            const ids = gets.map((hit) => Number(hit.lastEventId ?? 0));
            expect(ids).toEqual([...ids].sort((a, b) => a - b));
            expect(hits.some((hit) => hit.method === 'DELETE')).toBe(false);
            reconnects += gets.length;
          },
        ),
        { numRuns: 100 },
      );
      expect(runs).toBe(100);
      expect(reconnects).toBeGreaterThanOrEqual(100);
    } finally {
      await relay.close();
    }
  }, 120_000);

  it('unsubscribing sends DELETE with the token, and the upstream request closes at once (long before graceMs)', async () => {
    upstream.current.setReply(
      openaiReply({ text: multilingualText(4_000), deltaChars: 4, chunkSize: 64, chunkDelayMs: 20 }),
    );
    const relay = await startRelayWithCuts(upstream.current, { graceMs: 30_000 });
    try {
      const chat = upstream.current.nextRequest('POST /v1/chat/completions');
      const stopped = relay.nextHit('DELETE');
      const first = await firstValueFrom(
        client(relay.url).createCompletion('llama3.2', MESSAGES, true).pipe(take(3), toArray()),
      );
      const left = performance.now();
      expect(first).toHaveLength(3);
      const outcome = await (await chat).closed;
      expect(outcome.finished).toBe(false);
      expect(outcome.closedAt - left).toBeLessThan(500);
      const stop = await stopped;
      expect(stop?.path).toMatch(/^\/[A-Za-z0-9_-]{22,}$/);
      expect(stop?.authorization).toMatch(/^Bearer [A-Za-z0-9_-]{22,}$/);
    } finally {
      await relay.close();
    }
  });

  it('unsubscribing before the relay answered the POST still stops the answer: DELETE once its headers arrive', async () => {
    upstream.current.setReply(
      openaiReply({ text: multilingualText(4_000), deltaChars: 4, chunkSize: 64, chunkDelayMs: 20 }),
    );
    const relay = await startRelayWithCuts(upstream.current, { graceMs: 30_000 });
    try {
      let open!: () => void;
      relay.gateNextPost = new Promise<void>((resolve) => (open = resolve));
      const posted = relay.nextHit('POST');
      const stopped = relay.nextHit('DELETE');
      const chat = upstream.current.nextRequest('POST /v1/chat/completions');
      const events: CompletionEvent[] = [];
      const subscription = client(relay.url)
        .createCompletionEvents('llama3.2', MESSAGES)
        .subscribe((event) => events.push(event));
      await posted;
      subscription.unsubscribe(); // the relay has the POST, the client has no stream id yet
      open();
      const stop = await stopped;
      const outcome = await (await chat).closed;
      expect(outcome.finished).toBe(false);
      expect(stop.authorization).toMatch(/^Bearer /);
      expect(events).toEqual([]);
      expect(relay.hits.map((hit) => hit.method)).toEqual(['POST', 'DELETE']);
    } finally {
      await relay.close();
    }
  });

  it('unsubscribing in the tick it subscribed sends nothing at all', async () => {
    upstream.current.setReply(openaiReply({ text: 'Hello' }));
    const relay = await startRelayWithCuts(upstream.current);
    try {
      for (const transport of ['node', 'fetch'] as const)
        client(relay.url, { transport })
          .createCompletion('llama3.2', MESSAGES, true)
          .subscribe()
          .unsubscribe();
      // A request sent after them and answered: had one of them left, the relay would have seen it first.
      expect(await firstValueFrom(client(relay.url).createCompletion('llama3.2', MESSAGES, false))).toBe(
        'Hello',
      );
      expect(relay.hits.map((hit) => hit.method)).toEqual(['POST']);
      expect(chats()).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('unsubscribing a resumed stream stops the upstream at once too', async () => {
    upstream.current.setReply(
      openaiReply({ text: multilingualText(4_000), deltaChars: 4, chunkSize: 64, chunkDelayMs: 20 }),
    );
    const relay = await startRelayWithCuts(upstream.current, { graceMs: 30_000 });
    try {
      relay.cuts.push(300); // the POST breaks after 300 bytes; the GET that resumes it is whole
      const chat = upstream.current.nextRequest('POST /v1/chat/completions');
      const events: CompletionEvent[] = [];
      let resumed!: () => void;
      // 300 bytes hold a few events: the 30th came through the GET that resumed the answer.
      const thirty = new Promise<void>((resolve) => (resumed = resolve));
      const subscription = client(relay.url)
        .createCompletionEvents('llama3.2', MESSAGES)
        .subscribe((event) => events.push(event) === 30 && resumed());
      await thirty;
      subscription.unsubscribe();
      const left = performance.now();
      const outcome = await (await chat).closed;
      expect(outcome.finished).toBe(false);
      expect(outcome.closedAt - left).toBeLessThan(500);
      expect(relay.hits.map((hit) => hit.method)).toEqual(['POST', 'GET', 'DELETE']);
      expect(chats()).toBe(1);
    } finally {
      await relay.close();
    }
  });

  it('a reconnect the relay refuses is a RelayStreamError: 404 for an unknown stream, 403 for a wrong token', async () => {
    upstream.current.setReply(openaiReply({ text: multilingualText(2_000), deltaChars: 4, chunkSize: 64 }));
    const relay = await startRelayWithCuts(upstream.current);
    try {
      for (const [status, rewrite] of [
        [404, (hit: { path: string }) => (hit.path = '/AAAAAAAAAAAAAAAAAAAAAA')],
        [403, (hit: { authorization?: string }) => (hit.authorization = 'Bearer wrong')],
      ] as const) {
        relay.cuts.push(500);
        relay.rewriteNextGet = rewrite;
        const result = await collect(client(relay.url).createCompletionEvents('llama3.2', MESSAGES));
        expect(result.values.length).toBeGreaterThan(0);
        expect(result.error).toBeInstanceOf(RelayStreamError);
        const error = result.error as RelayStreamError;
        expect(error.status).toBe(status);
        expect(error.lastEventId).toBe(result.values.length);
        expect(error.message).toContain(status === 404 ? 'no longer knows the stream' : 'refused the token');
      }
    } finally {
      await relay.close();
    }
  });

  it("the relay's error event is a RelayError after the text that came before it, and no DELETE follows", async () => {
    upstream.current.setReply(
      openaiReply({
        deltas: ['Hel', 'lo'],
        error: { message: 'upstream said sk-secret', type: 'server_error' },
      }),
    );
    const relay = await startRelayWithCuts(upstream.current);
    try {
      const result = await collect(client(relay.url).createCompletion('llama3.2', MESSAGES, true));
      expect(result.values.join('')).toBe('Hello');
      expect(result.error).toBeInstanceOf(RelayError);
      const error = result.error as RelayError;
      expect(error.remoteTag).toBe('HttpError');
      expect(error.message).not.toContain('sk-secret');
      expect(error.lastEventId).toBe(2);
      // No signal exists for a request that is never sent: give one the time to arrive (a DELETE takes ~2 ms).
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(relay.hits.map((hit) => hit.method)).toEqual(['POST']);
    } finally {
      await relay.close();
    }
  });

  it("a body the relay refuses is the relay's HttpError (413 with its message), sent once; bad arguments send nothing", async () => {
    const relay = await startRelayWithCuts(upstream.current, { limits: { maxMessages: 2 } });
    try {
      const three = [...MESSAGES, { role: 'assistant' as const, content: 'Hello' }, ...MESSAGES];
      const result = await collect(client(relay.url).createCompletionEvents('llama3.2', three));
      expect(result.error).toBeInstanceOf(HttpError);
      expect((result.error as HttpError).status).toBe(413);
      expect((result.error as HttpError).message).toContain('limits.maxMessages');
      const invalid = await collect(client(relay.url).createCompletionEvents('', MESSAGES));
      expect(invalid.error).toBeInstanceOf(InvalidRequestError);
      expect(relay.hits.map((hit) => hit.method)).toEqual(['POST']);
      expect(chats()).toBe(0);
    } finally {
      await relay.close();
    }
  });

  it('createCompletion fails like a direct provider on a refusal: after the text (stream: true), after the whole text (false)', async () => {
    upstream.current.enqueue(openaiReply({ deltas: ['Well'], refusal: "I can't help with that." }));
    upstream.current.enqueue(openaiReply({ deltas: ['Well'], refusal: "I can't help with that." }));
    const relay = await startRelayWithCuts(upstream.current);
    try {
      const streamed = await collect(client(relay.url).createCompletion('llama3.2', MESSAGES, true));
      expect(streamed.values).toEqual(['Well']);
      expect(streamed.error).toMatchObject({ _tag: 'RefusalError', refusal: "I can't help with that." });
      const whole = await collect(client(relay.url).createCompletion('llama3.2', MESSAGES, false));
      expect(whole.values).toEqual(['Well']);
      expect(whole.error).toMatchObject({ _tag: 'RefusalError' });
    } finally {
      await relay.close();
    }
  });

  it('a relay whose x-stream-token does not reach the client (a proxy, CORS) fails clearly, before any event', async () => {
    upstream.current.setReply(openaiReply({ text: 'Hello' }));
    const relay = await startRelayWithCuts(upstream.current);
    try {
      relay.hiddenHeaders.push('x-stream-token');
      const result = await collect(client(relay.url).createCompletion('llama3.2', MESSAGES, true));
      expect(result.values).toEqual([]);
      expect(result.error).toBeInstanceOf(InvalidResponseError);
      expect((result.error as Error).message).toContain('without the x-stream-token header');
      expect((result.error as Error).message).toContain('access-control-expose-headers');
      expect(relay.hits.map((hit) => hit.method)).toEqual(['POST']);
    } finally {
      await relay.close();
    }
  });

  it('gives up after `attempts` reconnects that bring nothing new, with a NetworkError that says so', async () => {
    upstream.current.setReply(openaiReply({ text: multilingualText(2_000), deltaChars: 4, chunkSize: 64 }));
    const relay = await startRelayWithCuts(upstream.current);
    try {
      // The POST is cut after 400 bytes, then every GET after its first byte: no event gets through again.
      relay.cuts.push(400, 1, 1, 1);
      const stop = relay.nextHit('DELETE');
      const result = await collect(
        client(relay.url, { reconnect: { attempts: 3, initialDelayMs: 1, maxDelayMs: 5 } }).createCompletion(
          'llama3.2',
          MESSAGES,
          true,
        ),
      );
      expect(result.values.length).toBeGreaterThan(0);
      expect(result.error).toMatchObject({ _tag: 'NetworkError' });
      expect((result.error as Error).message).toMatch(/3 reconnects in a row brought nothing new/);
      expect((result.error as Error).message).toMatch(/[^.]\. Raise reconnect\.attempts/); // one full stop, not two
      // Giving up stops the answer on the relay: nobody will read it.
      await stop;
      // Each of the 3 reconnects is a GET the relay records, unless it failed on a socket the cut was closing before
      // the request got there (a race under load): 1 to 3 GETs, never more, then the DELETE.
      const methods = relay.hits.map((hit) => hit.method);
      expect(methods[0]).toBe('POST');
      expect(methods.at(-1)).toBe('DELETE');
      expect(methods.slice(1, -1).every((method) => method === 'GET')).toBe(true);
      expect(methods.length - 2).toBeGreaterThanOrEqual(1);
      expect(methods.length - 2).toBeLessThanOrEqual(3);
    } finally {
      await relay.close();
    }
  });
});
