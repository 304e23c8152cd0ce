import {
  asyncScheduler,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';

/**
 * Where {@link bufferText} may cut the text.
 *
 * - `'none'`: nowhere; only `maxChars`, `maxDelayMs` and completion release text (plain coalescing).
 * - `'grapheme'`: between user-perceived characters (`Intl.Segmenter`), so an emoji ZWJ sequence, a flag, a
 *   skin-tone modifier or a letter with its combining marks is never split.
 * - `'word'`: before the start of a word, so each emission is whole words with their trailing spaces. Runs of
 *   Chinese, Japanese, Thai… (no spaces) are cut between the words `Intl.Segmenter` finds.
 * - `'line'`: after each `'\n'`.
 * - `'sentence'`: between sentences (`Intl.Segmenter`).
 * - a `RegExp`: after the end of the last match.
 */
export type TextBoundary = 'none' | 'grapheme' | 'word' | 'line' | 'sentence' | RegExp;

/** Options of {@link bufferText}. */
export interface BufferTextOptions {
  /** Where text may be cut. Default `'word'`. */
  readonly boundary?: TextBoundary;
  /**
   * When the held-back text reaches this many UTF-16 code units it is released even without a boundary: up to
   * the start of its last grapheme cluster, or entirely when it is a single cluster (a surrogate pair is never
   * split). Default `1024`; `Infinity` disables it. It also bounds the work done per chunk.
   */
  readonly maxChars?: number;
  /**
   * No text is held back longer than this many milliseconds after it arrived: the timer releases everything
   * held (except a lone high surrogate). Default `100`; `Infinity` disables it.
   */
  readonly maxDelayMs?: number;
  /** Scheduler of the `maxDelayMs` timer. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Locale of the `Intl.Segmenter` used by `'word'`, `'sentence'` and `'grapheme'`. Default: the runtime's. */
  readonly locale?: string;
}

/** Default of {@link BufferTextOptions.maxChars}. */
export const BUFFER_TEXT_MAX_CHARS = 1024;
/** Default of {@link BufferTextOptions.maxDelayMs}. */
export const BUFFER_TEXT_MAX_DELAY_MS = 100;

/**
 * Re-chunks text for people and UIs: emits only up to the last boundary seen and holds the rest back.
 *
 * Streams of model output arrive in arbitrary pieces (`'Hel'`, `'lo wo'`, `'rld'`); bound to a UI they make
 * words flicker in half-written. `bufferText` emits whole words (or graphemes, lines, sentences, regex
 * matches) instead: `'Hello '`, `'world'`. Concatenating the emissions always gives the concatenated input, and
 * an empty string is never emitted.
 *
 * Text is released at a boundary, when the held text reaches `maxChars`, when a character has been held for
 * `maxDelayMs` (so a stalled stream still shows everything typed), and on completion. When the source errors,
 * the held text is emitted first, then the error: nothing typed is lost. Unsubscribing drops it and cancels the
 * timer.
 *
 * A boundary counts only once later text cannot move it: `'word'` waits for the next word to start (or, inside
 * a run without spaces such as Chinese, for the word after the next one); `'grapheme'` holds back the last
 * cluster, which a combining mark could still extend; `'sentence'` waits for the letter that confirms it.
 * Word and sentence cuts never split a grapheme cluster. Scripts segmented with a dictionary (Chinese,
 * Japanese, Thai…) are cut between the words the segmenter finds in the text so far; rarely, more text makes it
 * re-split them (`研究|生活` then `研究生|活`), which only shifts where an emission ends. Size and time flushes
 * may end inside a word, never inside a surrogate pair.
 *
 * A `RegExp` is cloned once (flag `g` added, `y` removed; the caller's `lastIndex` is untouched) and matched
 * against the held-back text, which starts right after the previous cut (so `^` means there); an empty match
 * cuts there but never loops.
 *
 * Per chunk the work is linear in the new text: `Intl.Segmenter` (slow: microseconds per call) runs only where
 * whitespace cannot decide, and a long held-back text is re-scanned only after it grew by a quarter.
 *
 * @example
 * ```ts
 * of('Hel', 'lo wo', 'rld, how', ' are you?')
 *   .pipe(bufferText({ boundary: 'word' }))
 *   .subscribe(console.log); // 'Hello ', 'world, ', 'how are ', 'you?'
 *
 * // Chinese has no spaces: cut between the words Intl.Segmenter finds, holding back the last two.
 * of('我们今', '天去公', '园').pipe(bufferText()).subscribe(console.log); // '我们今天', '去公园'
 * ```
 *
 * @param options See {@link BufferTextOptions}.
 * @see {@link decodeText} to get text from bytes.
 * @see {@link accumulateText} for the running full text of the emissions.
 * @see {@link toText} for the whole text at completion.
 */
export function bufferText(options: BufferTextOptions = {}): OperatorFunction<string, string> {
  const boundary = options.boundary ?? 'word';
  const maxChars = options.maxChars ?? BUFFER_TEXT_MAX_CHARS;
  const maxDelayMs = options.maxDelayMs ?? BUFFER_TEXT_MAX_DELAY_MS;
  const scheduler = options.scheduler ?? asyncScheduler;
  if (!(maxChars >= 1))
    throw new RangeError(`bufferText: maxChars must be ≥ 1 or Infinity, got ${maxChars}.`);
  if (!(maxDelayMs >= 0))
    throw new RangeError(`bufferText: maxDelayMs must be ≥ 0 or Infinity, got ${maxDelayMs}.`);
  // Built once per operator call and shared by its subscriptions: segmenters are stateless.
  const newCutter = cutterFactory(boundary, options.locale);
  const graphemes = maxChars === Infinity ? null : segmenter('grapheme', options.locale, false);
  const timed = maxDelayMs !== Infinity;

  return (source) =>
    new Observable<string>((subscriber) => {
      const cutter = newCutter();
      // Reused for every chunk: no allocation per chunk beyond the strings emitted and held.
      const view: View = { text: '', chunk: '', newStart: 0, before1: NaN, before2: NaN };
      let held = '';
      // When the oldest held character arrived (scheduler time), for maxDelayMs.
      let heldSince = 0;
      let timer: Subscription | null = null;

      const cancelTimer = (): void => {
        if (timer !== null) {
          timer.unsubscribe();
          timer = null;
        }
      };

      // One timer at a time, re-aimed lazily when it fires: re-scheduling on every chunk costs microseconds.
      const onTimer = (): void => {
        timer = null;
        if (held.length === 0) return;
        const wait = heldSince + maxDelayMs - scheduler.now();
        if (wait > 0) {
          timer = scheduler.schedule(onTimer, wait);
          return;
        }
        const text = held;
        const cut = isHighSurrogate(text.charCodeAt(text.length - 1)) ? text.length - 1 : text.length;
        held = text.slice(cut);
        view.before1 = held.length === 0 ? NaN : held.charCodeAt(0);
        view.before2 = NaN;
        cutter.reset(held);
        // Only a lone high surrogate can be left: it waits for its other half, and the chunk bringing it
        // re-arms the timer.
        heldSince = scheduler.now();
        if (cut !== 0) subscriber.next(text.slice(0, cut));
      };

      const flush = (): void => {
        cancelTimer();
        const text = held;
        held = '';
        if (text.length !== 0) subscriber.next(text);
      };

      const subscription = source.subscribe({
        next(chunk) {
          if (chunk.length === 0) return;
          const newStart = held.length;
          const text = newStart === 0 ? chunk : held + chunk;
          const length = text.length;
          view.text = text;
          view.chunk = chunk;
          view.newStart = newStart;
          let cut = cutter.cut(view);
          const forced = length - cut >= maxChars;
          if (forced) cut = sizeCut(view, cut, graphemes);
          // Never between the halves of a surrogate pair, nor after a high surrogate whose low half is still to
          // come (a RegExp can cut there).
          if (
            cut > 0 &&
            isHighSurrogate(codeAt(view, cut - 1)) &&
            (cut === length || isLowSurrogate(codeAt(view, cut)))
          ) {
            cut--;
          }
          // State before emitting: the emission may re-enter (a Subject feeding back) or unsubscribe.
          const last1 = codeAt(view, length - 1);
          const last2 = codeAt(view, length - 2);
          view.before1 = length - cut >= 1 ? last1 : NaN;
          view.before2 = length - cut >= 2 ? last2 : NaN;
          // Do not keep the emitted text alive until the next chunk.
          view.text = view.chunk = '';
          held = cut === 0 ? text : text.slice(cut);
          if (forced) cutter.reset(held);
          if (held.length === 0) cancelTimer();
          else if (timed) {
            // What is left is all new: its first character arrived now. Otherwise keep the older time (the
            // timer then fires early rather than late).
            const now = cut >= newStart || timer === null ? scheduler.now() : 0;
            if (cut >= newStart) heldSince = now;
            if (timer === null)
              timer = scheduler.schedule(onTimer, Math.max(0, heldSince + maxDelayMs - now));
          }
          if (cut !== 0) subscriber.next(cut === length ? text : text.slice(0, cut));
        },
        error(err) {
          flush();
          subscriber.error(err);
        },
        complete() {
          flush();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        cancelTimer();
        held = '';
      };
    });
}

/**
 * The text to cut: `text` is the held text followed by the new `chunk`, which starts at `newStart`.
 *
 * `text` is usually a rope (`held + chunk`): reading any of its characters makes the engine flatten (copy) it,
 * which is O(held) per chunk and quadratic over a long run without boundaries. So the fast paths read only
 * `chunk` and the held text's last two code units, `before1` (the last) and `before2` (NaN when absent), through
 * {@link codeAt}; the whole text is read only where a cut or a (throttled) segmenter run pays for it.
 */
interface View {
  text: string;
  chunk: string;
  newStart: number;
  before1: number;
  before2: number;
}

/** Code unit `i` of `view.text` (NaN past the end), reading the held rope only far before the chunk. */
function codeAt(view: View, i: number): number {
  const k = i - view.newStart;
  if (k >= 0) return view.chunk.charCodeAt(k);
  if (k === -1) return view.before1;
  if (k === -2) return view.before2;
  return view.text.charCodeAt(i);
}

/** The text's length without a trailing high surrogate, whose low half has not arrived yet. */
function settledLength(view: View): number {
  const length = view.text.length;
  return isHighSurrogate(codeAt(view, length - 1)) ? length - 1 : length;
}

/** Finds where to cut (per subscription: it may keep state about the held text). */
interface Cutter {
  /** Emit `view.text[0, cut)`, hold the rest. */
  cut(view: View): number;
  /** The held text was changed by a size or time flush. */
  reset(held: string): void;
}

function cutterFactory(boundary: TextBoundary, locale: string | undefined): () => Cutter {
  if (boundary instanceof RegExp) {
    const flags = boundary.flags.replace(/[gy]/g, '') + 'g';
    const pattern = new RegExp(boundary.source, flags);
    const unicode = /[uv]/.test(flags);
    return () => regexCutter(pattern, unicode);
  }
  switch (boundary) {
    case 'none':
      return () => ({ cut: () => 0, reset: () => undefined });
    case 'line':
      return () => ({ cut: lineCut, reset: () => undefined });
    case 'word': {
      const words = segmenter('word', locale, true)!;
      return () => wordCutter(words);
    }
    case 'grapheme': {
      const graphemes = segmenter('grapheme', locale, true)!;
      return () => graphemeCutter(graphemes);
    }
    case 'sentence': {
      const sentences = segmenter('sentence', locale, true)!;
      return () => sentenceCutter(sentences);
    }
    default:
      throw new TypeError(
        `bufferText: unknown boundary ${JSON.stringify(boundary)}; expected 'none', 'grapheme', 'word', 'line', ` +
          `'sentence' or a RegExp.`,
      );
  }
}

function segmenter(
  granularity: 'grapheme' | 'word' | 'sentence',
  locale: string | undefined,
  required: boolean,
): Intl.Segmenter | null {
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    if (required) throw new TypeError(`bufferText: boundary '${granularity}' needs Intl.Segmenter.`);
    return null;
  }
  return new Intl.Segmenter(locale, { granularity });
}

/**
 * Re-scan throttle for cutters that must look at the whole held text: rescanning an ever-growing text on every
 * chunk would be quadratic. Below `SCAN_ALWAYS` code units it rescans every `step`; above, only once the text
 * grew by a quarter, which keeps the total work linear.
 */
const SCAN_ALWAYS = 256;
function nextScanAt(length: number, step: number): number {
  return length + (length < SCAN_ALWAYS ? step : length >> 2);
}

/** After the last `'\n'` of the new text; the held text has none (it would have been cut). */
function lineCut(view: View): number {
  const i = view.chunk.lastIndexOf('\n');
  return i === -1 ? 0 : view.newStart + i + 1;
}

function regexCutter(pattern: RegExp, unicode: boolean): Cutter {
  let scanAt = 0;
  return {
    cut({ text }) {
      const length = text.length;
      if (length < scanAt) return 0;
      let end = 0;
      pattern.lastIndex = 0;
      // test() moves lastIndex to the end of each match without allocating a match array.
      for (let from = 0; from <= length && pattern.test(text); from = pattern.lastIndex) {
        const at = pattern.lastIndex;
        if (at > end) end = at;
        // An empty match: step over it (a whole code point in unicode mode), or it matches here forever.
        if (at === from) {
          pattern.lastIndex =
            unicode && isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1))
              ? at + 2
              : at + 1;
        }
      }
      pattern.lastIndex = 0;
      scanAt = nextScanAt(length - end, 1);
      return end;
    },
    reset() {
      scanAt = 0;
    },
  };
}

