import { isSpace } from '../text/unicode';
import { splitGraphemes, type UnitSink } from './splitGraphemes';
import { UnitQueue } from './UnitQueue';

/**
 * Cuts text into the units {@link paceText} shows one by one: grapheme clusters, or words with what follows
 * them. Only final units are released: the last cluster is held until more text or the end (a combining mark,
 * joiner or modifier could still extend it), and in word mode the last word(s) too.
 *
 * Internal to the operators folder (not exported from the package).
 */

/** Per subscription: takes chunks, releases final units. */
export interface UnitCutter {
  /**
   * Appends the lengths (UTF-16 code units) of the units that became final to `lengths`, and their text to
   * `texts` (in one or more non-empty pieces: a long chunk is not copied to join it to the held cluster).
   */
  push(chunk: string, lengths: UnitSink, texts: string[]): void;
  /** No more text: releases everything held, as units. */
  end(lengths: UnitSink, texts: string[]): void;
}

/** What {@link paceText} counts and shows. */
export type PaceUnit = 'grapheme' | 'word';

/** Finds the segmenters once per operator call; each subscription gets its own cutter. */
export function unitCutterFactory(unit: PaceUnit, locale: string | undefined): () => UnitCutter {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    throw new TypeError(`paceText: unit '${unit}' needs Intl.Segmenter (Node ≥ 16, every current browser).`);
  }
  const graphemes = segmenterFor('grapheme', locale);
  switch (unit) {
    case 'grapheme':
      return () => graphemeCutter(graphemes);
    case 'word': {
      const words = segmenterFor('word', locale);
      return () => wordCutter(graphemes, words);
    }
    default:
      throw new TypeError(`paceText: unknown unit ${JSON.stringify(unit)}; expected 'grapheme' or 'word'.`);
  }
}

/**
 * The segmenters made so far, by granularity and locale: making one costs 0.01–0.2 ms (ICU data and locale
 * resolution), and one keeps no state between `segment` calls, so every paceText call of a process can share it.
 */
let segmenters: Map<string, Intl.Segmenter> | undefined; // made on first use (tree-shaking)

function segmenterFor(granularity: 'grapheme' | 'word', locale: string | undefined): Intl.Segmenter {
  const key = `${granularity} ${locale ?? ''}`;
  const made = segmenters ?? (segmenters = new Map());
  let segmenter = made.get(key);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity }); // a bad locale throws here, at the operator call
    if (made.size >= 32) made.clear(); // a few locales in practice; never unbounded
    made.set(key, segmenter);
  }
  return segmenter;
}

function graphemeCutter(graphemes: Intl.Segmenter): UnitCutter {
  // The last cluster: usually one code unit.
  let held = '';
  /** Releases `text` up to `settled` and holds the rest. */
  const keep = (text: string, settled: number, texts: string[]): void => {
    if (settled !== 0) texts.push(settled === text.length ? text : text.slice(0, settled));
    held = settled === text.length ? '' : text.slice(settled);
  };
  return {
    push(chunk, lengths, texts) {
      if (chunk.length === 0) return;
      if (held.length === 0) {
        keep(chunk, cutGraphemes(chunk, graphemes, false, lengths, 0), texts);
        return;
      }
      if (chunk.length <= JOINT) {
        const text = held + chunk;
        keep(text, cutGraphemes(text, graphemes, false, lengths, 0), texts);
        return;
      }
      // Not `held + chunk`: reading a cons string goes through it at every character (a burst's cut took twice
      // as long), and slicing it copies it. The held cluster is cut with the chunk's start, then the chunk from
      // the first boundary on.
      const joint = held + chunk.slice(0, JOINT);
      const settled = cutGraphemes(joint, graphemes, false, lengths, 0);
      if (settled < held.length) {
        // The boundary is inside the held text (a lone surrogate's pair came) or past the joint (a long run of
        // marks): the plain way, rare.
        const text = held + chunk;
        keep(text, cutGraphemes(text, graphemes, false, lengths, settled), texts);
        return;
      }
      texts.push(held);
      keep(chunk, cutGraphemes(chunk, graphemes, false, lengths, settled - held.length), texts);
    },
    end(lengths, texts) {
      if (held.length === 0) return;
      cutGraphemes(held, graphemes, true, lengths, 0);
      texts.push(held);
      held = '';
    },
  };
}

/** Code units of a long chunk cut together with the held cluster (longer than almost every cluster). */
const JOINT = 32;

/**
 * The queue {@link splitGraphemes} writes a subscription's clusters to, before they move to the subscription's
 * own queue: one that lives as long as the module. V8's optimized code for the cutter depends on the queue it
 * writes to; with a new queue per subscription it was thrown away at each major GC once that queue was gone,
 * and compiled again at the next burst (10–20 ms of CPU per compile for multilingual text, twice per burst).
 */
let scratch: UnitQueue | undefined; // made on first use: no module side effect, for tree-shaking

/** {@link splitGraphemes} into `lengths`, through {@link scratch} when it is a `UnitQueue`. */
function cutGraphemes(
  text: string,
  graphemes: Intl.Segmenter,
  final: boolean,
  lengths: UnitSink,
  start: number,
): number {
  if (!(lengths instanceof UnitQueue)) return splitGraphemes(text, graphemes, final, lengths, start);
  const queue = scratch ?? (scratch = new UnitQueue());
  const settled = splitGraphemes(text, graphemes, final, queue, start);
  queue.moveTo(lengths);
  return settled;
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
    push(chunk, lengths, texts) {
      // A long chunk in pieces: the segmenter's cost per segment grows with the length of its text (iterating
      // 70 000 CJK characters took 52 s in Node 20), and the region it segments is what a piece leaves held.
      for (let at = 0; at < chunk.length; at += WORD_PIECE) {
        region += at === 0 && chunk.length <= WORD_PIECE ? chunk : chunk.slice(at, at + WORD_PIECE);
        addClusters(false);
        if (settled < 2 || settled < scanAt) continue;
        const cut = cutWords(region.slice(0, settled), words, clusterEnds, false, lengths);
        scanAt = cut === 0 && settled >= 256 ? settled + (settled >> 2) : 0;
        if (cut !== 0) texts.push(release(cut));
      }
    },
    end(lengths, texts) {
      if (region.length === 0) return;
      addClusters(true);
      cutWords(region, words, clusterEnds, true, lengths);
      texts.push(release(region.length));
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

/** Code units of a long chunk a word cutter takes at a time. */
const WORD_PIECE = 4096;

/** An emoji or a flag counts as a word (`Intl.Segmenter` does not call it word-like). */
const PICTOGRAPH = /^[\p{Extended_Pictographic}\p{Regional_Indicator}]/u;
