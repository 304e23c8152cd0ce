import { Observable, type OperatorFunction } from 'rxjs';
import { DecodeError, isAivvmError } from '../errors';
import { decodeShortChunk, SHORT_CHUNK } from './decode/decodeShortChunk';
import { checkOption, shown } from './options/checkOption';

/**
 * What {@link decodeText} does with bytes that are not valid UTF-8 and cannot become valid with more bytes.
 *
 * - `'unicode-escape'` (the seed's behaviour): no byte is dropped, and each invalid byte is shown as the Latin-1
 *   character of the same value (byte 0xE9 becomes `é`, U+00E9), like Python's `unicode-escape`. The original
 *   bytes cannot be recovered from the text: a valid `é` (C3 A9) and an invalid byte E9 both become `é`, so
 *   the output is for reading, not for round-tripping.
 * - `'replacement'`: one U+FFFD per maximal invalid subpart, exactly like a non-fatal WHATWG `TextDecoder`.
 * - `'fatal'`: error with a {@link DecodeError} naming the stream offset of the first invalid byte.
 *
 * The fallback applies to bytes that are invalid. The start of a character cut off by an error of the source is
 * not invalid, only incomplete: it is never emitted, in any fallback (see {@link decodeText}).
 */
export type DecodeFallback = 'unicode-escape' | 'replacement' | 'fatal';

/** Options of {@link decodeText}. */
export interface DecodeTextOptions {
  /** What to do with invalid bytes. Default `'unicode-escape'`. */
  readonly fallback?: DecodeFallback;
  /**
   * Keep a leading byte order mark (U+FEFF) instead of dropping it. Default `false`: like `TextDecoder`,
   * `fetch(…).text()` and `TextDecoderStream`, a BOM at the very start of the stream is not part of the text.
   */
  readonly ignoreBOM?: boolean;
}

// Shared, never mutated: allocating `{ stream: true }` per chunk is measurable at a million chunks.
const STREAM: TextDecodeOptions = { stream: true };

/**
 * Decodes a stream of UTF-8 byte chunks into text, one streaming decoder per subscription.
 *
 * A character cut across chunks, at any byte, is emitted whole and once, in the emission of the chunk that
 * completes it. Bytes still incomplete when the source *completes* are invalid (nothing can complete them) and
 * go through the fallback. An empty string is never emitted, so a chunk that only starts a character emits
 * nothing.
 *
 * Invalid bytes are found the WHATWG way (maximal subparts) and handled by `fallback`:
 * `'unicode-escape'` (default) turns each invalid byte into the code point of the same value, `'replacement'`
 * emits U+FFFD exactly like `new TextDecoder()`, and `'fatal'` first emits the text before the invalid byte,
 * then errors with a {@link DecodeError} whose `offset` counts bytes from the start of the stream. In fatal
 * mode a sequence truncated by the end of the stream is an error too; it is reported at its first byte.
 *
 * Text ends on whole characters only. When the source *errors* (a broken connection, a timeout,
 * `maxResponseBytes`, any error) while the decoder holds the first bytes of an incomplete character, those
 * bytes are not text and not invalid either: they are dropped, in every fallback. Every whole character is
 * emitted, then the error. When it is an aivvm-rx error ({@link AivvmError}), a copy of it is forwarded (same
 * class, `_tag`, `cause` and stack) whose `danglingBytes` says how many bytes were dropped (1 to 3) and whose
 * message says so too; with nothing held the error is forwarded as is (`danglingBytes` 0). Any other error (from
 * a source of your own) is forwarded unchanged: the dropped bytes are then not reported.
 *
 * Short chunks (up to 32 bytes: a token) are decoded by a JavaScript loop, 2–4× faster than a streaming
 * `TextDecoder` call in Node; longer ones by the native `TextDecoder`. Either way the output is exactly the
 * WHATWG decoder's, and the byte-level fallback runs just for the (rare) chunks that are not valid UTF-8 or
 * contain U+FFFD.
 *
 * @example
 * ```ts
 * // 'é' is C3 A9, cut across the two chunks.
 * of(new Uint8Array([0x63, 0x61, 0x66, 0xc3]), new Uint8Array([0xa9, 0x21]))
 *   .pipe(decodeText())
 *   .subscribe(console.log); // 'caf', then 'é!'
 *
 * of(new Uint8Array([0x61, 0xff, 0x62])).pipe(decodeText()).subscribe(console.log); // 'a\u00ffb'
 *
 * // 'Hi 👋' cut by a network error after 5 of its 7 bytes: 'Hi ' then a NetworkError with danglingBytes 2.
 * ```
 *
 * @param options See {@link DecodeTextOptions}.
 * @see {@link bufferText} to re-chunk the text at word, line or sentence boundaries.
 * @see {@link accumulateText} for the running full text.
 * @see {@link toText} for the whole text at completion.
 */
