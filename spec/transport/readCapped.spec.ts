import fc from 'fast-check';
import { HttpError, createAivvm } from '../../src';
import { readCapped } from '../../src/core/transport/readCapped';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    yield bytes.subarray(at, Math.max(at, Math.min(cut, bytes.length)));
    at = Math.max(at, Math.min(cut, bytes.length));
  }
  yield bytes.subarray(at);
}

describe('readCapped (the error body kept on HttpError.body)', () => {
  it('property: a prefix of the text on whole characters, within the cap, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 60 }),
        fc.integer({ min: 1, max: 80 }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
        async (text, max, cuts) => {
          const bytes = new TextEncoder().encode(text);
          const read = await readCapped(chunked(bytes, cuts), max);
          // No replacement character is made up (one that was in the text is text: fast-check generates U+FFFD too).
          if (!text.includes('\uFFFD')) expect(read).not.toContain('\uFFFD');
          expect(text.startsWith(read)).toBe(true);
          const size = new TextEncoder().encode(read).length;
          expect(size).toBeLessThanOrEqual(max);
          // Only the character the cap split is dropped (at most 3 of its bytes were read).
          expect(size).toBeGreaterThanOrEqual(Math.min(bytes.length, max) - 3);
          if (bytes.length <= max) expect(read).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps invalid bytes of a body that ended within the cap visible as U+FFFD', async () => {
    const read = await readCapped(chunked(new Uint8Array([0x41, 0xe2, 0x82]), []), 10);
    expect(read).toBe('A\uFFFD');
  });

  describe('against the local server', () => {
    const server = useAivvmServer();
    it('a 6 000-byte body of 3-byte characters is cut to 4 095 bytes of whole ones, not 4 096 with a U+FFFD', async () => {
      server.current.enqueue({ status: 500, reason: 'Boom', body: '€'.repeat(2_000) });
      const { error } = await collect(
        createAivvm({ baseURL: server.current.url, retry: { count: 0 } }).createCompletion(
          null,
          [{ role: 'user', content: 'x' }],
          true,
        ),
      );
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).body).toBe('€'.repeat(1_365));
    });
  });
});
