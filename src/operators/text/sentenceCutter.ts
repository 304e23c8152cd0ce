import { nextScanAt, type Cutter } from './cutter';
import { continuesCluster } from './unicode';
import { settledLength } from './view';

// Characters after which a sentence may end (ASCII and the common non-ASCII terminators and separators).
const SENTENCE_END =
  /[.!?\n\r\v\f\u0085\u2028\u2029\u037e\u0589\u061f\u06d4\u0964\u0965\u1362\u1367\u1368\u203c\u203d\u2047-\u2049\u3002\ufe52\ufe56\ufe57\uff01\uff0e\uff1f\uff61]/;
const LETTER = /\p{L}/u;

/**
 * Whether `Sentence.`, then `  `, then `Next` is a boundary depends on the next letter (lower case continues the
 * sentence), so a boundary counts once the segment after it holds a letter; otherwise the one before is used.
 * The segmenter runs only while the held text holds a possible terminator.
 */
export function sentenceCutter(sentences: Intl.Segmenter): Cutter {
  let terminated = false;
  let scanAt = 0;
  return {
    cut(view) {
      const { text } = view;
      const length = text.length;
      if (!terminated) terminated = SENTENCE_END.test(view.chunk);
      if (!terminated || length < scanAt) return 0;
      const end = settledLength(view);
      const segments = sentences.segment(end === length ? text : text.slice(0, end));
      const last = end === 0 ? undefined : segments.containing(end - 1);
      let cut = 0;
      if (last !== undefined && last.index !== 0) {
        cut = LETTER.test(last.segment) ? last.index : (segments.containing(last.index - 1)?.index ?? 0);
        if (cut !== 0 && continuesCluster(text, cut)) cut = 0;
      }
      if (cut !== 0) terminated = SENTENCE_END.test(text.slice(cut));
      scanAt = nextScanAt(length - cut, 1);
      return cut;
    },
    reset(held) {
      terminated = SENTENCE_END.test(held);
      scanAt = 0;
    },
  };
}
