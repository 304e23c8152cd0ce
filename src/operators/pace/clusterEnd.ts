import { isLowSurrogate } from '../text/unicode';
import {
  CONTROL,
  EXTEND,
  flagsOf,
  LEAD,
  PICTOGRAPHIC,
  REGIONAL,
  SIMPLE,
  supplementaryFlags,
  ZWJ,
} from './graphemeFlags';

/**
 * The end of the grapheme cluster that starts at `i` (a cluster boundary), for the common cases UAX #29 settles
 * with a few rules: a simple code point, a control, an emoji (`Extended_Pictographic`), a pair of regional
 * indicators (a flag), each followed by extenders (combining diacritics, variation selectors, the keycap mark,
 * skin tones, tags, ZWNJ) and emoji ZWJ sequences (GB9, GB11, GB12/13). Returns `length` when the cluster may
 * run past the text received (it is the last one), and `-1` when anything else is met: `Intl.Segmenter` decides.
 * `table` is `bmpFlags()`.
 *
 * Internal to paceText (its property spec compares the cuts with `Intl.Segmenter` on multilingual text).
 */
export function clusterEnd(text: string, i: number, length: number, table: Uint8Array): number {
  const c = text.charCodeAt(i);
  const flags = flagsOf(table, c);
  let j = i + 1;
  if ((flags & CONTROL) !== 0) {
    // GB4/GB5: a control is a cluster of its own (CR LF is one).
    if (j >= length) return length;
    return c === 0x0d && text.charCodeAt(j) === 0x0a ? j + 1 : j;
  }
  // `pictographic`: the cluster so far is ExtPict Extend*, so a ZWJ then an ExtPict joins it (GB11).
  let pictographic: boolean;
  if ((flags & LEAD) !== 0) {
    const low = text.charCodeAt(j);
    if (j >= length || !isLowSurrogate(low)) return -1;
    j++;
    const base = supplementaryFlags(pair(c, low));
    if ((base & REGIONAL) !== 0) {
      if (j >= length) return length;
      if (isRegionalAt(text, j, length)) j += 2;
      pictographic = false;
    } else if ((base & PICTOGRAPHIC) !== 0) {
      pictographic = true;
    } else if ((base & SIMPLE) !== 0) {
      pictographic = false;
    } else {
      return -1;
    }
  } else if ((flags & (SIMPLE | PICTOGRAPHIC)) !== 0) {
    pictographic = (flags & PICTOGRAPHIC) !== 0;
  } else {
    return -1;
  }
  while (j < length) {
    const d = text.charCodeAt(j);
    const next = flagsOf(table, d);
    if ((next & EXTEND) !== 0) {
      j++;
      continue;
    }
    if ((next & ZWJ) !== 0) {
      j++;
      if (j >= length) return length;
      const size = pictographic ? pictographicAt(text, j, length, table) : 0;
      if (size !== 0) j += size;
      else pictographic = false;
      continue;
    }
    if ((next & LEAD) !== 0) {
      const low = text.charCodeAt(j + 1);
      if (j + 1 >= length || !isLowSurrogate(low)) return -1;
      const after = supplementaryFlags(pair(d, low));
      if ((after & EXTEND) !== 0) {
        j += 2;
        continue;
      }
      // Nothing joins these to what precedes them here (no Prepend, SpacingMark or Hangul jamo was accepted).
      return (after & (SIMPLE | REGIONAL | PICTOGRAPHIC)) !== 0 ? j : -1;
    }
    return (next & (SIMPLE | CONTROL | PICTOGRAPHIC)) !== 0 ? j : -1;
  }
  return length;
}

/** The length (1 or 2) of the Extended_Pictographic code point at `j`, or 0 if there is none. */
function pictographicAt(text: string, j: number, length: number, table: Uint8Array): number {
  const c = text.charCodeAt(j);
  const flags = flagsOf(table, c);
  if ((flags & LEAD) === 0) return (flags & PICTOGRAPHIC) !== 0 ? 1 : 0;
  const low = text.charCodeAt(j + 1);
  if (j + 1 >= length || !isLowSurrogate(low)) return 0;
  return (supplementaryFlags(pair(c, low)) & PICTOGRAPHIC) !== 0 ? 2 : 0;
}

/** A regional indicator (U+1F1E6–U+1F1FF: `\ud83c` then `\udde6`–`\uddff`) at `j`. */
function isRegionalAt(text: string, j: number, length: number): boolean {
  if (j + 1 >= length || text.charCodeAt(j) !== 0xd83c) return false;
  const low = text.charCodeAt(j + 1);
  return low >= 0xdde6 && low <= 0xddff;
}

function pair(high: number, low: number): number {
  return ((high - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
}
