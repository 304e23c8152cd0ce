import { isHighSurrogate } from './unicode';

/**
 * The text to cut: `text` is the held text followed by the new `chunk`, which starts at `newStart`.
 *
 * `text` is usually a rope (`held + chunk`): reading any of its characters makes the engine flatten (copy) it,
 * which is O(held) per chunk and quadratic over a long run without boundaries. So the fast paths read only
 * `chunk` and the held text's last two code units, `before1` (the last) and `before2` (NaN when absent), through
 * {@link codeAt}; the whole text is read only where a cut or a (throttled) segmenter run pays for it. `offset` is
 * where `text` starts in the whole stream (the length of everything emitted before it).
 */
export interface View {
  text: string;
  chunk: string;
  newStart: number;
  before1: number;
  before2: number;
  offset: number;
}

/** Code unit `i` of `view.text` (NaN past the end), reading the held rope only far before the chunk. */
export function codeAt(view: View, i: number): number {
  const k = i - view.newStart;
  if (k >= 0) return view.chunk.charCodeAt(k);
  if (k === -1) return view.before1;
  if (k === -2) return view.before2;
  return view.text.charCodeAt(i);
}

/** The text's length without a trailing high surrogate, whose low half has not arrived yet. */
export function settledLength(view: View): number {
  const length = view.text.length;
  return isHighSurrogate(codeAt(view, length - 1)) ? length - 1 : length;
}
