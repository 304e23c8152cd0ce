/**
 * Resume, grace and stop against real sockets: one upstream request per answer whatever the reconnects, the
 * upstream socket closed graceMs after the last reader left, at once on DELETE (a resumed stream too).
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { multilingualText, openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { BODY, chatRequests, startRelay, textOf } from './relayFixture';
import { eventsOf, openStream, resume, startAnswer, streamOf } from './relayHttp';

const upstream = useAivvmServer();
const TEXT = multilingualText(600);

describe('createRelay: resume, grace, stop', () => {
  it('a reader cut after any event and resumed with Last-Event-ID gets exactly the rest, from one upstream request', async () => {
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 5, chunkSize: 400, chunkDelayMs: 1 }));
    const relay = await startRelay(upstream.current);
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 121 }), async (cutAfter) => {
          const before = chatRequests(upstream.current).length;
          const answer = await startAnswer(relay.url, BODY);
          const { id, token } = streamOf(answer);
          const seen = (await answer.waitFor(cutAfter)).slice(0, cutAfter);
          answer.abort();
          const rest = await resume(relay.url, id, token, cutAfter);
          const tail = eventsOf(await rest.done);
          const all = [...seen, ...tail];
          expect(all.map((frame) => frame.id)).toEqual(all.map((_, i) => i + 1));
          expect(textOf(all)).toBe(TEXT);
          expect(JSON.parse(all.at(-1)?.data ?? 'null')).toMatchObject({ type: 'finish' });
          // The whole answer read again from the store is the same events.
          expect(eventsOf(await (await resume(relay.url, id, token)).done)).toEqual(all);
          expect(chatRequests(upstream.current).length - before).toBe(1);
        }),
        { numRuns: 30 },
      );
    } finally {
      await relay.close();
    }
  }, 60_000);

  it('with no reader left, the upstream socket closes graceMs later (± 100 ms), and the answer ends with StoppedError', async () => {
    const graceMs = 400;
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 2, chunkSize: 64, chunkDelayMs: 20 }));
    const relay = await startRelay(upstream.current, { graceMs });
    try {
      const chat = upstream.current.nextRequest('POST /v1/chat/completions');
      const answer = await startAnswer(relay.url, BODY);
      await answer.waitFor(2);
      const left = performance.now();
      answer.abort();
      const outcome = await (await chat).closed;
      expect(outcome.finished).toBe(false);
      expect(outcome.closedAt - left).toBeGreaterThanOrEqual(graceMs - 100);
      expect(outcome.closedAt - left).toBeLessThanOrEqual(graceMs + 100);
      const after = eventsOf(
        await (
          await resume(
            relay.url,
            answer.headers.get('x-stream-id') ?? '',
            answer.headers.get('x-stream-token') ?? '',
          )
        ).done,
      );
      expect(after.at(-1)).toMatchObject({ event: 'error' });
      expect(JSON.parse(after.at(-1)?.data ?? '{}')).toEqual({
        _tag: 'StoppedError',
        message: `No reader came back within ${graceMs} ms: the answer was stopped.`,
      });
    } finally {
      await relay.close();
    }
  });

  it('a reader coming back within the grace period keeps the same upstream request going', async () => {
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 8, chunkSize: 256, chunkDelayMs: 5 }));
    const relay = await startRelay(upstream.current, { graceMs: 300 });
    try {
      const answer = await startAnswer(relay.url, BODY);
      const seen = (await answer.waitFor(3)).slice(0, 3);
      answer.abort();
      const rest = await resume(
        relay.url,
        answer.headers.get('x-stream-id') ?? '',
        answer.headers.get('x-stream-token') ?? '',
        3,
      );
      const all = [...seen, ...eventsOf(await rest.done)];
      expect(textOf(all)).toBe(TEXT);
      expect(chatRequests(upstream.current)).toHaveLength(1);
      expect((await chatRequests(upstream.current)[0]?.closed)?.finished).toBe(true);
    } finally {
      await relay.close();
    }
  });

  it('DELETE on a resumed stream answers 204, closes the upstream at once, and every reader gets StoppedError', async () => {
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 2, chunkSize: 64, chunkDelayMs: 20 }));
    const relay = await startRelay(upstream.current, { graceMs: 60_000 });
    try {
      const chat = upstream.current.nextRequest('POST /v1/chat/completions');
      const answer = await startAnswer(relay.url, BODY);
      const { id, token } = streamOf(answer);
      await answer.waitFor(2);
      answer.abort();
      const resumed = await resume(relay.url, id, token, 2);
      await resumed.waitFor(1);
      const stoppedAt = performance.now();
      const stop = await openStream(`${relay.url}/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(stop.status).toBe(204);
      const outcome = await (await chat).closed;
      expect(outcome.finished).toBe(false);
      expect(outcome.closedAt - stoppedAt).toBeLessThan(100);
      const last = eventsOf(await resumed.done).at(-1);
      expect(last?.event).toBe('error');
      expect(JSON.parse(last?.data ?? '{}')).toEqual({
        _tag: 'StoppedError',
        message: 'The answer was stopped by its owner.',
      });
      // Stopping again, or stopping an ended answer, is still 204; the answer stays readable until its TTL.
      const again = await openStream(`${relay.url}/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(again.status).toBe(204);
      expect(chatRequests(upstream.current)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });
});