export function decodeText(options: DecodeTextOptions = {}): OperatorFunction<Uint8Array, string> {
  checkOption('decodeText', 'ignoreBOM', options.ignoreBOM, ['boolean'], 'a boolean');
  const fallback = options.fallback ?? 'unicode-escape';
  const ignoreBOM = options.ignoreBOM ?? false;
  switch (fallback) {
    case 'replacement':
      return decodeWithReplacement(ignoreBOM);
    case 'unicode-escape':
      return decodeStrict(false, ignoreBOM);
    case 'fatal':
      return decodeStrict(true, ignoreBOM);
    default:
      throw new TypeError(
        `decodeText: unknown fallback ${JSON.stringify(fallback)}; expected 'unicode-escape', 'replacement' or 'fatal'.`,
      );
  }
}

/** The WHATWG behaviour is exactly a streaming non-fatal `TextDecoder`: nothing to add. */
function decodeWithReplacement(ignoreBOM: boolean): OperatorFunction<Uint8Array, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const bom = leadingBOMDropper(ignoreBOM);
      // The last three bytes, only to know how many the decoder holds if the source errors.
      let tail = 0;
      return source.subscribe({
        next(input) {
          const chunk = input instanceof Uint8Array ? input : asBytes(input);
          if (chunk === null) {
            subscriber.error(notBytes(input));
            return;
          }
          let text: string;
          try {
            text = decoder.decode(chunk, STREAM);
            if (bom.pending) text = bom.drop(text);
          } catch (err) {
            // E.g. a detached buffer: an error of this stream, not an unhandled exception.
            subscriber.error(err);
            return;
          }
          tail = nextTail(tail, chunk);
          if (text.length !== 0) subscriber.next(text);
        },
        error(err) {
          subscriber.error(withDanglingBytes(err, heldLength(tail)));
        },
        complete() {
          const rest = bom.drop(decoder.decode());
          if (rest.length !== 0) subscriber.next(rest);
          subscriber.complete();
        },
      });
    });
}

/**
 * 'unicode-escape' and 'fatal': a chunk of up to SHORT_CHUNK bytes is decoded in JavaScript
 * ({@link decodeShortChunk}, which gives up on invalid bytes), a longer one by a non-fatal native streaming
 * decoder (a fatal one is ~1.6× slower in V8, and after a throw its state is unknown), whose output is emitted as
 * is when it has no U+FFFD. Otherwise the bytes held before plus the chunk are decoded again in JavaScript with
 * the fallback; the native decoder's state stays right because WHATWG fixes what it holds back.
 *
 * What it holds back is the incomplete tail of the stream, which the last three bytes determine (a lead byte
 * always starts a new sequence), so three numbers are all the bookkeeping the fast path needs. The short path
 * keeps the held bytes in those numbers only; the native decoder is given them back before the next long chunk.
 */
