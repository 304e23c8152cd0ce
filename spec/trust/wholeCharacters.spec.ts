/**
 * Issue 9 point 1: text ends on whole characters only. Whatever ends a stream in the middle of a UTF-8
 * character (a cut connection, an idle timeout, maxResponseBytes), the text delivered is a prefix of the answer
 * made of whole characters, and the error says how many bytes of the cut character were dropped.
 */
import fc from 'fast-check';
import { createAivvm, NetworkError, ResponseTooLargeError, TimeoutError, type AivvmConfig } from '../../src';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'hi' }] as const;
const encoder = new TextEncoder();

/** The longest prefix of `text` (whole code points) whose UTF-8 encoding fits in `bytes` bytes. */
function wholeCharacterPrefix(text: string, bytes: number): string {
  let prefix = '';
  let size = 0;
  for (const char of text) {
    size += encoder.encode(char).length;
    if (size > bytes) break;
    prefix += char;
  }
  return prefix;
}

/** Text with many multi-byte characters (2, 3 and 4 bytes in UTF-8), never empty. */
const answer = fc.string({
  unit: fc.constantFrom('a', ' ', 'é', 'ж', '€', '中', '👋', '😀', '\u0301'),
  minLength: 1,
  maxLength: 40,
});

describe.each(['node', 'fetch'] as const)('whole characters only, over the %s transport', (transport) => {
  const server = useAivvmServer();
  const aivvm = (config: AivvmConfig = {}) =>
    createAivvm({ baseURL: server.current.url, transport, retry: { count: 0 }, ...config });

  it("'Hi 👋' cut after 5 bytes gives 'Hi ' and a NetworkError with danglingBytes 2 (not 'Hi ð')", async () => {
    server.current.setReply({ text: 'Hi 👋', chunkSize: 1, closeAfterBytes: 5 });
    const { values, error } = await collect(aivvm().createCompletion(null, hello, true));
    expect(values.join('')).toBe('Hi ');
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ _tag: 'NetworkError', receivedBytes: 5, danglingBytes: 2 });
  });

  it('property: any text cut after any byte count is a prefix of whole characters, then the error', async () => {
    await fc.assert(
      fc.asyncProperty(
        answer,
        fc.nat(),
        fc.integer({ min: 1, max: 7 }),
        fc.boolean(),
        async (text, at, chunkSize, stream) => {
          const size = encoder.encode(text).length;
          const cut = at % (size + 1);
          server.current.setReply({ text, chunkSize, closeAfterBytes: cut });
          const { values, error } = await collect(aivvm().createCompletion(null, hello, stream));
          const whole = wholeCharacterPrefix(text, cut);
          expect(values.join('')).toBe(whole);
          // stream: false emits the partial text once (nothing when there is none).
          if (!stream) expect(values).toEqual(whole === '' ? [] : [whole]);
          expect(error).toBeInstanceOf(NetworkError);
          expect(error).toMatchObject({
            receivedBytes: cut,
            danglingBytes: cut - encoder.encode(whole).length,
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('an idle timeout inside a character drops its bytes and reports them', async () => {
    server.current.setReply({ text: 'ça va 👋 oui', chunkSize: 1, stallAfterBytes: 10 });
    const { values, error } = await collect(
      aivvm({ timeout: { idle: 150 } }).createCompletion(null, hello, true),
    );
    expect(values.join('')).toBe('ça va ');
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ stage: 'idle', receivedBytes: 10, danglingBytes: 3 });
  });

  it('maxResponseBytes inside a character drops its bytes and reports them, with stream: false too', async () => {
    server.current.setReply({ text: 'Hi 👋 there', chunkSize: 4 });
    for (const stream of [true, false]) {
      const { values, error } = await collect(
        aivvm({ maxResponseBytes: 6 }).createCompletion(null, hello, stream),
      );
      expect(values.join('')).toBe('Hi ');
      if (!stream) expect(values).toEqual(['Hi ']);
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ _tag: 'ResponseTooLargeError', limit: 6, danglingBytes: 3 });
    }
  });

  it('a body that ends normally with a truncated tail still goes through the fallback', async () => {
    server.current.setReply({ bytes: encoder.encode('Hi 👋').subarray(0, 5) });
    const { values, completed } = await collect(aivvm().createCompletion(null, hello, false));
    expect(completed).toBe(true);
    expect(values).toEqual(['Hi \xf0\x9f']);
  });
});
