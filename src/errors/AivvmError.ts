import { AIVVM_ERROR } from './errorMark';

/**
 * Base class of every error aivvm-rx emits.
 *
 * @example
 * ```ts
 * completion$.subscribe({ error: (e) => { if (isAivvmError(e)) console.error(e._tag, e.message); } });
 * ```
 */
export abstract class AivvmError extends Error {
  /** The concrete class name, usable as a discriminant. */
  declare readonly _tag: string;

  /**
   * Bytes of an incomplete UTF-8 character that `decodeText` held when this error ended the stream, and
   * dropped instead of emitting: the delivered text ends on the last whole character. 0 when none were held.
   */
  declare readonly danglingBytes: number;

  /** @param tag - the concrete class's name: its `_tag` and `name`. */
  protected constructor(tag: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Set here rather than by field initializers: the CommonJS build (tsup's splitting runs sucrase) turns a class
    // with initializers into an anonymous `_class4`, which `name` and stack traces would then show. And `name` from
    // the tag, not from the class, survives a consumer's minifier.
    this._tag = tag;
    this.danglingBytes = 0;
    this.name = tag;
    // A mark that survives the dual-package hazard: the ESM and CommonJS builds each have their own classes, so an
    // error from one fails `instanceof` against the other; isAivvmError reads this mark instead.
    Object.defineProperty(this, AIVVM_ERROR, { value: true });
  }
}
