/**
 * Stop and live reads as the wire contract words them: a GET after DELETE (within the TTL) reads what came and
 * the StoppedError event; a Last-Event-ID past what the live answer has so far is 400, not a wait.
 */
import { openaiReply } from '../../../src/testing';
import { useAivvmServer } from '../../helpers/server';
import { BODY, chatRequests, startRelay } from '../../server/relayFixture';
import { eventsOf, openStream, resume, startAnswer, streamOf } from '../../server/relayHttp';

const upstream = useAivvmServer();
const STOPPED = { _tag: 'StoppedError', message: 'The answer was stopped by its owner.' };

describe('relay trust: stop and live reads', () => {
  it('GET after DELETE reads the events that came, then the StoppedError event with the next id; DELETE again is 204', async () => {
    upstream.current.setReply(
      openaiReply({ text: 'x'.repeat(4_000), deltaChars: 2, chunkSize: 64, chunkDelayMs: 10 }),
    );
    const relay = await startRelay(upstream.current);
    try {
      const answer = await startAnswer(relay.url, BODY);
      const { id, token } = streamOf(answer);
      await answer.waitFor(3);
      const auth = { authorization: `Bearer ${token}` };
      expect((await openStream(`${relay.url}/${id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      const live = eventsOf(await answer.done);
      const after = eventsOf(await (await resume(relay.url, id, token)).done);
      expect(after).toEqual(live);
      const last = after.at(-1);
      expect(last).toMatchObject({ id: after.length, event: 'error' });
      expect(JSON.parse(last?.data ?? 'null')).toEqual(STOPPED);
      expect((await openStream(`${relay.url}/${id}`, { method: 'DELETE', headers: auth })).status).toBe(204);
      expect(chatRequests(upstream.current)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('Last-Event-ID past what a live answer has so far is 400 naming the range; the answer goes on', async () => {
    upstream.current.setReply(
      openaiReply({ text: 'x'.repeat(200), deltaChars: 2, chunkSize: 64, chunkDelayMs: 5 }),
    );
    const relay = await startRelay(upstream.current);
    try {
      const answer = await startAnswer(relay.url, BODY);
      const { id, token } = streamOf(answer);
      await answer.waitFor(1);
      const ahead = await resume(relay.url, id, token, 900);
      expect(ahead.status).toBe(400);
      expect(ahead.body).toMatch(
        /Last-Event-ID: expected the id of an event received \(0 to \d+\), got \\"900\\"/,
      );
      const events = eventsOf(await answer.done);
      expect(JSON.parse(events.at(-1)?.data ?? 'null')).toMatchObject({ type: 'finish' });
    } finally {
      await relay.close();
    }
  });
});
