/**
 * The relay's limits and its memory: each limit refused with its own status and a message naming it, nothing sent
 * upstream; 1 000 finished answers expire by TTL and leave an empty store.
 */
import { NEVER, of } from 'rxjs';
import { createRelay } from '../../src/server';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { BODY, startRelay } from './relayFixture';
import { eventsOf, listen, openStream, startAnswer } from './relayHttp';

const upstream = useAivvmServer();

/** Resolves when `check` holds, polling every 10 ms (the store has no event to wait on); rejects after `ms`. */
async function eventually(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const manyMessages = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ role: 'user', content: `message ${i}` }));

describe('createRelay: limits', () => {
  it('a body of 100 000 messages gets 413 naming the limit, and the upstream sees no request', async () => {
    const relay = await startRelay(upstream.current);
    try {
      const bytes = await startAnswer(relay.url, { model: 'llama3.2', messages: manyMessages(100_000) });
      expect(bytes.status).toBe(413);
      expect(JSON.parse(bytes.body).error.message).toMatch(
        /^body: larger than 1048576 bytes \(the relay's limits\.maxBodyBytes\)/,
      );
      expect(upstream.current.requests).toHaveLength(0);
    } finally {
      await relay.close();
    }
    const roomy = await startRelay(upstream.current, { limits: { maxBodyBytes: 16 * 1024 * 1024 } });
    try {
      const count = await startAnswer(roomy.url, { model: 'llama3.2', messages: manyMessages(100_000) });
      expect(count.status).toBe(413);
      expect(JSON.parse(count.body).error.message).toBe(
        "messages: 100000 messages, more than the relay's limit of 500 (limits.maxMessages); send a shorter history",
      );
      const chars = await startAnswer(roomy.url, {
        model: 'llama3.2',
        messages: [{ role: 'user', content: 'x'.repeat(200_001) }],
      });
      expect(chars.status).toBe(413);
      expect(JSON.parse(chars.body).error.message).toMatch(
        /^messages: 200001 characters of content, more than the relay's limit of 200000 \(limits\.maxChars\)/,
      );
      expect(upstream.current.requests).toHaveLength(0);
    } finally {
      await roomy.close();
    }
  });

  it('maxChars counts the text of content parts, not their type names', async () => {
    // A 48-character text part was counted as 52 ("text" too), so it was refused under a limit of 50.
    const relay = createRelay({ complete: () => of('ok'), limits: { maxChars: 50 } });
    const http = await listen(relay);
    const text = (length: number) => ({ type: 'text', text: 'a'.repeat(length) });
    try {
      const one = await startAnswer(http.url, { ...BODY, messages: [{ role: 'user', content: [text(48)] }] });
      expect(one.status).toBe(200);
      const two = await startAnswer(http.url, {
        ...BODY,
        messages: [
          { role: 'user', content: [text(25), text(20)] },
          { role: 'user', content: 'b'.repeat(5) },
        ],
      });
      expect(two.status).toBe(200);
      const over = await startAnswer(http.url, {
        ...BODY,
        messages: [{ role: 'user', content: [text(30), text(21)] }],
      });
      expect(over.status).toBe(413);
      expect(JSON.parse(over.body).error.message).toMatch(/^messages: 51 characters of content/);
    } finally {
      await relay.close();
      await http.close();
    }
  });

  it('one stream more than maxStreams gets 429; a finished answer frees its place', async () => {
    const relay = createRelay({
      complete: (body) => (body.model === 'hang' ? NEVER : of('ok')),
      limits: { maxStreams: 2 },
    });
    const http = await listen(relay);
    try {
      const a = await startAnswer(http.url, { ...BODY, model: 'hang' });
      const b = await startAnswer(http.url, { ...BODY, model: 'hang' });
      const c = await startAnswer(http.url, BODY);
      expect(c.status).toBe(429);
      expect(relay.liveCount).toBe(2);
      expect(JSON.parse(c.body).error.message).toBe(
        'relay: 2 answers are being generated, the limit is 2 (limits.maxStreams); try again later',
      );
      const stop = await openStream(`${http.url}/${a.headers.get('x-stream-id')}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${a.headers.get('x-stream-token')}` },
      });
      expect(stop.status).toBe(204);
      const d = await startAnswer(http.url, BODY);
      expect(d.status).toBe(200);
      b.abort();
    } finally {
      // The 'hang' answers would keep their grace timers (graceMs) after the connections close.
      await relay.close();
      await http.close();
    }
  });

  it('an answer larger than maxBytesPerStream is stopped with a ResponseTooLargeError event after what fitted', async () => {
    upstream.current.setReply(openaiReply({ text: 'x'.repeat(4000), deltaChars: 100 }));
    const chat = upstream.current.nextRequest('POST /v1/chat/completions');
    const relay = await startRelay(upstream.current, { limits: { maxBytesPerStream: 1000 } });
    try {
      const frames = eventsOf(await (await startAnswer(relay.url, BODY)).done);
      const last = frames.at(-1);
      expect(last?.event).toBe('error');
      expect(JSON.parse(last?.data ?? '{}')._tag).toBe('ResponseTooLargeError');
      expect(
        frames.slice(0, -1).reduce((sum, frame) => sum + Buffer.byteLength(frame.data ?? ''), 0),
      ).toBeLessThanOrEqual(1000);
      expect(frames.length).toBeGreaterThan(2);
      await (
        await chat
      ).closed;
    } finally {
      await relay.close();
    }
  });

  it('1 000 finished answers expire after ttlMs: the store is empty again', async () => {
    const relay = createRelay({ complete: () => of('short answer'), ttlMs: 300 });
    const http = await listen(relay);
    try {
      for (let batch = 0; batch < 20; batch++) {
        const answers = await Promise.all(Array.from({ length: 50 }, () => startAnswer(http.url, BODY)));
        const frames = await Promise.all(answers.map((answer) => answer.done));
        expect(frames.every((answer) => answer.length === 2)).toBe(true);
      }
      expect(relay.store.size).toBeGreaterThan(0);
      expect(relay.liveCount).toBe(0);
      await eventually(() => relay.store.size === 0, 5_000);
    } finally {
      await http.close();
    }
  }, 60_000);
});