/**
 * Word starts after whitespace are found in JavaScript: whitespace followed by anything but a combining mark,
 * format character or joiner is always a UAX #29 word boundary, and later text cannot remove it. Only runs
 * without spaces in scripts that need a dictionary (Chinese, Japanese, Thai, …) go to `Intl.Segmenter`.
 */
function wordCutter(words: Intl.Segmenter): Cutter {
  // How many dictionary-script code units the held text has, and its length at which to segment it again.
  let dictionary = 0;
  let scanAt = 0;
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
      // A cut inside a run takes three words: fewer than three such characters cannot hold them.
      const end = settledLength(view);
      if (dictionary < 3 || end - base < scanAt) return base;
      // The text from `base` starts at a word boundary, so segmenting it alone gives the right words.
      const rest = base === 0 && end === length ? text : text.slice(base, end);
      let found = stableWordStart(words.segment(rest), rest);
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
    },
  };
}

/**
 * The last word start in `text` that more text cannot move: the start of the last segment when whitespace
 * precedes it; otherwise the start of the one before (UAX #29 looks one character ahead, e.g. `a.b` is one
 * word, and a dictionary may re-split the last word), so the last two words are held back. 0 when none.
 */
function stableWordStart(segments: Intl.Segments, text: string): number {
  const last = segments.containing(text.length - 1);
  if (last === undefined || last.index === 0) return 0;
  const start = last.index;
  if (isSpace(text.charCodeAt(start - 1)) && !isSpace(text.charCodeAt(start))) return start;
  return segments.containing(start - 1)?.index ?? 0;
}