function decodeStrict(fatal: boolean, ignoreBOM: boolean): OperatorFunction<Uint8Array, string> {
  return (source) =>
    new Observable<string>((subscriber) => {
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const bom = leadingBOMDropper(ignoreBOM);
      // Bytes received so far, and the last three of them packed big-endian into one number (0 for missing
      // bytes, which reads as ASCII: nothing held). One closure slot is cheaper than three.
      let received = 0;
      let tail = 0;
      // How many of those held bytes the native decoder holds too: short chunks are decoded without it.
      let nativeHolds = 0;
      // Set before the text that precedes a fatal error is emitted: a chunk pushed back from inside that emission
      // (a Subject feeding itself) must not be decoded before the error.
      let stopped = false;

      const emit = (text: string): void => {
        if (bom.pending) text = bom.drop(text);
        if (text.length !== 0) subscriber.next(text);
      };

      /** Escapes (or reports) the incomplete tail at the end of input; false once the stream has errored. */
      const flushTail = (): boolean => {
        const held = heldLength(tail);
        if (held === 0) return true;
        if (fatal) {
          subscriber.error(new DecodeError(received - held, (tail >> (8 * (held - 1))) & 0xff));
          return false;
        }
        subscriber.next(escapeTail(tail, held));
        return true;
      };

      return source.subscribe({
        next(input) {
          if (stopped) return;
          const chunk = input instanceof Uint8Array ? input : asBytes(input);
          if (chunk === null) {
            subscriber.error(notBytes(input));
            return;
          }
          const n = chunk.length;
          if (n === 0) return;
          if (n <= SHORT_CHUNK) {
            const held = heldLength(tail);
            // The held bytes are in `tail`: a native decoder that holds them too (after a long chunk) lets go.
            if (nativeHolds !== 0) {
              decoder.decode();
              nativeHolds = 0;
            }
            const decoded = decodeShortChunk(chunk, tail, held);
            const previousTail = tail;
            const start = received - held;
            // State first: emitting may re-enter next() synchronously (e.g. a Subject feeding back).
            received += n;
            tail = nextTail(tail, chunk);
            if (decoded === null) decodeSlowly(previousTail, held, chunk, start);
            else emit(decoded);
            return;
          }
          let text: string;
          try {
            // After short chunks the held bytes are only in `tail`: the native decoder gets them first.
            const held = heldLength(tail);
            if (held !== nativeHolds) decoder.decode(tailBytes(tail, held), STREAM);
            text = decoder.decode(chunk, STREAM);
          } catch (err) {
            // E.g. a detached buffer: an error of this stream, not an unhandled exception.
            subscriber.error(err);
            return;
          }
          // A U+FFFD is rare (an error, or one that was in the text): only then is the held tail needed.
          const suspect = hasReplacement(text);
          const held = suspect ? heldLength(tail) : 0;
          const previousTail = tail;
          const start = received - held;
          received += n;
          tail = nextTail(tail, chunk);
          nativeHolds = heldLength(tail);
          if (suspect) decodeSlowly(previousTail, held, chunk, start);
          else emit(text);
        },
        error(err) {
          // The held bytes start a character the error cut off: not text, so never emitted (see decodeText).
          subscriber.error(withDanglingBytes(err, heldLength(tail)));
        },
        complete() {
          if (flushTail()) subscriber.complete();
        },
      });

      /** The chunk held a U+FFFD: decode the held bytes plus the chunk again, with the fallback. */
      function decodeSlowly(previousTail: number, held: number, chunk: Uint8Array, start: number): void {
        let bytes = chunk;
        if (held !== 0) {
          bytes = new Uint8Array(held + chunk.length);
          for (let i = 0; i < held; i++) bytes[i] = (previousTail >> (8 * (held - 1 - i))) & 0xff;
          bytes.set(chunk, held);
        }
        const codes: number[] = [];
        const bad = decodeUtf8(bytes, fatal, codes);
        if (bad >= 0) stopped = true;
        const text = bom.drop(fromCharCodes(codes, 0));
        if (text.length !== 0) subscriber.next(text);
        if (bad >= 0) subscriber.error(new DecodeError(start + bad, bytes[bad]!));
      }
    });
}

/**
 * The bytes of a chunk that is not a `Uint8Array` of this realm: any other `ArrayBufferView` (another typed array,
 * a `DataView`, a `Uint8Array` of another realm) as its bytes, like `TextDecoder` reads it, or an `ArrayBuffer`;
 * `null` for anything else.
 */
