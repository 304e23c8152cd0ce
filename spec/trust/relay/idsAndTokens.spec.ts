/**
 * Stream ids, tokens and Last-Event-ID as an adversarial client sends them: every odd form is refused with the
 * status the wire contract gives (404 id, 403 token, 400 Last-Event-ID), in that order, and never throws.
 */
import { openaiReply } from '../../../src/testing';
import { useAivvmServer } from '../../helpers/server';
import { BODY, chatRequests, startRelay } from '../../server/relayFixture';
import { eventsOf, openStream, startAnswer } from '../../server/relayHttp';

const upstream = useAivvmServer();

/** A relay with one finished answer of several events, and a second one (another stream's token). */
async function twoAnswers() {
  upstream.current.setReply(openaiReply({ text: 'abcdefghij', deltaChars: 2 }));
  const relay = await startRelay(upstream.current);
  const first = await startAnswer(relay.url, BODY);
  const second = await startAnswer(relay.url, BODY);
  const events = eventsOf(await first.done);
  await second.done;
  const pick = (answer: typeof first) => ({
    id: answer.headers.get('x-stream-id') ?? '',
    token: answer.headers.get('x-stream-token') ?? '',
  });
  return { relay, events, a: pick(first), b: pick(second) };
}

const get = (url: string, headers: Record<string, string> = {}) => openStream(url, { headers });
const messageOf = (body: string) => (JSON.parse(body) as { error: { message: string } }).error.message;

describe('relay trust: ids, tokens, Last-Event-ID', () => {
  it('odd ids are 404 before the token is looked at (even with a valid token), with a short message', async () => {
    const { relay, a } = await twoAnswers();
    try {
      const swapped = a.id.replace(/[a-z]/, (c) => c.toUpperCase()).replace(/[A-Z]/, (c) => c.toLowerCase());
      const ids = [
        a.id === swapped ? `${a.id.slice(0, 21)}${a.id.endsWith('A') ? 'B' : 'A'}` : swapped,
        encodeURIComponent(`${a.id.slice(0, 11)}/${a.id.slice(12)}`),
        `${a.id}%2F`,
        'x'.repeat(10_000),
        `${a.id}x`,
        a.id.slice(1),
        '%ZZ',
      ];
      for (const id of ids) {
        const answer = await get(`${relay.url}/${id}`, { authorization: `Bearer ${a.token}` });
        expect([id.slice(0, 30), answer.status]).toEqual([id.slice(0, 30), 404]);
        expect(messageOf(answer.body).length).toBeLessThan(300);
        const stop = await openStream(`${relay.url}/${id}`, {
          method: 'DELETE',
          headers: { authorization: `Bearer ${a.token}` },
        });
        expect([id.slice(0, 30), stop.status]).toEqual([id.slice(0, 30), 404]);
      }
    } finally {
      await relay.close();
    }
  });

  it('a token of another stream, a missing Bearer, an empty or very long token are 403; bearer in any case and extra spaces pass', async () => {
    const { relay, a, b } = await twoAnswers();
    try {
      const refused = [
        `Bearer ${b.token}`,
        a.token,
        'Bearer',
        'Bearer ',
        `Basic ${a.token}`,
        `Bearer ${a.token}x`,
        `Bearer ${'A'.repeat(8_000)}`,
        `Bearer ${a.token} ${a.token}`,
        `Bearer ${a.token.toLowerCase() === a.token ? a.token.toUpperCase() : a.token.toLowerCase()}`,
      ];
      for (const authorization of refused) {
        const answer = await get(`${relay.url}/${a.id}`, { authorization });
        expect([authorization.slice(0, 30), answer.status]).toEqual([authorization.slice(0, 30), 403]);
        expect(messageOf(answer.body)).not.toContain(a.token);
      }
      const none = await get(`${relay.url}/${a.id}`);
      expect(none.status).toBe(403);
      for (const authorization of [`bearer ${a.token}`, `BEARER   ${a.token}`, `Bearer ${a.token}  `]) {
        const answer = await get(`${relay.url}/${a.id}`, { authorization });
        expect([authorization, answer.status]).toEqual([authorization, 200]);
        await answer.done;
      }
    } finally {
      await relay.close();
    }
  });

  it.each([
    ['-1'],
    ['1e3'],
    ['5abc'],
    ['0x2'],
    ['1.5'],
    ['99999999999999999999'],
    ['1000000000000000'],
    ['NaN'],
  ])('Last-Event-ID %j is 400 naming the header; the same as ?offset names offset', async (value) => {
    const { relay, a } = await twoAnswers();
    try {
      const header = await get(`${relay.url}/${a.id}`, {
        authorization: `Bearer ${a.token}`,
        'last-event-id': value,
      });
      expect(header.status).toBe(400);
      expect(messageOf(header.body)).toMatch(
        /^Last-Event-ID: expected the id of an event received \(0 to \d+\)/,
      );
      const query = await get(`${relay.url}/${a.id}?offset=${encodeURIComponent(value)}`, {
        authorization: `Bearer ${a.token}`,
      });
      expect(query.status).toBe(400);
      expect(messageOf(query.body)).toMatch(/^offset: expected/);
    } finally {
      await relay.close();
    }
  });

  it('Last-Event-ID " 5" (white space) is 5; the header wins over ?offset; the last id reads nothing but the end', async () => {
    const { relay, a, events } = await twoAnswers();
    try {
      const auth = { authorization: `Bearer ${a.token}` };
      const spaced = await get(`${relay.url}/${a.id}`, { ...auth, 'last-event-id': ' 2 ' });
      expect(eventsOf(await spaced.done)).toEqual(events.slice(2));
      const both = await get(`${relay.url}/${a.id}?offset=1`, { ...auth, 'last-event-id': '3' });
      expect(eventsOf(await both.done)).toEqual(events.slice(3));
      const atEnd = await get(`${relay.url}/${a.id}`, { ...auth, 'last-event-id': String(events.length) });
      expect(atEnd.status).toBe(200);
      expect(eventsOf(await atEnd.done)).toEqual([]);
      const past = await get(`${relay.url}/${a.id}`, { ...auth, 'last-event-id': String(events.length + 1) });
      expect(past.status).toBe(400);
      expect(chatRequests(upstream.current)).toHaveLength(2);
    } finally {
      await relay.close();
    }
  });

  it('an ended answer read after its TTL is 404; DELETE after the TTL is 404 too', async () => {
    upstream.current.setReply(openaiReply({ text: 'short' }));
    const relay = await startRelay(upstream.current, { ttlMs: 50 });
    try {
      const answer = await startAnswer(relay.url, BODY);
      await answer.done;
      const id = answer.headers.get('x-stream-id') ?? '';
      const auth = { authorization: `Bearer ${answer.headers.get('x-stream-token')}` };
      expect((await get(`${relay.url}/${id}`, auth)).status).toBe(200);
      const deadline = Date.now() + 2_000;
      while (relay.relay.store.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect((await get(`${relay.url}/${id}`, auth)).status).toBe(404);
      expect((await openStream(`${relay.url}/${id}`, { method: 'DELETE', headers: auth })).status).toBe(404);
    } finally {
      await relay.close();
    }
  });
});
