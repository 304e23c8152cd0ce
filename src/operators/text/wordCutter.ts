import { nextScanAt, type Cutter } from './cutter';
import { continuesCluster, countDictionaryScript, isDictionaryScript, isSpace, isWordStart } from './unicode';
import { codeAt, settledLength } from './view';

/**
 * Word starts after whitespace are found in JavaScript: whitespace followed by anything but a combining mark,
 * format character or joiner is always a UAX #29 word boundary, and later text cannot remove it. Only runs
 * without spaces in scripts that need a dictionary (Chinese, Japanese, Thai, …) go to `Intl.Segmenter`.
 */
export function wordCutter(words: Intl.Segmenter): Cutter {
  // How many dictionary-script code units the held text has, and its length at which to segment it again.
  let dictionary = 0;
  let scanAt = 0;
  return {
    cut(view) {
      const { text, chunk, newStart } = view;
      const length = text.length;
      // Only the new text (and the held last character: a space, or a high surrogate) can hold a new start.
      let base = 0;
      for (let i = length - 1, stop = newStart > 1 ? newStart - 1 : 1; i >= stop; i--) {
        if (isSpace(codeAt(view, i - 1)) && isWordStart(codeAt(view, i), codeAt(view, i + 1))) {
          base = i;
          break;
        }
      }
      if (base !== 0) {
        dictionary =
          base < newStart
            ? countDictionaryScript(chunk, 0) + (isDictionaryScript(view.before1) ? 1 : 0)
            : countDictionaryScript(chunk, base - newStart);
        scanAt = 0;
      } else {
        dictionary += countDictionaryScript(chunk, 0);
      }
      // A cut inside a run takes three words: fewer than three such characters cannot hold them.
      const end = settledLength(view);
      if (dictionary < 3 || end - base < scanAt) return base;
      // The text from `base` starts at a word boundary, so segmenting it alone gives the right words.
      const rest = base === 0 && end === length ? text : text.slice(base, end);
      let found = stableWordStart(words.segment(rest), rest);
      if (found !== 0 && continuesCluster(rest, found)) found = 0;
      if (found !== 0) {
        dictionary = countDictionaryScript(rest, found) + (isDictionaryScript(codeAt(view, end)) ? 1 : 0);
      }
      scanAt = nextScanAt(end - base - found, 2);
      return base + found;
    },
    reset(held) {
      dictionary = countDictionaryScript(held, 0);
      scanAt = 0;
    },
  };
}

/**
 * The last word start in `text` that more text cannot move: the start of the last segment when whitespace
 * precedes it; otherwise the start of the one before (UAX #29 looks one character ahead, e.g. `a.b` is one
 * word, and a dictionary may re-split the last word), so the last two words are held back. 0 when none.
 */
function stableWordStart(segments: Intl.Segments, text: string): number {
  const last = segments.containing(text.length - 1);
  if (last === undefined || last.index === 0) return 0;
  const start = last.index;
  if (isSpace(text.charCodeAt(start - 1)) && !isSpace(text.charCodeAt(start))) return start;
  return segments.containing(start - 1)?.index ?? 0;
}
