import { AivvmError } from './AivvmError';

/**
 * Bytes that are not valid UTF-8, met by `decodeText({ fallback: 'fatal' })`.
 *
 * @example
 * ```ts
 * of(new Uint8Array([0x48, 0xff])).pipe(decodeText({ fallback: 'fatal' })).subscribe({
 *   next: (text) => console.log(text),                   // 'H'
 *   error: (e: DecodeError) => console.error(e.offset, e.byte), // 1 255
 * });
 * ```
 */
export class DecodeError extends AivvmError {
  declare readonly _tag: 'DecodeError';

  constructor(
    /** Offset of the first invalid byte, counted from the start of the stream. */
    readonly offset: number,
    /** The invalid byte. */
    readonly byte: number,
  ) {
    super(
      'DecodeError',
      `invalid UTF-8 at byte offset ${offset}: unexpected byte 0x${byte.toString(16).padStart(2, '0')}. ` +
        "Use decodeText({ fallback: 'replacement' }) or 'unicode-escape' to tolerate invalid bytes.",
    );
  }
}
