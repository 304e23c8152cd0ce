import { isHighSurrogate, isSpace, simpleGrapheme } from '../text/unicode';
import { clusterEnd } from './clusterEnd';
import { UnitQueue } from './UnitQueue';

/**
 * Cuts text into the units {@link paceText} shows one by one: grapheme clusters, or words with what follows
 * them. Only final units are released: the last cluster is held until more text or the end (a combining mark,
 * joiner or modifier could still extend it), and in word mode the last word(s) too.
 *
 * Internal to the operators folder (not exported from the package).
 */

/** Where units go, one length (UTF-16 code units) each: an array, or paceText's run-length `UnitQueue`. */
export interface UnitSink {
  /** Appends the length of one unit. */
  push(length: number): unknown;
}

/** Per subscription: takes chunks, releases final units. */
export interface UnitCutter {
  /** Appends the lengths (UTF-16 code units) of the units that became final to `lengths`; returns their text. */
  push(chunk: string, lengths: UnitSink): string;
  /** No more text: releases everything held, as units. */
  end(lengths: UnitSink): string;
}

/** What {@link paceText} counts and shows. */
export type PaceUnit = 'grapheme' | 'word';

/** Builds the segmenters once per operator call; each subscription gets its own cutter. */
export function unitCutterFactory(unit: PaceUnit, locale: string | undefined): () => UnitCutter {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    throw new TypeError(`paceText: unit '${unit}' needs Intl.Segmenter (Node ≥ 16, every current browser).`);
  }
  const graphemes = new Intl.Segmenter(locale, { granularity: 'grapheme' });
  switch (unit) {
    case 'grapheme':
      return () => graphemeCutter(graphemes);
    case 'word': {
      const words = new Intl.Segmenter(locale, { granularity: 'word' });
      return () => wordCutter(graphemes, words);
    }
    default:
      throw new TypeError(`paceText: unknown unit ${JSON.stringify(unit)}; expected 'grapheme' or 'word'.`);
  }
}

function graphemeCutter(graphemes: Intl.Segmenter): UnitCutter {
  // The last cluster: usually one code unit.
  let held = '';
  return {
    push(chunk, lengths) {
      if (chunk.length === 0) return '';
      const text = held.length === 0 ? chunk : held + chunk;
      const settled = splitGraphemes(text, graphemes, false, lengths);
      held = settled === text.length ? '' : text.slice(settled);
      return settled === text.length ? text : text.slice(0, settled);
    },
    end(lengths) {
      const text = held;
      held = '';
      if (text.length !== 0) splitGraphemes(text, graphemes, true, lengths);
      return text;
    },
  };
}

/**
 * Pushes the length of each grapheme cluster of `text` (which starts at a cluster boundary) to `lengths`,
 * except the last one unless `final` or it is a control character (always followed by a boundary, UAX #29
 * GB4). Returns the length of the text pushed.
 *
 * The common clusters (letters, CJK, kana, Hangul syllables, accents, emoji with skin tones, ZWJ sequences,
 * keycaps, flags) are found by {@link clusterEnd} without calling `Intl.Segmenter` (microseconds per call); from
 * the first cluster it does not settle on, the segmenter decides.
 */
export function splitGraphemes(
  text: string,
  graphemes: Intl.Segmenter,
  final: boolean,
  lengths: UnitSink,
): number {
  let length = text.length;
  // A trailing high surrogate is not a character yet: with its low half it may join the cluster before it (a
  // flag's second regional indicator, a skin tone).
  const lone = !final && isHighSurrogate(text.charCodeAt(length - 1));
  if (lone) length--;
  if (length === 0) return 0;
  let last = 0; // start of the last cluster found, not pushed yet
  let window = SEGMENTER_WINDOW;
  for (;;) {
    let end: number;
    for (;;) {
      // A run of code units no rule joins to a neighbour (ASCII, CJK, Cyrillic …): one unit each, counted.
      let run = last;
      let a = text.charCodeAt(run);
      if (simpleGrapheme(a)) {
        while (run + 1 < length) {
          const b = text.charCodeAt(run + 1);
          if (!simpleGrapheme(b) || (a === 0x0d && b === 0x0a)) break;
          run++;
          a = b;
        }
      }
      if (run > last) {
        pushOnes(lengths, run - last);
        last = run;
      }
      end = clusterEnd(text, last, length);
      if (end === -1 || end >= length) break;
      lengths.push(end - last);
      last = end;
    }
    if (end !== -1) break;
    // A cluster the simple rules do not settle (Indic scripts, Hangul jamo, rare extenders): the segmenter cuts
    // the next `window` code units, then the simple rules take over again from the start of its last segment
    // (which the window's end may have cut short). Its other cuts are final: a break depends on what precedes
    // it and on the code point after it, never on what follows (UAX #29), and the window starts at a boundary.
    let windowEnd = Math.min(length, last + window);
    // Never half a surrogate pair at the end: the segmenter would cut before it.
    while (windowEnd < length && isHighSurrogate(text.charCodeAt(windowEnd - 1))) windowEnd++;
    const rest = last === 0 && windowEnd === text.length ? text : text.slice(last, windowEnd);
    const start = last;
    let previous = -1;
    for (const { segment } of graphemes.segment(rest)) {
      if (previous !== -1) lengths.push(previous);
      previous = segment.length;
      last += previous;
    }
    last -= previous;
    if (windowEnd === length) break;
    // One cluster longer than the window: the rest in one go.
    window = last === start ? length : SEGMENTER_WINDOW;
  }
  const lastCode = text.charCodeAt(length - 1);
  if (final || (!lone && lastCode < 0x20 && lastCode !== 0x0d)) {
    if (length > last) lengths.push(length - last);
    return length;
  }
  return last;
}

