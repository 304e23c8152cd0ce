/**
 * Reading the caller's arguments exactly once. Validation and sending must see the same values: a getter that
 * answers `"ok"` to the check and `42` to the request, or a Proxy that throws, must not get past validation.
 *
 * @packageDocumentation
 */

import { either as E } from 'fp-ts';
import { InvalidRequestError } from '../errors';
import { pathStep } from './toIssues';

/** Where a snapshot was reading when something threw, for the error's path. */
export interface ReadingAt {
  path: string;
}

/**
 * True for an object made by `{}`, `Object.create(null)` or JSON (in any realm): not an array, a `Date`, a `Map`
 * or a class instance.
 *
 * @example
 * ```ts
 * isPlainObject({ a: 1 }); // true
 * isPlainObject(new Date()); // false
 * ```
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * A copy of plain objects down to `depth` levels, each property read once; anything else (a primitive, a
 * function, an array, a `Date`, a class instance) is kept as it is, for the codecs to reject: no option is an
 * array, and copying `new Array(1e9)` would take forever. Throws what the value throws; `at.path` then says where.
 */
export function snapshotPlain(value: unknown, depth: number, path: string, at: ReadingAt): unknown {
  at.path = path;
  if (depth <= 0 || !isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    at.path = `${path}${pathStep(key, false)}`;
    const item = snapshotPlain(value[key], depth - 1, at.path, at);
    // defineProperty, not assignment: a key named `__proto__` stays a key.
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  at.path = path;
  return copy;
}

/**
 * A deep copy of plain data down to `depth` levels: plain objects (each own enumerable property read once) and
 * arrays (each item read once; one of more than `maxItems` items is kept as it is, for a codec to refuse by its
 * length without reading it). Anything else (a primitive, a function, a `Date`, a class instance) is kept as it
 * is. For values whose every part is checked and then sent (an `extraBody`, a JSON Schema, content parts): the
 * check reads only the copy. Throws what the value throws; `at.path` then says where.
 *
 * @example
 * ```ts
 * const copy = snapshotData(options, 72, 'options', at);
 * ```
 */
export function snapshotData(
  value: unknown,
  depth: number,
  path: string,
  at: ReadingAt,
  maxItems = 100_000,
): unknown {
  at.path = path;
  if (depth <= 0 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const length = value.length;
    if (length > maxItems) return value;
    const copy: unknown[] = new Array<unknown>(length);
    for (let i = 0; i < length; i++)
      copy[i] = snapshotData(value[i], depth - 1, `${path}[${i}]`, at, maxItems);
    at.path = path;
    return copy;
  }
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = snapshotData(value[key], depth - 1, `${path}${pathStep(key, false)}`, at, maxItems);
    Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  }
  at.path = path;
  return copy;
}

/**
 * The messages argument read once, element by element: an object element is read by `readMessage` (which reads
 * each field it sends once, setting `at.path` as it goes), anything else is kept as it is for the codec to refuse.
 * A protocol's message reader is this loop with its own `readMessage`.
 *
 * @example
 * ```ts
 * readMessageList(messages, at, (m, i) => ({ role: m.role, content: m.content }));
 * ```
 */
export function readMessageList(
  messages: unknown,
  at: ReadingAt,
  readMessage: (message: Record<string, unknown>, index: number) => unknown,
): unknown {
  at.path = 'messages';
  if (!Array.isArray(messages)) return messages;
  const length = messages.length;
  const copy: unknown[] = new Array<unknown>(length);
  for (let i = 0; i < length; i++) {
    at.path = `messages[${i}]`;
    const message: unknown = messages[i];
    copy[i] =
      typeof message !== 'object' || message === null || Array.isArray(message)
        ? message
        : readMessage(message as Record<string, unknown>, i);
  }
  at.path = 'messages';
  return copy;
}

/**
 * The messages argument read once: each object element becomes `{ role, content }` (the only fields sent),
 * read once each; anything else is kept for the codec to reject.
 */
export function snapshotMessages(messages: unknown, at: ReadingAt): unknown {
  return readMessageList(messages, at, (m, i) => {
    at.path = `messages[${i}].role`;
    const role = m.role;
    at.path = `messages[${i}].content`;
    return { role, content: m.content };
  });
}

/** How a protocol reads its arguments, when it sends more than `{ role, content }` messages and flat options. */
export interface ArgumentReaders {
  /** Reads the messages once (default {@link snapshotMessages}). */
  readonly messages?: (messages: unknown, at: ReadingAt) => unknown;
  /** Reads the options once (default: {@link snapshotPlain}, 3 levels deep). */
  readonly options?: (options: unknown, at: ReadingAt) => unknown;
}

/**
 * Runs `check` on a snapshot of a completion's `messages` and `options` (each property read once, so what is
 * checked is what is sent). A getter or Proxy trap that throws while they are read becomes a `Left` naming where:
 * validation never throws. `read` says how to read them (default: each message as `{ role, content }`, the
 * options 3 levels deep).
 *
 * @example
 * ```ts
 * readArguments(messages, options, (ms, opts) => check(model, ms, stream, opts));
 * ```
 */
export function readArguments<L, R>(
  messages: unknown,
  options: unknown,
  check: (messages: unknown, options: unknown) => E.Either<L, R>,
  read: ArgumentReaders = {},
): E.Either<L | InvalidRequestError, R> {
  const at: ReadingAt = { path: 'arguments' };
  const readMessages = read.messages ?? snapshotMessages;
  // options → retry → when.
  const readOptions =
    read.options ?? ((value: unknown, where: ReadingAt) => snapshotPlain(value, 3, 'options', where));
  let copies: [unknown, unknown];
  try {
    copies = [readMessages(messages, at), readOptions(options, at)];
  } catch {
    return E.left(unreadable(at));
  }
  // Outside the `catch`: only reading the caller's values may be reported as "reading it threw". A failure of the
  // check itself (once a spread of 70 000 issues overflowed the stack) must not be blamed on the options.
  return check(...copies);
}

/**
 * The error for a value whose reading threw (a getter or Proxy trap), at the path a snapshot had reached.
 *
 * @example
 * ```ts
 * try { snapshotPlain(config, 3, 'config', at); } catch { return E.left(unreadable(at)); }
 * ```
 */
export function unreadable(at: ReadingAt): InvalidRequestError {
  return new InvalidRequestError([
    {
      path: at.path,
      expected: 'a value that can be read (no getter or Proxy trap that throws)',
      actual: 'reading it threw',
    },
  ]);
}
