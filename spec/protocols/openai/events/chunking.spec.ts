/**
 * The events of a body do not depend on how its bytes are cut: inside UTF-8 characters, between CR and LF, one
 * byte at a time, with comments between events. In-process (fast, many runs) and over the local server.
 */
import fc from 'fast-check';
import { from } from 'rxjs';
import { createOpenAICompatible, decodeText } from '../../../../src';
import { parseServerSentEvents } from '../../../../src/protocols/openai/parseServerSentEvents';
import { toCompletionEvents } from '../../../../src/protocols/openai/events/toCompletionEvents';
import { collect } from '../../../helpers/collect';
import { useAivvmServer } from '../../../helpers/server';
import { FIXTURES, type FixtureName } from './fixtures';

const URL = 'http://127.0.0.1:1/v1/chat/completions';
const NAMES = Object.keys(FIXTURES) as FixtureName[];
const encoder = new TextEncoder();

/** The body with its line endings made CRLF (or CR), and a `: ping` comment before every event. */
function reframe(body: string, eol: '\n' | '\r\n' | '\r', ping: boolean): string {
  const events = body.replace(/\r\n/g, '\n').split('\n\n').filter(Boolean);
  return events.map((event) => `${ping ? `: ping${eol}` : ''}${event}${eol}${eol}`).join('');
}

/** Cuts `bytes` at the given offsets. */
function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let start = 0;
  for (const p of [...points, bytes.length]) {
    parts.push(bytes.subarray(start, p));
    start = p;
  }
  return parts;
}

function eventsOf(chunks: readonly Uint8Array[]) {
  return collect(
    from(chunks).pipe(
      decodeText({ fallback: 'replacement' }),
      parseServerSentEvents(1 << 20, URL),
      toCompletionEvents({ url: URL, apiKey: undefined, receivedBytes: () => 0 }),
    ),
  );
}

const framing = fc.record({
  name: fc.constantFrom(...NAMES),
  eol: fc.constantFrom<'\n' | '\r\n' | '\r'>('\n', '\r\n', '\r'),
  ping: fc.boolean(),
});

describe('any chunking of a fixture gives the same events', () => {
  it('property: cut anywhere (inside characters, between CR and LF), any line ending, with comments', async () => {
    await fc.assert(
      fc.asyncProperty(framing, fc.array(fc.nat(), { maxLength: 60 }), async ({ name, eol, ping }, cuts) => {
        const bytes = encoder.encode(reframe(FIXTURES[name].body, eol, ping));
        const result = await eventsOf(splitAt(bytes, cuts));
        expect(result).toEqual({ values: FIXTURES[name].events, error: undefined, completed: true });
      }),
      { numRuns: 500 },
    );
  });

  it('every fixture one byte at a time', async () => {
    for (const name of NAMES) {
      const bytes = encoder.encode(FIXTURES[name].body);
      const result = await eventsOf(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)));
      expect({ name, ...result }).toEqual({
        name,
        values: FIXTURES[name].events,
        error: undefined,
        completed: true,
      });
    }
  });

  it('the CRLF fixture split in two at every position', async () => {
    const bytes = encoder.encode(FIXTURES.toolCallPieces.body);
    for (let at = 0; at <= bytes.length; at++) {
      const result = await eventsOf([bytes.subarray(0, at), bytes.subarray(at)]);
      expect(result.values).toEqual(FIXTURES.toolCallPieces.events);
    }
  });
});

describe('any chunking by the local server gives the same events', () => {
  const server = useAivvmServer();

  it('property: the server cuts the bytes (sizes cycled), both transports', async () => {
    await fc.assert(
      fc.asyncProperty(
        framing,
        fc.array(fc.integer({ min: 1, max: 48 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom<'node' | 'fetch'>('node', 'fetch'),
        async ({ name, eol, ping }, chunkSize, transport) => {
          server.current.enqueue({
            bytes: encoder.encode(reframe(FIXTURES[name].body, eol, ping)),
            chunkSize,
          });
          const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport });
          const result = await collect(ai.createCompletionEvents('m', [{ role: 'user', content: 'hi' }]));
          expect(result).toEqual({ values: FIXTURES[name].events, error: undefined, completed: true });
        },
      ),
      { numRuns: 60 },
    );
  });
});