function asBytes(value: unknown): Uint8Array | null {
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]') {
    return new Uint8Array(value as ArrayBuffer);
  }
  return null;
}

/** The error for a chunk that is not bytes. */
function notBytes(value: unknown): TypeError {
  return new TypeError(
    `decodeText: a chunk must be a Uint8Array (or another ArrayBufferView, or an ArrayBuffer), got ${shown(value)}. ` +
      'Encode text first (new TextEncoder().encode(text)), or leave decodeText out for a stream of strings.',
  );
}

/** The `held` last bytes of `tail`, in order. */
function tailBytes(tail: number, held: number): Uint8Array {
  const bytes = new Uint8Array(held);
  for (let i = 0; i < held; i++) bytes[i] = (tail >> (8 * (held - 1 - i))) & 0xff;
  return bytes;
}

/** The last three bytes of the stream after `chunk`, packed big-endian (see {@link heldLength}). */
function nextTail(tail: number, chunk: Uint8Array): number {
  const n = chunk.length;
  if (n === 0) return tail;
  return n >= 3
    ? (chunk[n - 3]! << 16) | (chunk[n - 2]! << 8) | chunk[n - 1]!
    : n === 2
      ? ((tail << 16) | (chunk[0]! << 8) | chunk[1]!) & 0xffffff
      : ((tail << 8) | chunk[0]!) & 0xffffff;
}

/**
 * The error to forward when the source failed while `held` bytes of a cut-off character were pending. An
 * aivvm-rx error is copied rather than changed (its owner may hold it): same prototype, so class, `_tag` and
 * `instanceof` hold, with every own property (`cause`, `stack`, `receivedBytes` …), `danglingBytes` set and a
 * sentence added to the message. Other errors, and any error when nothing was held, pass unchanged.
 */