/**
 * Cuts before the last cluster, which a combining mark, joiner or modifier could still extend. When the last
 * two code units are simple (ASCII, Latin-1, CJK, kana, Hangul syllables…) no rule can join them, so the
 * segmenter is needed only near emoji, combining marks and other complex scripts.
 */
function graphemeCutter(graphemes: Intl.Segmenter): Cutter {
  let scanAt = 0;
  return {
    cut(view) {
      // A trailing high surrogate is not a character yet (it could be a modifier or a regional indicator).
      const length = settledLength(view);
      if (length < 2) return 0;
      if (simpleGraphemePair(codeAt(view, length - 2), codeAt(view, length - 1))) {
        scanAt = 0;
        return length - 1;
      }
      if (length < scanAt) return 0;
      const settled = length === view.text.length ? view.text : view.text.slice(0, length);
      const cut = graphemes.segment(settled).containing(length - 1)?.index ?? 0;
      scanAt = nextScanAt(length - cut, 1);
      return cut;
    },
    reset() {
      scanAt = 0;
    },
  };
}

// Characters after which a sentence may end (ASCII and the common non-ASCII terminators and separators).
const SENTENCE_END =
  /[.!?\n\r\v\f\u0085\u2028\u2029\u037e\u0589\u061f\u06d4\u0964\u0965\u1362\u1367\u1368\u203c\u203d\u2047-\u2049\u3002\ufe52\ufe56\ufe57\uff01\uff0e\uff1f\uff61]/;
