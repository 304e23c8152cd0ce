/**
 * What the grapheme fast path ({@link clusterEnd}, {@link splitGraphemes}) knows of a code point, as bit flags
 * read from a table: one array read per code unit instead of range tests and a `\p{Extended_Pictographic}` regex.
 * A code point with none of the flags is for `Intl.Segmenter` to decide.
 *
 * Whether a symbol is `Extended_Pictographic` is asked once per code point of the symbol and emoji blocks (the
 * regex, so the engine's own Unicode version decides), then kept in the table.
 *
 * Internal to paceText (its property specs compare every flagged code point with `Intl.Segmenter`).
 */

/**
 * No UAX #29 rule joins it to a neighbour except as the base of marks (Grapheme_Cluster_Break Other: letters,
 * CJK, kana, Hangul syllables, punctuation, symbols), or a control other than CR (always alone, GB4/GB5). Two
 * such code units in a row are two clusters.
 */
export const SIMPLE = 1;
/** Grapheme_Cluster_Break Control, CR and LF (a cluster of its own, but CR LF). */
export const CONTROL = 2;
/** Grapheme_Cluster_Break Extend: the common ones (combining diacritics, variation selectors, keycap, ZWNJ, skin tones, tags). */
export const EXTEND = 4;
/** U+200D ZERO WIDTH JOINER. */
export const ZWJ = 8;
/** Extended_Pictographic (GB11: joined after an emoji and a ZWJ). */
export const PICTOGRAPHIC = 16;
/** A high surrogate: the flags are those of the code point it starts ({@link supplementaryFlags}). */
export const LEAD = 32;
/** Regional_Indicator (flags are pairs of them, GB12/GB13). */
export const REGIONAL = 64;
/** Not asked yet whether it is Extended_Pictographic (otherwise {@link SIMPLE} in the BMP, unknown beyond). */
const UNRESOLVED = 128;

const EXTENDED_PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;

let bmp: Uint8Array | undefined;
/** Flags of the code points from U+1F000 to U+1FAFF (emoji, regional indicators, skin tones). */
let emoji: Uint8Array | undefined;

const EMOJI_START = 0x1f000;
const EMOJI_END = 0x1fb00;

/** The flags of BMP code units (built on first use: 64 KiB). */
export function bmpFlags(): Uint8Array {
  return bmp ?? (bmp = buildBmp());
}

function buildBmp(): Uint8Array {
  const t = new Uint8Array(0x10000);
  t.fill(CONTROL | SIMPLE, 0, 0x20);
  t[0x0d] = CONTROL; // CR: LF may follow
  t.fill(SIMPLE, 0x20, 0x7f);
  t.fill(CONTROL | SIMPLE, 0x7f, 0xa0);
  t.fill(SIMPLE, 0xa0, 0x300);
  t[0xad] = CONTROL | SIMPLE; // soft hyphen
  t[0xa9] = SIMPLE | PICTOGRAPHIC; // ©
  t[0xae] = SIMPLE | PICTOGRAPHIC; // ®
  t.fill(EXTEND, 0x300, 0x370);
  t.fill(SIMPLE, 0x370, 0x483); // Greek, Cyrillic
  t.fill(SIMPLE, 0x48a, 0x530);
  t[0x200c] = EXTEND;
  t[0x200d] = ZWJ;
  t.fill(SIMPLE, 0x2010, 0x2028); // general punctuation (not the separators and format controls)
  t.fill(SIMPLE, 0x2030, 0x205f);
  t[0x203c] = SIMPLE | PICTOGRAPHIC; // ‼
  t[0x2049] = SIMPLE | PICTOGRAPHIC; // ⁉
  t[0x20e3] = EXTEND; // combining enclosing keycap
  t.fill(UNRESOLVED, 0x2100, 0x2c00); // letterlike symbols, arrows, technical, dingbats, … (emoji among them)
  t.fill(SIMPLE, 0x3001, 0x302a); // CJK punctuation
  t.fill(UNRESOLVED, 0x3030, 0x3040); // 〰 〽 among them
  t.fill(SIMPLE, 0x3041, 0x3097); // hiragana
  t.fill(SIMPLE, 0x30a1, 0x30fd); // katakana, middle dot, prolonged sound mark
  t.fill(UNRESOLVED, 0x3200, 0x3300); // enclosed CJK (㊗ ㊙)
  t.fill(SIMPLE, 0x3400, 0x4dc0); // CJK ideographs
  t.fill(SIMPLE, 0x4e00, 0xa000);
  t.fill(SIMPLE, 0xac00, 0xd7a4); // Hangul syllables (jamo after them go to the segmenter)
  t.fill(LEAD, 0xd800, 0xdc00);
  t.fill(EXTEND, 0xfe00, 0xfe10); // variation selectors
  t.fill(SIMPLE, 0xff01, 0xff5f); // full-width forms
  return t;
}

/** The flags of BMP code unit `c` (a symbol asked to the regex on first sight). */
export function flagsOf(table: Uint8Array, c: number): number {
  const flags = table[c] ?? 0;
  if (flags !== UNRESOLVED) return flags;
  const resolved = EXTENDED_PICTOGRAPHIC.test(String.fromCharCode(c)) ? PICTOGRAPHIC : SIMPLE;
  table[c] = resolved;
  return resolved;
}

/** The flags of a code point beyond the BMP. */
export function supplementaryFlags(cp: number): number {
  if (cp >= EMOJI_START && cp < EMOJI_END) {
    const table = emoji ?? (emoji = buildEmoji());
    const flags = table[cp - EMOJI_START] ?? 0;
    if (flags !== UNRESOLVED) return flags;
    const resolved = EXTENDED_PICTOGRAPHIC.test(String.fromCodePoint(cp)) ? PICTOGRAPHIC : 0;
    table[cp - EMOJI_START] = resolved;
    return resolved;
  }
  if (cp >= 0xe0020 && cp <= 0xe007f) return EXTEND; // tags (subdivision flags)
  if (cp >= 0x20000 && cp <= 0x3fffd) return SIMPLE; // CJK ideographs, extensions B and on
  return 0;
}

function buildEmoji(): Uint8Array {
  const t = new Uint8Array(EMOJI_END - EMOJI_START).fill(UNRESOLVED);
  t.fill(REGIONAL, 0x1f1e6 - EMOJI_START, 0x1f200 - EMOJI_START);
  t.fill(EXTEND, 0x1f3fb - EMOJI_START, 0x1f400 - EMOJI_START); // skin tones
  return t;
}

/** Every flag a code point can have after resolution, for specs: `[code point, flags]` of the ones set. */
export function allFlags(): [number, number][] {
  const table = bmpFlags();
  const out: [number, number][] = [];
  for (let c = 0; c < 0x10000; c++) {
    const flags = flagsOf(table, c);
    if (flags !== 0 && flags !== LEAD) out.push([c, flags]);
  }
  for (let cp = EMOJI_START; cp < EMOJI_END; cp++) {
    const flags = supplementaryFlags(cp);
    if (flags !== 0) out.push([cp, flags]);
  }
  return out;
}
