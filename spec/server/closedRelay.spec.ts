/**
 * `relay.close()` is a shutdown: the live answers end with `The relay shut down.`, and nothing new starts after it
 * (no upstream request), also for a body that was still being read when close() came.
 */
import { NEVER } from 'rxjs';
import { createRelay } from '../../src/server';
import { useAivvmServer } from '../helpers/server';
import { BODY, chatRequests, startRelay } from './relayFixture';
import { eventsOf, listen, startAnswer, streamOf } from './relayHttp';

const upstream = useAivvmServer();

describe('createRelay: close()', () => {
  it('a POST after close() gets 503 naming close(), and the upstream sees no request', async () => {
    const relay = await startRelay(upstream.current);
    try {
      relay.relay.close();
      const answer = await startAnswer(relay.url, BODY);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('connection')).toBe('close');
      expect(JSON.parse(answer.body)).toEqual({
        error: { message: 'relay: this relay was closed (relay.close()); it starts no new answers' },
      });
      expect(chatRequests(upstream.current)).toHaveLength(0);
      expect(relay.relay.liveCount).toBe(0);
    } finally {
      await relay.close();
    }
  });

  it('ends a live answer with the shut-down event, then refuses the next POST; close() twice is harmless', async () => {
    let started = 0;
    const relay = createRelay({
      complete: () => {
        started++;
        return NEVER;
      },
    });
    const http = await listen(relay);
    try {
      const live = await startAnswer(http.url, BODY);
      expect(live.status).toBe(200);
      expect(streamOf(live).id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(relay.liveCount).toBe(1);
      relay.close();
      relay.close();
      const last = eventsOf(await live.done).at(-1);
      expect(last?.event).toBe('error');
      expect(JSON.parse(last?.data ?? 'null')).toEqual({
        _tag: 'StoppedError',
        message: 'The relay shut down.',
      });
      const late = await startAnswer(http.url, BODY);
      expect(late.status).toBe(503);
      expect(started).toBe(1);
      expect(relay.liveCount).toBe(0);
    } finally {
      relay.close();
      await http.close();
    }
  });
});
