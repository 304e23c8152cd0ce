import fc from 'fast-check';
import { buildHttpRequest } from '../../src/protocols/aivvm/request';

// buildHttpRequest counts the body's UTF-8 bytes without encoding it: the count must match an encoder's.
describe('buildHttpRequest content-length', () => {
  const length = (payload: unknown): { header: string | undefined; encoded: string } => {
    const request = buildHttpRequest('/api/chat', payload, { baseURL: 'http://127.0.0.1:1' });
    return {
      header: request.headers['content-length'],
      encoded: String(new TextEncoder().encode(request.body).byteLength),
    };
  };

  it('is the UTF-8 byte length of the body for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const { header, encoded } = length({ a, b });
        expect(header).toBe(encoded);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts 1, 2, 3 and 4-byte characters and escaped lone surrogates', () => {
    expect(length('aé中😀').header).toBe(String(2 + 1 + 2 + 3 + 4));
    const lone = length('\ud800x\udc00');
    expect(lone.header).toBe(lone.encoded);
  });
});
