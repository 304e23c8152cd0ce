import { gunzipSync } from 'node:zlib';
import { validateReply } from '../../src/testing/validateReply';
import { planReply } from '../../src/testing/planReply';

const chat = { model: { id: 'gpt-4', name: 'GPT-4' }, messages: [{ role: 'user', content: 'hi' }] };

describe('reply encoding', () => {
  it('compresses the body and names the encoding; truncateCompressedAt keeps that many compressed bytes', () => {
    const whole = planReply({ text: 'Привет, мир!', encoding: 'gzip' }, chat as never);
    expect(whole.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(whole.body).toString('utf8')).toBe('Привет, мир!');
    const cut = planReply(
      { text: 'Привет, мир!', encoding: 'gzip', truncateCompressedAt: 10 },
      chat as never,
    );
    expect(cut.body).toEqual(whole.body.subarray(0, 10));
    expect(cut.ending).toBe('end');
  });

  it('rejects an unknown encoding, encoding with endless, and truncateCompressedAt without encoding', () => {
    expect(() => validateReply({ encoding: 'zstd' as never })).toThrow(
      'reply.encoding must be one of "gzip", "deflate", "br", got "zstd"',
    );
    expect(() => validateReply({ encoding: 'gzip', endless: true })).toThrow(
      /cannot be combined with endless/,
    );
    expect(() => validateReply({ truncateCompressedAt: 3 })).toThrow(/needs an encoding/);
    expect(() => validateReply({ encoding: 'br', truncateCompressedAt: -1 })).toThrow(
      'reply.truncateCompressedAt must be an integer ≥ 0, got -1',
    );
  });
});