/**
 * Word units: a word-like segment (`Intl.Segmenter`, so Chinese, Japanese and Thai are cut between words too)
 * or an emoji, with the spaces and punctuation after it. A unit ends where the next word starts once more text cannot move
 * that start: a start after whitespace is final; otherwise the last two segments are held back (UAX #29 looks
 * one character ahead, e.g. `a.b`, and a dictionary may re-split the last word). Cuts are always grapheme
 * boundaries.
 */
function wordCutter(graphemes: Intl.Segmenter, words: Intl.Segmenter): UnitCutter {
  // The text since the last unit end, how much of it is grapheme-settled, and its cluster ends up to there.
  let region = '';
  let settled = 0;
  let clusterEnds: number[] = [];
  // A long run without a word start is segmented again only once it grew by a quarter (linear total work).
  let scanAt = 0;
  const scratch: number[] = [];

  const addClusters = (final: boolean): void => {
    scratch.length = 0;
    splitGraphemes(settled === 0 ? region : region.slice(settled), graphemes, final, scratch);
    for (const length of scratch) clusterEnds.push((settled += length));
  };

  const release = (cut: number): string => {
    const text = region.slice(0, cut);
    region = region.slice(cut);
    settled -= cut;
    clusterEnds = clusterEnds.filter((end) => end > cut).map((end) => end - cut);
    return text;
  };

  return {
    push(chunk, lengths) {
      if (chunk.length === 0) return '';
      region += chunk;
      addClusters(false);
      if (settled < 2 || settled < scanAt) return '';
      const cut = cutWords(region.slice(0, settled), words, clusterEnds, false, lengths);
      scanAt = cut === 0 && settled >= 256 ? settled + (settled >> 2) : 0;
      return cut === 0 ? '' : release(cut);
    },
    end(lengths) {
      if (region.length === 0) return '';
      addClusters(true);
      cutWords(region, words, clusterEnds, true, lengths);
      return release(region.length);
    },
  };
}

/**
 * Pushes the lengths of the word units of `text` that are final (all of them when `final`) and returns where
 * the last one ends. `clusterEnds` are the grapheme cluster ends of `text`, ascending.
 */
function cutWords(
  text: string,
  words: Intl.Segmenter,
  clusterEnds: readonly number[],
  final: boolean,
  lengths: UnitSink,
): number {
  const segments = words.segment(text);
  let limit = text.length;
  if (!final) {
    const last = segments.containing(text.length - 1);
    if (last === undefined || last.index === 0) return 0;
    limit =
      isSpace(text.charCodeAt(last.index - 1)) && !isSpace(text.charCodeAt(last.index))
        ? last.index
        : (segments.containing(last.index - 1)?.index ?? 0);
  }
  let cut = 0;
  let k = 0; // walks clusterEnds alongside the word starts
  for (const { index, isWordLike, segment } of segments) {
    if (index > limit) break;
    if (index === 0 || !(isWordLike || PICTOGRAPH.test(segment))) continue;
    while (k < clusterEnds.length && (clusterEnds[k] ?? 0) < index) k++;
    if (clusterEnds[k] !== index) continue; // a word start inside a cluster (odd script mixes): not a cut
    lengths.push(index - cut);
    cut = index;
  }
  if (final && text.length > cut) {
    lengths.push(text.length - cut);
    cut = text.length;
  }
  return cut;
}

/** `count` units of one code unit each: one run in paceText's queue. */
function pushOnes(lengths: UnitSink, count: number): void {
  if (lengths instanceof UnitQueue) lengths.pushRun(1, count);
  else for (let i = 0; i < count; i++) lengths.push(1);
}

/**
 * Code units the segmenter cuts at a time where the simple rules give up: a whole burst of Hindi must not send
 * the Latin and CJK after it through the segmenter too.
 */
const SEGMENTER_WINDOW = 64;

/** An emoji or a flag counts as a word (`Intl.Segmenter` does not call it word-like). */
const PICTOGRAPH = /^[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
