import fc from 'fast-check';
import { from } from 'rxjs';
import { bufferText } from '../../src/operators';
import { isSimpleSentenceText, simpleSentenceBreaks } from '../../src/operators/text/sentenceScanner';
import { runSync } from '../helpers/marbles';

const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

function segmenterBreaks(text: string): number[] {
  return [...new Set([0, ...[...sentences.segment(text)].map(({ index }) => index), text.length])];
}

/** Every class the rules distinguish, in the characters the scanner handles, and the classic traps. */
const SIMPLE = [
  ...['a', 'b', 'x', 'X', 'Y', 'I', 'é', 'É', 'ß', 'ª', 'µ', 'ǅ', 'ƻ'],
  ...['1', '2', '.', '.', '!', '?', ' ', ' ', '\t', '\v', '\f', '\u00a0', '\n', '\r', '\r\n'],
  ...['"', "'", '(', ')', '[', '“', '”', '‘', '’', '«', '»'],
  ...[',', ';', ':', '-', '–', '—', '…', '•', '#', '¿', '¡', '²', '×', '_'],
  ...['Mr', 'e.g', 'U.S', '3.14', 'etc.', '...'],
];

describe('SentenceScanner (the UAX #29 sentence rules in JavaScript)', () => {
  it('finds exactly the breaks Intl.Segmenter finds, on any simple text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SIMPLE), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(isSimpleSentenceText(text)).toBe(true);
        expect(simpleSentenceBreaks(text)).toEqual(segmenterBreaks(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('leaves marks, format characters, other scripts and surrogates to the segmenter', () => {
    for (const text of ['e\u0301', 'a\u00ad', 'Привет', '你好。', '😀', '\u0085', '\u2028'])
      expect(isSimpleSentenceText(text)).toBe(false);
  });
});

describe("bufferText 'sentence' across simple and other text", () => {
  const MIXED = [...SIMPLE, 'Привет', '你好。', 'e\u0301', '😀', '\u200d', '\u00ad', '؟ '];

  it('ends every emission on a sentence boundary of the whole text and loses nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...MIXED), { maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 20 }),
        (parts, sizes) => {
          const text = parts.join('');
          const chunks: string[] = [];
          for (let at = 0, i = 0; at < text.length; i++) {
            const size = sizes[i % sizes.length]!;
            chunks.push(text.slice(at, at + size));
            at += size;
          }
          const { values } = runSync(
            from(chunks).pipe(bufferText({ boundary: 'sentence', locale: 'en', maxDelayMs: Infinity })),
          );
          expect(values.join('')).toBe(text);
          const breaks = new Set(segmenterBreaks(text));
          let end = 0;
          for (const value of values.slice(0, -1)) {
            end += value.length;
            expect(breaks).toContain(end);
          }
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('cuts "1. 2. 3." as soon as the next terminator confirms each break', () => {
    // "1. " is a sentence only once something other than a lower-case letter follows "2" (SB8).
    const { values } = runSync(from(['1. 2', '. 3', '. 4.']).pipe(bufferText({ boundary: 'sentence' })));
    expect(values).toEqual(['1. ', '2. 3. ', '4.']);
  });

  it('falls back to the segmenter where the locale changes the rules (Greek: ";" ends a question)', () => {
    const chunks = ['What; ', 'Yes. ', 'No'];
    const greek = runSync(from(chunks).pipe(bufferText({ boundary: 'sentence', locale: 'el' }))).values;
    expect(greek).toEqual(['What; ', 'Yes. ', 'No']);
    const english = runSync(from(chunks).pipe(bufferText({ boundary: 'sentence', locale: 'en' }))).values;
    expect(english).toEqual(['What; Yes. ', 'No']);
  });
});
