/**
 * The relay's wire contract against real sockets: the local server's OpenAI route upstream, the relay on
 * 127.0.0.1, fetch as the browser.
 */
import { of } from 'rxjs';
import { createRelay } from '../../src/server';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { BODY, chatRequests, startRelay, textOf } from './relayFixture';
import { eventsOf, listen, openStream, resume, startAnswer } from './relayHttp';

const upstream = useAivvmServer();

describe('createRelay: the wire', () => {
  it('POST / streams the events framed with ids 1, 2, 3 …, the finish last, with the anti-buffering headers', async () => {
    upstream.current.setReply(openaiReply({ text: 'Hello, relay! 👋', deltaChars: 3 }));
    const relay = await startRelay(upstream.current);
    try {
      const answer = await startAnswer(relay.url, BODY);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      expect(answer.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(answer.headers.get('x-accel-buffering')).toBe('no');
      expect(answer.headers.get('x-stream-id')).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(answer.headers.get('x-stream-token')).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(answer.headers.get('x-stream-token')).not.toBe(answer.headers.get('x-stream-id'));
      expect(answer.headers.get('access-control-expose-headers')).toBe('x-stream-id, x-stream-token');
      const frames = eventsOf(await answer.done);
      expect(frames.map((frame) => frame.id)).toEqual(frames.map((_, i) => i + 1));
      expect(textOf(frames)).toBe('Hello, relay! 👋');
      const last = JSON.parse(frames.at(-1)?.data ?? 'null') as { type: string; reason: string };
      expect(last).toMatchObject({ type: 'finish', reason: 'stop' });
      expect(chatRequests(upstream.current)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('a GET without Last-Event-ID reads the whole answer again from the store, with no second upstream request', async () => {
    upstream.current.setReply(openaiReply({ text: 'once only', deltaChars: 2 }));
    const relay = await startRelay(upstream.current);
    try {
      const answer = await startAnswer(relay.url, BODY);
      const first = eventsOf(await answer.done);
      const again = await resume(
        relay.url,
        answer.headers.get('x-stream-id') ?? '',
        answer.headers.get('x-stream-token') ?? '',
      );
      expect(again.status).toBe(200);
      expect(eventsOf(await again.done)).toEqual(first);
      const fromOffset = await openStream(`${relay.url}/${answer.headers.get('x-stream-id')}?offset=2`, {
        headers: { authorization: `Bearer ${answer.headers.get('x-stream-token')}` },
      });
      expect(eventsOf(await fromOffset.done)).toEqual(first.slice(2));
      expect(chatRequests(upstream.current)).toHaveLength(1);
    } finally {
      await relay.close();
    }
  });

  it('a text source becomes text events and a final { type: "finish", reason: "stop" }', async () => {
    const http = await listen(createRelay({ complete: () => of('Hel', 'lo') }));
    try {
      const frames = eventsOf(await (await startAnswer(http.url, BODY)).done);
      expect(frames).toEqual([
        { id: 1, data: '{"type":"text","text":"Hel"}' },
        { id: 2, data: '{"type":"text","text":"lo"}' },
        { id: 3, data: '{"type":"finish","reason":"stop"}' },
      ]);
    } finally {
      await http.close();
    }
  });

  it("another client's token gets 403, no token 403, an unknown id 404 (looked up first), a bad Last-Event-ID 400", async () => {
    upstream.current.setReply(openaiReply({ text: 'mine', deltaChars: 2 }));
    const relay = await startRelay(upstream.current);
    try {
      const mine = await startAnswer(relay.url, BODY);
      const theirs = await startAnswer(relay.url, BODY);
      await Promise.all([mine.done, theirs.done]);
      const id = mine.headers.get('x-stream-id') ?? '';
      const wrong = await resume(relay.url, id, theirs.headers.get('x-stream-token') ?? '');
      expect(wrong.status).toBe(403);
      expect(JSON.parse(wrong.body)).toEqual({ error: { message: expect.stringContaining('not yours') } });
      const none = await openStream(`${relay.url}/${id}`);
      expect(none.status).toBe(403);
      const stop = await openStream(`${relay.url}/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${theirs.headers.get('x-stream-token')}` },
      });
      expect(stop.status).toBe(403);
      const unknown = await resume(relay.url, 'A'.repeat(22), mine.headers.get('x-stream-token') ?? '');
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.body).error.message).toMatch(/unknown or expired/);
      expect((await resume(relay.url, 'not-an-id', 'x')).status).toBe(404);
      const beyond = await resume(relay.url, id, mine.headers.get('x-stream-token') ?? '', 999);
      expect(beyond.status).toBe(400);
      expect(JSON.parse(beyond.body).error.message).toMatch(
        /^Last-Event-ID: expected the id of an event received/,
      );
    } finally {
      await relay.close();
    }
  });

  it('a bad body gets 400 naming the field, and nothing is sent upstream', async () => {
    const relay = await startRelay(upstream.current);
    try {
      const bad = await startAnswer(relay.url, {
        model: 'llama3.2',
        messages: [{ role: 'robot', content: 'Hi' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(bad.body).error.message).toContain('messages[0].role');
      const extra = await startAnswer(relay.url, { ...BODY, apiKey: 'x' });
      expect(extra.status).toBe(400);
      expect(JSON.parse(extra.body).error.message).toMatch(/^body\.apiKey: unknown field/);
      const notJson = await openStream(`${relay.url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model":',
      });
      expect(notJson.status).toBe(400);
      expect(JSON.parse(notJson.body).error.message).toMatch(/^body: not JSON/);
      expect(upstream.current.requests).toHaveLength(0);
    } finally {
      await relay.close();
    }
  });

  it('an upstream error ends with event: error carrying the tag and our message, never the upstream text or key', async () => {
    const key = 'sk-FAKE-0123456789abcdef';
    upstream.current.enqueue(
      openaiReply({
        status: 401,
        error: { message: `Incorrect API key provided: ${key}`, code: 'invalid_api_key' },
      }),
      openaiReply({ text: 'partial answer', error: { message: `upstream broke, key ${key}` } }),
    );
    const relay = await startRelay(upstream.current, {}, { apiKey: key });
    try {
      const refused = await startAnswer(relay.url, BODY);
      const refusedFrames = eventsOf(await refused.done);
      expect(refusedFrames).toEqual([
        {
          id: 1,
          event: 'error',
          data: JSON.stringify({ _tag: 'HttpError', message: 'The model server answered HTTP 401.' }),
        },
      ]);
      const broken = await startAnswer(relay.url, BODY);
      const brokenFrames = eventsOf(await broken.done);
      expect(textOf(brokenFrames)).toBe('partial answer');
      const last = brokenFrames.at(-1);
      expect(last?.event).toBe('error');
      expect(JSON.parse(last?.data ?? '{}')).toEqual({
        _tag: expect.any(String),
        message: expect.any(String),
      });
      const wire = JSON.stringify([refusedFrames, brokenFrames]);
      expect(wire).not.toContain('FAKE');
      expect(wire).not.toContain('Incorrect');
      expect(wire).not.toContain('upstream broke');
    } finally {
      await relay.close();
    }
  });

  it('sends a ping comment while the upstream is silent, then the events', async () => {
    upstream.current.setReply(openaiReply({ text: 'after a long think', headersDelayMs: 400 }));
    const relay = await startRelay(upstream.current, { heartbeatMs: 60 });
    try {
      const answer = await startAnswer(relay.url, BODY);
      const frames = await answer.done;
      const firstEvent = frames.findIndex((frame) => frame.comment === undefined);
      const pings = frames.slice(0, firstEvent).filter((frame) => frame.comment === 'ping');
      expect(pings.length).toBeGreaterThanOrEqual(3);
      expect(textOf(frames)).toBe('after a long think');
    } finally {
      await relay.close();
    }
  });

  it('other methods get 405 with Allow; other paths 404', async () => {
    const http = await listen(createRelay({ complete: () => of('x') }));
    try {
      const get = await openStream(`${http.url}/`);
      expect(get.status).toBe(405);
      expect(get.headers.get('allow')).toBe('POST');
      const put = await openStream(`${http.url}/${'A'.repeat(22)}`, { method: 'PUT' });
      expect(put.status).toBe(405);
      expect((await openStream(`${http.url}/a/b`)).status).toBe(404);
      // A malformed escape is an unknown id, not a crash.
      expect((await openStream(`${http.url}/%E0%A4%A`)).status).toBe(404);
    } finally {
      await http.close();
    }
  });
});
