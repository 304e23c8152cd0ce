/**
 * Many readers of one answer: one upstream request whatever their number, each reader gets the whole answer, and
 * a reader that never reads holds nobody else back.
 */
import { connect } from 'node:net';
import { openaiReply } from '../../../src/testing';
import { useAivvmServer } from '../../helpers/server';
import { BODY, chatRequests, startRelay, textOf } from '../../server/relayFixture';
import { eventsOf, resume, startAnswer, streamOf } from '../../server/relayHttp';

const upstream = useAivvmServer();
const TEXT = 'The quick brown fox jumps over the lazy dog. '.repeat(40);

describe('relay trust: many readers', () => {
  it('100 concurrent GETs of a live answer: one upstream request, and each reader gets the whole text once', async () => {
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 9, chunkSize: 256, chunkDelayMs: 2 }));
    const relay = await startRelay(upstream.current);
    try {
      const answer = await startAnswer(relay.url, BODY);
      const { id, token } = streamOf(answer);
      await answer.waitFor(1);
      const readers = await Promise.all(Array.from({ length: 100 }, () => resume(relay.url, id, token)));
      const texts = await Promise.all(readers.map(async (reader) => textOf(eventsOf(await reader.done))));
      expect(new Set(texts)).toEqual(new Set([TEXT]));
      expect(textOf(eventsOf(await answer.done))).toBe(TEXT);
      expect(chatRequests(upstream.current)).toHaveLength(1);
      expect(relay.relay.liveCount).toBe(0);
    } finally {
      await relay.close();
    }
  });

  it('a reader that never reads its socket does not hold back another reader or the upstream', async () => {
    const big = 'y'.repeat(2_000_000);
    upstream.current.setReply(openaiReply({ text: big, deltaChars: 4_000, chunkSize: 65_536 }));
    const relay = await startRelay(upstream.current);
    const { port } = new URL(relay.url);
    const stalled = connect(Number(port), '127.0.0.1');
    try {
      const answer = await startAnswer(relay.url, BODY);
      const { id, token } = streamOf(answer);
      stalled.on('error', () => undefined);
      // Reads the status line, then pauses for good: the relay's writes to it pile up, unread.
      await new Promise<void>((resolve) => {
        stalled.once('data', () => {
          stalled.pause();
          resolve();
        });
        stalled.write(`GET /${id} HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${token}\r\n\r\n`);
      });
      const reader = await resume(relay.url, id, token);
      expect(textOf(eventsOf(await reader.done))).toBe(big);
      expect(textOf(eventsOf(await answer.done))).toBe(big);
      expect(chatRequests(upstream.current)).toHaveLength(1);
      expect(relay.relay.liveCount).toBe(0);
    } finally {
      stalled.destroy();
      await relay.close();
    }
  });
});
