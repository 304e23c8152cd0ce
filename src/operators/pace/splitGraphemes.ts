import { isHighSurrogate } from '../text/unicode';
import { clusterEnd } from './clusterEnd';
import { bmpFlags, SIMPLE } from './graphemeFlags';
import { UnitQueue } from './UnitQueue';

/** Where units go, one length (UTF-16 code units) each: an array, or paceText's run-length `UnitQueue`. */
export interface UnitSink {
  /** Appends the length of one unit. */
  push(length: number): unknown;
}

/**
 * Pushes the length of each grapheme cluster of `text` from `start` (a cluster boundary) to `lengths`, except
 * the last one unless `final` or it is a control character (always followed by a boundary, UAX #29 GB4).
 * Returns where the text pushed ends.
 *
 * The common clusters (letters, CJK, kana, Hangul syllables, accents, emoji with skin tones, ZWJ sequences,
 * keycaps, flags) are found by {@link clusterEnd} without calling `Intl.Segmenter` (microseconds per call); from
 * the first cluster it does not settle on, the segmenter decides. Equal lengths in a row reach a `UnitQueue` as
 * one run.
 *
 * Internal to paceText (its property specs compare the cuts with `Intl.Segmenter`).
 */
export function splitGraphemes(
  text: string,
  graphemes: Intl.Segmenter,
  final: boolean,
  lengths: UnitSink,
  start = 0,
): number {
  let length = text.length;
  // A trailing high surrogate is not a character yet: with its low half it may join the cluster before it (a
  // flag's second regional indicator, a skin tone).
  const lone = !final && isHighSurrogate(text.charCodeAt(length - 1));
  if (lone) length--;
  if (length <= start) return start;
  const table = bmpFlags();
  let last = start; // start of the first cluster not counted yet
  // Clusters counted and not pushed yet: `runCount` of `runLength` code units each.
  let runLength = 1;
  let runCount = 0;
  let window = SEGMENTER_WINDOW;
  for (;;) {
    let end: number;
    for (;;) {
      // A run of code units no rule joins to a neighbour (ASCII, CJK, Cyrillic …): one unit each but the last,
      // which marks may follow.
      let run = last;
      if (isSimple(table, text.charCodeAt(run))) {
        run++;
        while (run < length && isSimple(table, text.charCodeAt(run))) run++;
        run--;
        if (run > last) {
          if (runLength !== 1) {
            if (runCount !== 0) pushRun(lengths, runLength, runCount);
            runLength = 1;
            runCount = 0;
          }
          runCount += run - last;
          last = run;
        }
      }
      end = clusterEnd(text, last, length, table);
      if (end === -1 || end >= length) break;
      const size = end - last;
      if (size !== runLength) {
        if (runCount !== 0) pushRun(lengths, runLength, runCount);
        runLength = size;
        runCount = 0;
      }
      runCount++;
      last = end;
    }
    if (runCount !== 0) pushRun(lengths, runLength, runCount);
    runCount = 0;
    if (end !== -1) break;
    // A cluster the simple rules do not settle (Indic scripts, Hangul jamo, rare extenders): the segmenter cuts
    // the next `window` code units, then the simple rules take over again from the start of its last segment
    // (which the window's end may have cut short). Its other cuts are final: a break depends on what precedes
    // it and on the code point after it, never on what follows (UAX #29), and the window starts at a boundary.
    let windowEnd = Math.min(length, last + window);
    // Never half a surrogate pair at the end: the segmenter would cut before it.
    while (windowEnd < length && isHighSurrogate(text.charCodeAt(windowEnd - 1))) windowEnd++;
    const start = last;
    last = segmentWindow(text, last, windowEnd, graphemes, lengths);
    if (windowEnd === length) break;
    // One cluster longer than the window: a window twice as long, until it holds the cluster (not the whole rest
    // at once: the segmenter's cost per segment grows with the length of its text).
    window = last === start ? window * 2 : SEGMENTER_WINDOW;
  }
  const lastCode = text.charCodeAt(length - 1);
  if (final || (!lone && lastCode < 0x20 && lastCode !== 0x0d)) {
    if (length > last) lengths.push(length - last);
    return length;
  }
  return last;
}

/**
 * Pushes the lengths of the clusters `Intl.Segmenter` finds in `text[from, to)` but the last one; returns where
 * that one starts. (A function of its own: the fast path's loop compiles smaller without the iterator.)
 */
function segmentWindow(
  text: string,
  from: number,
  to: number,
  graphemes: Intl.Segmenter,
  lengths: UnitSink,
): number {
  const rest = from === 0 && to === text.length ? text : text.slice(from, to);
  let end = from;
  let previous = -1;
  for (const { segment } of graphemes.segment(rest)) {
    if (previous !== -1) lengths.push(previous);
    previous = segment.length;
    end += previous;
  }
  return end - previous;
}

/** `SIMPLE` in `table`: below U+0300, every code unit but CR (one compare for Latin text, no table read). */
function isSimple(table: Uint8Array, c: number): boolean {
  return c < 0x300 ? c !== 0x0d : ((table[c] ?? 0) & SIMPLE) !== 0;
}

/** `count` units of `length` code units each: one run in paceText's queue. */
function pushRun(lengths: UnitSink, length: number, count: number): void {
  if (lengths instanceof UnitQueue) lengths.pushRun(length, count);
  else for (let i = 0; i < count; i++) lengths.push(length);
}

/**
 * Code units the segmenter cuts at a time where the simple rules give up: a whole burst of Hindi must not send
 * the Latin and CJK after it through the segmenter too.
 */
const SEGMENTER_WINDOW = 64;
