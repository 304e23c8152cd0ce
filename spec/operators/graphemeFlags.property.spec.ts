import fc from 'fast-check';
import {
  allFlags,
  CONTROL,
  EXTEND,
  PICTOGRAPHIC,
  REGIONAL,
  SIMPLE,
  ZWJ,
} from '../../src/operators/pace/graphemeFlags';
import { splitGraphemes } from '../../src/operators/pace/splitGraphemes';

// paceText's grapheme fast path reads its UAX #29 facts from a table; Intl.Segmenter (the engine's own Unicode
// data) is the reference for every code point the table claims to know.
describe('graphemeFlags (paceText: the grapheme fast path table)', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const flagged = allFlags();
  const cut = (text: string): number[] => {
    const lengths: number[] = [];
    splitGraphemes(text, segmenter, true, lengths);
    return lengths;
  };
  const reference = (text: string): number[] =>
    [...segmenter.segment(text)].map(({ segment }) => segment.length);

  it('flags only what Intl.Segmenter and \\p{Extended_Pictographic} agree with, code point by code point', () => {
    const pictographic = /^\p{Extended_Pictographic}$/u;
    const wrong: string[] = [];
    for (const [cp, flags] of flagged) {
      const s = String.fromCodePoint(cp);
      const hex = cp.toString(16);
      if (((flags & PICTOGRAPHIC) !== 0) !== pictographic.test(s)) wrong.push(`${hex} pictographic`);
      if ((flags & CONTROL) !== 0) {
        if (reference(`a${s}\u0301`).length !== 3) wrong.push(`${hex} control`);
      } else if ((flags & SIMPLE) !== 0) {
        if (reference(`a${s}a`).length !== 3 || reference(`${s}\u0301`).length !== 1)
          wrong.push(`${hex} simple`);
      }
      if ((flags & (EXTEND | ZWJ)) !== 0 && reference(`a${s}`).length !== 1) wrong.push(`${hex} extend`);
      if ((flags & REGIONAL) !== 0 && reference(s + s + s).length !== 2) wrong.push(`${hex} regional`);
    }
    expect(wrong).toEqual([]);
  });

  it('cuts every flagged code point as Intl.Segmenter does, between letters, marks, joiners and emoji', () => {
    const wrong: string[] = [];
    for (const [cp] of flagged) {
      const s = String.fromCodePoint(cp);
      for (const text of [`a${s}a`, `${s}\u0301${s}`, `😀\u200d${s}\u200d😀`, `🇺${s}🏽`]) {
        if (cut(text).join() !== reference(text).join())
          wrong.push(`${cp.toString(16)} in ${JSON.stringify(text)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('cuts random sequences of flagged code points and hard neighbours as Intl.Segmenter does', () => {
    const code = fc.constantFrom(...flagged.map(([cp]) => String.fromCodePoint(cp)));
    const hard = fc.constantFrom(
      '\u200d',
      '\ufe0f',
      '\ufe0e',
      '\u20e3',
      '🏽',
      '\u{e0067}',
      '\u{e007f}',
      '🇺',
      'ᄀ',
      'ᅡ',
      'ᆨ',
      '가',
      'क',
      '्',
      'ा',
      '\u0600',
      '\u2028',
      '\u200b',
      '\r',
      '\n',
      '\ud83d',
      '\ude00',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(code, code, hard), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(cut(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });
});
