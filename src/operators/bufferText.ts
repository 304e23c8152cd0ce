import {
  asyncScheduler,
  Observable,
  type OperatorFunction,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import type { Cutter } from './text/cutter';
import { graphemeCutter } from './text/graphemeCutter';
import { lineCutter } from './text/lineCutter';
import { regexCutter } from './text/regexCutter';
import { sentenceCutter } from './text/sentenceCutter';
import { sizeCut } from './text/sizeCut';
import { isHighSurrogate, isLowSurrogate } from './text/unicode';
import { codeAt, type View } from './text/view';
import { wordCutter } from './text/wordCutter';
import { checkOption, checkScheduler } from './options/checkOption';

/**
 * Where {@link bufferText} may cut the text.
 *
 * - `'none'`: nowhere; only `maxChars`, `maxDelayMs` and completion release text (plain coalescing).
 * - `'grapheme'`: between user-perceived characters (`Intl.Segmenter`), so an emoji ZWJ sequence, a flag, a
 *   skin-tone modifier or a letter with its combining marks is never split.
 * - `'word'`: before the start of a word (or of punctuation after a space), so each emission is whole words with
 *   their trailing spaces and punctuation (a space before punctuation can be emitted on its own). Runs of
 *   Chinese, Japanese, Thai… (no spaces) are cut between the words `Intl.Segmenter` finds, once they are settled.
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
 * A boundary counts only once later text cannot move it: `'word'` waits for the next word to start;
 * `'grapheme'` holds back the last cluster, which a combining mark could still extend; `'sentence'` waits for
 * the letter that confirms it. Word and sentence cuts never split a grapheme cluster. Size and time flushes may
 * end inside a word, never inside a surrogate pair.
 *
 * Scripts segmented with a dictionary (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) are written without spaces,
 * and the segmenter re-splits the end of a run while a word is still arriving (`ศคอม|พิวเ` is part of
 * คอมพิวเตอร์). Such a run is cut where it ends (a space, punctuation such as `。` or `，`, a digit, another
 * script), and inside it only at a word start the segmenter has kept while the text grew by 3 more code units
 * (Chinese, Japanese) or 16 (Thai, Lao, Khmer, Myanmar), and that is at least as far from the end. This is a
 * measured rule, not a guarantee: on real sentences under random chunking (several runs, the README's table has
 * one), no Chinese, Japanese, Thai, Lao or Myanmar cut fell inside a word of the whole text's segmentation, and
 * about 0.4 % of Khmer cuts did (its segmenter may join a compound 18 characters later). The held-back text
 * is bounded by `maxChars` and `maxDelayMs` as always.
 *
 * A `RegExp` is cloned once (flag `g` added, `y` removed; the caller's `lastIndex` is untouched) and matched
 * against the held-back text, which starts right after the previous cut (so `^` means there); an empty match
 * cuts there but never loops.
 *
 * Per chunk the work is linear in the new text: `Intl.Segmenter` (slow: microseconds per call) runs only where
 * JavaScript cannot decide (for `'word'`, runs without spaces; for `'sentence'`, text beyond Latin letters,
 * digits, ASCII punctuation and common quotes and dashes, whose UAX #29 sentence rules are applied in
 * JavaScript), and a long held-back text is re-scanned only after it grew by a quarter.
 *
 * @example
 * ```ts
 * of('Hel', 'lo wo', 'rld, how', ' are you?')
 *   .pipe(bufferText({ boundary: 'word' }))
 *   .subscribe(console.log); // 'Hello ', 'world, ', 'how are ', 'you?'
 *
 * // Chinese has no spaces: cut between the words Intl.Segmenter finds, once more text has settled them.
 * of('我们今天去', '公园散步了').pipe(bufferText()).subscribe(console.log); // '我们今天', '去公园散步了'
 * ```
 *
 * @param options See {@link BufferTextOptions}.
 * @see {@link decodeText} to get text from bytes.
 * @see {@link accumulateText} for the running full text of the emissions.
 * @see {@link toText} for the whole text at completion.
 */
export function bufferText(options: BufferTextOptions = {}): OperatorFunction<string, string> {
  checkOption('bufferText', 'maxChars', options.maxChars, ['number'], 'a number ≥ 1 or Infinity');
  checkOption('bufferText', 'maxDelayMs', options.maxDelayMs, ['number'], 'a number of ms ≥ 0 or Infinity');
  checkScheduler('bufferText', options.scheduler);
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
      const view: View = { text: '', chunk: '', newStart: 0, before1: NaN, before2: NaN, offset: 0 };
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
        view.offset += cut;
        view.before1 = held.length === 0 ? NaN : held.charCodeAt(0);
        view.before2 = NaN;
        cutter.reset(held, view.offset);
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

      /** Cuts `held + chunk` and emits what is final (`chunk` is at most `PIECE` code units). */
      const push = (chunk: string): void => {
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
        view.offset += cut;
        if (forced) cutter.reset(held, view.offset);
        if (held.length === 0) cancelTimer();
        else if (timed) {
          // What is left is all new: its first character arrived now. Otherwise keep the older time (the
          // timer then fires early rather than late).
          const now = cut >= newStart || timer === null ? scheduler.now() : 0;
          if (cut >= newStart) heldSince = now;
          if (timer === null) timer = scheduler.schedule(onTimer, Math.max(0, heldSince + maxDelayMs - now));
        }
        if (cut !== 0) subscriber.next(cut === length ? text : text.slice(0, cut));
      };

      const subscription = source.subscribe({
        next(chunk) {
          if (chunk.length <= PIECE) {
            if (chunk.length !== 0) push(chunk);
            return;
          }
          // A long chunk is cut in pieces: `Intl.Segmenter`'s cost per segment grows with the length of the text it
          // is given (iterating 32 000 CJK characters took 0.1 s, 70 000 took 52 s in Node 20), and a piece bounds
          // what a cutter hands it. Any chunking gives the same text (cuts may land elsewhere).
          for (let at = 0; at < chunk.length && !subscriber.closed; at += PIECE)
            push(chunk.slice(at, at + PIECE));
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

/** Code units of a long chunk cut at a time (see `next`). */
const PIECE = 4096;

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
      return lineCutter;
    case 'word': {
      const words = segmenter('word', locale, true)!;
      return () => wordCutter(words);
    }
    case 'grapheme': {
      const graphemes = segmenter('grapheme', locale, true)!;
      return () => graphemeCutter(graphemes);
    }
    case 'sentence': {
      return sentenceCutter(segmenter('sentence', locale, true)!);
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
