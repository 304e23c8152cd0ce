/**
 * A leading byte order mark is dropped once, whatever the chunking and the Node version: Node 24's own
 * `TextDecoder` drops a second U+FEFF when the first arrives split across chunks, so decodeText does it itself.
 */
import { from, lastValueFrom, toArray } from 'rxjs';
import { decodeText, type DecodeFallback } from '../../src/operators';

const TWO_BOMS = Uint8Array.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]);

async function decoded(cut: number, fallback: DecodeFallback, ignoreBOM: boolean): Promise<string> {
  const chunks = [TWO_BOMS.subarray(0, cut), TWO_BOMS.subarray(cut)];
  const texts = await lastValueFrom(from(chunks).pipe(decodeText({ fallback, ignoreBOM }), toArray()));
  return texts.join('');
}

describe('decodeText and a leading BOM', () => {
  const fallbacks: DecodeFallback[] = ['replacement', 'unicode-escape', 'fatal'];

  it.each(fallbacks)('%s: drops the first U+FEFF only, at every cut', async (fallback) => {
    for (let cut = 0; cut <= TWO_BOMS.length; cut++) {
      expect(await decoded(cut, fallback, false)).toBe('\uFEFF');
      expect(await decoded(cut, fallback, true)).toBe('\uFEFF\uFEFF');
    }
  });

  it('keeps a U+FEFF that is not the first code point', async () => {
    const bytes = Uint8Array.from([0x61, 0xef, 0xbb, 0xbf]);
    const texts = await lastValueFrom(
      from([bytes.subarray(0, 2), bytes.subarray(2)]).pipe(decodeText(), toArray()),
    );
    expect(texts.join('')).toBe('a\uFEFF');
  });
});
