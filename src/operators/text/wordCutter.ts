import { nextScanAt, type Cutter } from './cutter';
import {
  continuesCluster,
  countDictionaryScript,
  isDictionaryScript,
  isSpace,
  isWordStart,
  openDictionaryRun,
  settlesAfter,
} from './unicode';
import { codeAt, settledLength } from './view';

/**
 * Word starts after whitespace are found in JavaScript: whitespace followed by anything but a combining mark,
 * format character or joiner is always a UAX #29 word boundary, and later text cannot remove it. Only runs
 * without spaces in scripts that need a dictionary (Chinese, Japanese, Thai, …) go to `Intl.Segmenter`.
 *
 * Inside such a run the segmenter's word starts are guesses until the run ends: it segments the whole run at
 * once, and a word still arriving (`คอมพิวเ…`) is split into shorter dictionary words. A start inside the open
 * run is used only once it has survived every re-segmentation while the text grew by `settlesAfter` code units,
 * and lies at least that far from the end; the run's end (a space, punctuation or another script) settles all.
 */
export function wordCutter(words: Intl.Segmenter): Cutter {
  // How many dictionary-script code units the held text has, and its length at which to segment it again.
  let dictionary = 0;
  let scanAt = 0;
  // Word starts inside the open run (stream offsets, ascending) and the stream length when each was first seen.
  let starts: number[] = [];
  let seenAt: number[] = [];

  /** The last word start in `rest` (at stream offset `at`) that more text will not move; 0 when none. */
  const finalStart = (rest: string, at: number): number => {
    const segments = words.segment(rest);
    const length = rest.length;
    const run = openDictionaryRun(rest);
    if (run === length) {
      starts = [];
      seenAt = [];
      return stableWordStart(segments, rest);
    }
    // Everything before the open run is settled: its start, or the word start before it.
    const first = segments.containing(run)?.index ?? 0;
    let found = first === run ? run : first === 0 ? 0 : (segments.containing(first - 1)?.index ?? 0);
    const end = at + length;
    const nextStarts: number[] = [];
    const nextSeenAt: number[] = [];
    let j = 0;
    // Walk the run's words only (iterating all segments would also walk the text before it).
    for (let word = segments.containing(run); word !== undefined;) {
      const index = word.index + word.segment.length;
      if (index >= length) break;
      word = segments.containing(index);
      if (index <= run) continue;
      const start = at + index;
      while (j < starts.length && starts[j]! < start) j++;
      const since = j < starts.length && starts[j] === start ? seenAt[j]! : end;
      nextStarts.push(start);
      nextSeenAt.push(since);
      const settle = settlesAfter(rest.charCodeAt(index));
      if (end - since >= settle && length - index >= settle && !continuesCluster(rest, index)) found = index;
    }
    starts = nextStarts;
    seenAt = nextSeenAt;
    return found;
  };

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
      // Whitespace alone decides while the held text has fewer than three dictionary-script code units (a short
      // word between spaces, as in mixed text): the segmenter costs microseconds per call.
      const end = settledLength(view);
      if (dictionary < 3 || end - base < scanAt) return base;
      // The text from `base` starts at a word boundary, so segmenting it alone gives the right words.
      const rest = base === 0 && end === length ? text : text.slice(base, end);
      let found = finalStart(rest, view.offset + base);
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
      starts = [];
      seenAt = [];
    },
  };
}

/**
 * The last word start in `text` that more text cannot move: the start of the last segment when whitespace
 * precedes it; otherwise the start of the one before (UAX #29 looks one character ahead, e.g. `a.b` is one
 * word), so the last two words are held back. 0 when none.
 */
function stableWordStart(segments: Intl.Segments, text: string): number {
  const last = segments.containing(text.length - 1);
  if (last === undefined || last.index === 0) return 0;
  const start = last.index;
  if (isSpace(text.charCodeAt(start - 1)) && !isSpace(text.charCodeAt(start))) return start;
  return segments.containing(start - 1)?.index ?? 0;
}
