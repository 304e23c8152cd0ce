// Unicode facts shared by the cutters: surrogates, whitespace, word starts, clusters, dictionary scripts.

const MARK = /\p{M}/uy;

/**
 * Word and sentence rules keep clusters together except in odd mixes (a Thai spacing vowel after a Chinese
 * character is one cluster, two words): such a cut is dropped rather than split a cluster. It checks what
 * joins the preceding cluster whatever it is (marks, Thai and Lao AM, joiners, half-width sound marks, skin
 * tones, tags) and the Prepend characters that join the next one.
 */
export function continuesCluster(text: string, cut: number): boolean {
  const c = text.codePointAt(cut) ?? 0;
  if (
    c === 0x0e33 ||
    c === 0x0eb3 ||
    c === 0x200c ||
    c === 0x200d ||
    c === 0xff9e ||
    c === 0xff9f ||
    (c >= 0x1f3fb && c <= 0x1f3ff) ||
    (c >= 0xe0020 && c <= 0xe007f)
  ) {
    return true;
  }
  MARK.lastIndex = cut;
  if (MARK.test(text)) return true;
  const p = text.charCodeAt(cut - 1);
  return (
    p === 0x200d ||
    (p >= 0x0600 && p <= 0x0605) ||
    p === 0x06dd ||
    p === 0x070f ||
    p === 0x0890 ||
    p === 0x0891 ||
    p === 0x08e2 ||
    p === 0x0d4e
  );
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** White_Space characters (NaN, past the end, is not). */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/**
 * Whether code unit `c` (followed by `next`) can only start a new word after whitespace: not whitespace, not
 * Extend, Format or ZWJ (which UAX #29 attaches to whatever precedes). Deliberately conservative: an unlisted
 * character merely waits for the next word start.
 */
export function isWordStart(c: number, next: number): boolean {
  if (c < 0x300) return c !== 0xad && !isSpace(c);
  if (c < 0x483) return c >= 0x370; // Greek, Cyrillic letters
  if (c <= 0x52f) return c >= 0x48a;
  if (isHighSurrogate(c)) {
    if (!isLowSurrogate(next)) return false;
    const cp = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
    // Emoji and symbols (but not the skin-tone modifiers, which are Extend), CJK extensions.
    return (
      (cp >= 0x1f000 && cp <= 0x1faff && !(cp >= 0x1f3fb && cp <= 0x1f3ff)) ||
      (cp >= 0x20000 && cp <= 0x3ffff)
    );
  }
  return (c >= 0x2190 && c <= 0x2bff) || isPlainBmpSymbolOrCjk(c); // arrows and symbols too
}

/** How many code units of `text[from…]` are of scripts written without spaces (breaks need a dictionary). */
export function countDictionaryScript(text: string, from: number): number {
  let count = 0;
  for (let i = from; i < text.length; i++) if (isDictionaryScript(text.charCodeAt(i))) count++;
  return count;
}

export function isDictionaryScript(c: number): boolean {
  return (
    c >= 0x0e00 &&
    (c <= 0x0eff || // Thai, Lao
      (c >= 0x1000 && c <= 0x109f) || // Myanmar
      (c >= 0x1780 && c <= 0x17ff) || // Khmer
      (c >= 0x2e80 && c <= 0x2fff) || // CJK radicals
      (c >= 0x3001 && c <= 0x9fff) || // CJK punctuation, kana, ideographs (U+3000 is a space)
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xff66 && c <= 0xff9f) || // half-width kana
      (c >= 0xd840 && c <= 0xd8bf)) // high surrogates of CJK extensions B…
  );
}

/**
 * Whether there is a grapheme boundary between code units `a` and `b` that no later text can remove: both are
 * in a set no UAX #29 rule joins (controls, ASCII, Latin-1, Greek, Cyrillic, general punctuation, CJK, kana,
 * Hangul syllables, full-width forms), and they are not CR LF.
 */
export function simpleGraphemePair(a: number, b: number): boolean {
  return simpleGrapheme(a) && simpleGrapheme(b) && !(a === 0x0d && b === 0x0a);
}

export function simpleGrapheme(c: number): boolean {
  if (c < 0x300) return true;
  if (c < 0x483) return c >= 0x370;
  if (c <= 0x52f) return c >= 0x48a;
  return isPlainBmpSymbolOrCjk(c);
}

/**
 * General punctuation, CJK punctuation, kana, ideographs, Hangul syllables and full-width forms: code units that
 * no UAX #29 rule joins to a neighbour, shared by the word-start and grapheme checks.
 */
export function isPlainBmpSymbolOrCjk(c: number): boolean {
  return (
    (c >= 0x2010 && c <= 0x2027) ||
    (c >= 0x2030 && c <= 0x205e) ||
    (c >= 0x3001 && c <= 0x3029) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xff01 && c <= 0xff5e)
  );
}

/**
 * Where the run of dictionary-segmented letters that ends `text` starts (`text.length` when `text` does not end
 * with one). Punctuation such as `。` or `、`, digits, spaces and other scripts end a run: the segmenter's
 * dictionary sees one run at a time.
 */
export function openDictionaryRun(text: string): number {
  let i = text.length;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (isLowSurrogate(c) && i > 1 && isDictionaryScript(text.charCodeAt(i - 2))) i -= 2;
    else if (isDictionaryLetter(c)) i--;
    else break;
  }
  return i;
}

function isDictionaryLetter(c: number): boolean {
  return (
    isDictionaryScript(c) &&
    !isHighSurrogate(c) &&
    !(c >= 0x0e50 && c <= 0x0e59) && // Thai digits
    !(c >= 0x0ed0 && c <= 0x0ed9) && // Lao digits
    !(c >= 0x1040 && c <= 0x104f) && // Myanmar digits and punctuation
    !(c >= 0x17d4 && c <= 0x17da) && // Khmer punctuation
    !(c >= 0x17e0 && c <= 0x17e9) && // Khmer digits
    !(c >= 0x3001 && c <= 0x303f && !(c >= 0x3005 && c <= 0x3007)) && // CJK punctuation (not 々 〆 〇)
    c !== 0x30fb // katakana middle dot
  );
}

/**
 * How many code units a word start inside an open dictionary run must survive re-segmentation (and stay away
 * from the end) before it counts. Chinese and Japanese words are short and their segmenter re-splits only near
 * the end; the Thai, Lao, Khmer and Myanmar ones split a word still arriving several syllables back.
 */
export function settlesAfter(c: number): number {
  return c < 0x1800 ? SOUTHEAST_ASIAN_SETTLE : CJK_SETTLE;
}
const SOUTHEAST_ASIAN_SETTLE = 16;
const CJK_SETTLE = 3;
