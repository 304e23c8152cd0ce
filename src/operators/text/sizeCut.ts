import { simpleGraphemePair } from './unicode';
import { codeAt, settledLength, type View } from './view';

/** `maxChars` reached: cut before the last grapheme cluster after `from`, or at the end (surrogate-safe). */
export function sizeCut(view: View, from: number, graphemes: Intl.Segmenter | null): number {
  const length = settledLength(view);
  let cut = 0;
  if (length - from >= 2 && simpleGraphemePair(codeAt(view, length - 2), codeAt(view, length - 1))) {
    cut = length - 1;
  } else if (graphemes !== null && length > from) {
    // Flattens the held text: once per maxChars characters at most.
    const rest = view.text.slice(from, length);
    cut = from + (graphemes.segment(rest).containing(rest.length - 1)?.index ?? 0);
  }
  return cut > from ? cut : length;
}