const LETTER = /\p{L}/u;

/**
 * Whether `Sentence.`, then `  `, then `Next` is a boundary depends on the next letter (lower case continues the
 * sentence), so a boundary counts once the segment after it holds a letter; otherwise the one before is used.
 * The segmenter runs only while the held text holds a possible terminator.
 */
function sentenceCutter(sentences: Intl.Segmenter): Cutter {
  let terminated = false;
  let scanAt = 0;
  return {
    cut(view) {
      const { text } = view;
      const length = text.length;
      if (!terminated) terminated = SENTENCE_END.test(view.chunk);
      if (!terminated || length < scanAt) return 0;
      const end = settledLength(view);
      const segments = sentences.segment(end === length ? text : text.slice(0, end));
      const last = end === 0 ? undefined : segments.containing(end - 1);
      let cut = 0;
      if (last !== undefined && last.index !== 0) {
        cut = LETTER.test(last.segment) ? last.index : (segments.containing(last.index - 1)?.index ?? 0);
        if (cut !== 0 && continuesCluster(text, cut)) cut = 0;
      }
      if (cut !== 0) terminated = SENTENCE_END.test(text.slice(cut));
      scanAt = nextScanAt(length - cut, 1);
      return cut;
    },
    reset(held) {
      terminated = SENTENCE_END.test(held);
      scanAt = 0;
    },
  };
}

