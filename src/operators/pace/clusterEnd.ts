/**
 * The end of the grapheme cluster that starts at `i` (a cluster boundary), for the common cases UAX #29 settles
 * with a few rules: a simple code unit, a control, an emoji (`Extended_Pictographic`), a pair of regional
 * indicators (a flag), each followed by extenders (combining diacritics, variation selectors, the keycap mark,
 * skin tones, tags, ZWNJ) and emoji ZWJ sequences (GB9, GB11, GB12/13). Returns `length` when the cluster may
 * run past the text received (it is the last one), and `-1` when anything else is met: `Intl.Segmenter` decides.
 *
 * Internal to paceText (its property spec compares the cuts with `Intl.Segmenter` on multilingual text).
 */
export function clusterEnd(text: string, i: number, length: number): number {
  const base = text.codePointAt(i) ?? 0;
  let j = i + (base > 0xffff ? 2 : 1);
  let pictographic: boolean;
  if (base < 0x300 || isSimpleBmp(base)) {
    if (isControl(base)) {
      // GB4/GB5: a control is a cluster of its own (CR LF is one).
      if (base === 0x0d) {
        if (j >= length) return length;
        return text.charCodeAt(j) === 0x0a ? j + 1 : j;
      }
      return j >= length ? length : j;
    }
    pictographic = base === 0xa9 || base === 0xae || base === 0x203c || base === 0x2049;
  } else if (isRegional(base)) {
    if (j >= length) return length;
    const next = text.codePointAt(j) ?? 0;
    if (isRegional(next)) j += 2;
    pictographic = false;
  } else if (isPictographic(text, i)) {
    pictographic = true;
  } else {
    return -1;
  }
  // `pictographic`: the cluster so far is ExtPict Extend*, so a ZWJ then an ExtPict joins it (GB11).
  while (j < length) {
    const c = text.codePointAt(j) ?? 0;
    if (isExtend(c)) {
      j += c > 0xffff ? 2 : 1;
      continue;
    }
    if (c === 0x200d) {
      j++;
      if (j >= length) return length;
      if (pictographic && isPictographic(text, j)) {
        j += (text.codePointAt(j) ?? 0) > 0xffff ? 2 : 1;
      } else {
        pictographic = false;
      }
      continue;
    }
    // Nothing joins these to what precedes them here (no Prepend, SpacingMark or Hangul jamo was accepted).
    if (c < 0x300 || isSimpleBmp(c) || isRegional(c) || isPictographic(text, j)) return j;
    return -1;
  }
  return length;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/uy;

function isPictographic(text: string, at: number): boolean {
  PICTOGRAPHIC.lastIndex = at;
  return PICTOGRAPHIC.test(text);
}

function isRegional(c: number): boolean {
  return c >= 0x1f1e6 && c <= 0x1f1ff;
}

/** Grapheme_Cluster_Break=Control below U+0300 (CR and LF included). */
function isControl(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xad;
}

/** Extenders common in chat text; others send the cluster to the segmenter. */
function isExtend(c: number): boolean {
  return (
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0xfe00 && c <= 0xfe0f) ||
    c === 0x20e3 ||
    c === 0x200c ||
    (c >= 0x1f3fb && c <= 0x1f3ff) ||
    (c >= 0xe0020 && c <= 0xe007f)
  );
}

/**
 * Code points from U+0300 on that no UAX #29 rule joins to a neighbour: Greek and Cyrillic letters, general
 * punctuation, CJK punctuation, kana, ideographs, Hangul syllables, full-width forms.
 */
export function isSimpleBmp(c: number): boolean {
  if (c < 0x483) return c >= 0x370;
  if (c <= 0x52f) return c >= 0x48a;
  return (
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e) ||
    (c >= 0x3001 && c <= 0x3029) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fc) || // katakana, middle dot, prolonged sound mark
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xff01 && c <= 0xff5e)
  );
}