function withDanglingBytes(error: unknown, held: number): unknown {
  // isAivvmError, not instanceof: an error from another copy of the package (ESM and CJS both loaded) counts.
  if (held === 0 || !isAivvmError(error)) return error;
  const properties = Object.getOwnPropertyDescriptors(error) as PropertyDescriptorMap;
  const own = (value: unknown): PropertyDescriptor => ({
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  properties['danglingBytes'] = { ...(properties['danglingBytes'] ?? own(0)), value: held };
  properties['message'] = {
    ...(properties['message'] ?? own('')),
    value:
      `${error.message} The last ${held} byte${held === 1 ? '' : 's'} received started a character that this ` +
      'error cut off: they were dropped, and the text delivered ends on the character before (danglingBytes).',
  };
  return Object.create(Object.getPrototypeOf(error) as object, properties) as unknown;
}

/**
 * Drops a U+FEFF that is the stream's first code point (unless `keep`), and nothing else. Done here rather
 * than by `TextDecoder`'s own BOM handling: Node 24's drops a second U+FEFF too when the first one arrives
 * split across chunks (bytes `EF | BB BF EF BB BF` decode to nothing instead of one U+FEFF).
 */
function leadingBOMDropper(keep: boolean): BOMDropper {
  const dropper: BOMDropper = {
    pending: !keep,
    drop(text) {
      if (!dropper.pending || text.length === 0) return text;
      dropper.pending = false;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    },
  };
  return dropper;
}

/** `pending` until the first code point went by: the hot path tests the flag and calls nothing after that. */
interface BOMDropper {
  pending: boolean;
  drop(text: string): string;
}

/**
 * Whether `text` holds a U+FFFD. A loop for the few characters of a token chunk: `indexOf`'s call cost about
 * 15 ns there, more than the rest of the per-chunk work around the decoder (issue 21).
 */
function hasReplacement(text: string): boolean {
  const n = text.length;
  if (n > 32) return text.indexOf('\uFFFD') !== -1;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0xfffd) return true;
  return false;
}

/**
 * How many trailing bytes a WHATWG UTF-8 decoder holds back, given the last three bytes of its input packed
 * as `b3 << 16 | b2 << 8 | b1` (b1 the last): the bytes from the last lead byte on, when they are a valid but
 * incomplete start of a character.
 */
function heldLength(tail: number): number {
  const b1 = tail & 0xff;
  if (b1 < 0x80) return 0;
  if (b1 >= 0xc2 && b1 <= 0xf4) return 1;
  if (b1 > 0xbf) return 0;
  // b1 is a continuation byte.
  const b2 = (tail >> 8) & 0xff;
  if (b2 >= 0xe0 && b2 <= 0xf4) return secondByteFits(b2, b1) ? 2 : 0;
  if (b2 < 0x80 || b2 > 0xbf) return 0;
  // b2 is a continuation byte too: only a four-byte sequence can still be open.
  const b3 = tail >> 16;
  return b3 >= 0xf0 && b3 <= 0xf4 && secondByteFits(b3, b2) ? 3 : 0;
}

/** The `held` last bytes of `tail` as code points of the same value. */
function escapeTail(tail: number, held: number): string {
  const b1 = tail & 0xff;
  const b2 = (tail >> 8) & 0xff;
  return held === 1
    ? String.fromCharCode(b1)
    : held === 2
      ? String.fromCharCode(b2, b1)
      : String.fromCharCode(tail >> 16, b2, b1);
}

/** Whether continuation byte `byte` may follow `lead` (the ranges that rule out overlongs and surrogates). */
function secondByteFits(lead: number, byte: number): boolean {
  switch (lead) {
    case 0xe0:
      return byte >= 0xa0;
    case 0xed:
      return byte <= 0x9f;
    case 0xf0:
      return byte >= 0x90;
    case 0xf4:
      return byte <= 0x8f;
    default:
      return true;
  }
}

/**
 * The WHATWG UTF-8 decoder, writing UTF-16 code units to `out`. Each byte of a maximal invalid subpart is
 * written as its own code point (`unicode-escape`); with `stopAtError` decoding stops at the first one instead.
 * A trailing incomplete sequence is left out: the caller's native decoder holds it.
 *
 * @returns the index of the first byte of the first invalid subpart when `stopAtError`, else -1.
 */
function decodeUtf8(bytes: Uint8Array, stopAtError: boolean, out: number[]): number {
  let needed = 0;
  let seen = 0;
  let codePoint = 0;
  let lower = 0x80;
  let upper = 0xbf;
  let lead = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (needed === 0) {
      if (byte < 0x80) {
        out.push(byte);
        continue;
      }
      if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        codePoint = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        if (byte === 0xe0) lower = 0xa0;
        else if (byte === 0xed) upper = 0x9f;
        needed = 2;
        codePoint = byte & 0xf;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        if (byte === 0xf0) lower = 0x90;
        else if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        codePoint = byte & 0x7;
      } else {
        if (stopAtError) return i;
        out.push(byte);
        continue;
      }
      lead = i;
      seen = 0;
      continue;
    }
    if (byte < lower || byte > upper) {
      // The subpart lead..i-1 is invalid; the current byte starts over.
      if (stopAtError) return lead;
      for (let j = lead; j < i; j++) out.push(bytes[j]!);
      needed = 0;
      lower = 0x80;
      upper = 0xbf;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    codePoint = (codePoint << 6) | (byte & 0x3f);
    if (++seen === needed) {
      needed = 0;
      if (codePoint > 0xffff) {
        codePoint -= 0x10000;
        out.push(0xd800 + (codePoint >> 10), 0xdc00 + (codePoint & 0x3ff));
      } else {
        out.push(codePoint);
      }
    }
  }
  return -1;
}

/** `String.fromCharCode` over `codes[from..]`, in slices small enough for the argument limit. */
function fromCharCodes(codes: number[], from: number): string {
  let text = '';
  for (let i = from; i < codes.length; i += 8192) {
    text += String.fromCharCode(...codes.slice(i, Math.min(i + 8192, codes.length)));
  }
  return text;
}