const MARK = /\p{M}/uy;

/**
 * Word and sentence rules keep clusters together except in odd mixes (a Thai spacing vowel after a Chinese
 * character is one cluster, two words): such a cut is dropped rather than split a cluster. It checks what
 * joins the preceding cluster whatever it is (marks, Thai and Lao AM, joiners, half-width sound marks, skin
 * tones, tags) and the Prepend characters that join the next one.
 */
function continuesCluster(text: string, cut: number): boolean {
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

/** `maxChars` reached: cut before the last grapheme cluster after `from`, or at the end (surrogate-safe). */
function sizeCut(view: View, from: number, graphemes: Intl.Segmenter | null): number {
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

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** White_Space characters (NaN, past the end, is not). */
function isSpace(c: number): boolean {
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
function isWordStart(c: number, next: number): boolean {
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
function countDictionaryScript(text: string, from: number): number {
  let count = 0;
  for (let i = from; i < text.length; i++) if (isDictionaryScript(text.charCodeAt(i))) count++;
  return count;
}

function isDictionaryScript(c: number): boolean {
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
function simpleGraphemePair(a: number, b: number): boolean {
  return simpleGrapheme(a) && simpleGrapheme(b) && !(a === 0x0d && b === 0x0a);
}

function simpleGrapheme(c: number): boolean {
  if (c < 0x300) return true;
  if (c < 0x483) return c >= 0x370;
  if (c <= 0x52f) return c >= 0x48a;
  return isPlainBmpSymbolOrCjk(c);
}

/**
 * General punctuation, CJK punctuation, kana, ideographs, Hangul syllables and full-width forms: code units that
 * no UAX #29 rule joins to a neighbour, shared by the word-start and grapheme checks.
 */
function isPlainBmpSymbolOrCjk(c: number): boolean {
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
