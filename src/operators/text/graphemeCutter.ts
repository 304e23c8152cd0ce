import { nextScanAt, type Cutter } from './cutter';
import { simpleGraphemePair } from './unicode';
import { codeAt, settledLength } from './view';

/**
 * Cuts before the last cluster, which a combining mark, joiner or modifier could still extend. When the last
 * two code units are simple (ASCII, Latin-1, CJK, kana, Hangul syllables…) no rule can join them, so the
 * segmenter is needed only near emoji, combining marks and other complex scripts.
 */
export function graphemeCutter(graphemes: Intl.Segmenter): Cutter {
  let scanAt = 0;
  return {
    cut(view) {
      // A trailing high surrogate is not a character yet (it could be a modifier or a regional indicator).
      const length = settledLength(view);
      if (length < 2) return 0;
      if (simpleGraphemePair(codeAt(view, length - 2), codeAt(view, length - 1))) {
        scanAt = 0;
        return length - 1;
      }
      if (length < scanAt) return 0;
      const settled = length === view.text.length ? view.text : view.text.slice(0, length);
      const cut = graphemes.segment(settled).containing(length - 1)?.index ?? 0;
      scanAt = nextScanAt(length - cut, 1);
      return cut;
    },
    reset() {
      scanAt = 0;
    },
  };
}
