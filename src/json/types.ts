import type { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import type { SchedulerLike } from 'rxjs';
import type { InvalidResponseError } from '../errors';

/**
 * A JSON value as it may look while it streams: every field optional, every array element itself partial.
 * Strings may be cut short (`'hel'` on the way to `'hello'`, so a string literal type is widened to `string`);
 * numbers, booleans and `null` appear only once complete.
 *
 * @example
 * ```ts
 * type Doc = { readonly title: string; readonly tags: readonly string[] };
 * const soFar: DeepPartial<Doc> = { title: 'Strea', tags: [] };
 * ```
 */
export type DeepPartial<T> = T extends string
  ? string
  : T extends number | boolean | bigint | symbol | null | undefined
    ? T
    : T extends readonly (infer E)[]
      ? readonly DeepPartial<E>[]
      : { readonly [K in keyof T]?: DeepPartial<T[K]> };

/** The type at a dotted path (`'a.b'`, `''` for the root) of `T`, through optional and nullable fields. */
export type TypeAtPath<T, P extends string> = P extends ''
  ? T
  : P extends `${infer Head}.${infer Rest}`
    ? TypeAtPath<FieldOf<NonNullable<T>, Head>, Rest>
    : FieldOf<NonNullable<T>, P>;

/** The type of field `K` of an object type `T` (distributed over unions), `never` when there is none. */
export type FieldOf<T, K extends string> = T extends readonly unknown[]
  ? never
  : T extends object
    ? K extends keyof T
      ? T[K]
      : never
    : never;

/** The element type of the array at dotted path `P` of `T`; `unknown` when `P` is any string (not a literal). */
export type ElementAtPath<T, P extends string> = string extends P
  ? unknown
  : NonNullable<TypeAtPath<T, P>> extends readonly (infer E)[]
    ? E
    : never;

/**
 * `{ type: 'partial' }`: the value parsed so far, a new frozen value that shares its unchanged parts with the
 * previous partial. Not checked by the codec: it is for display; `item` and `done` are checked.
 *
 * @example
 * ```ts
 * // text so far: {"title":"Strea
 * const event: JsonPartial<{ title: string }> = { type: 'partial', value: { title: 'Strea' } };
 * ```
 */
export interface JsonPartial<T> {
  /** The discriminant. */
  readonly type: 'partial';
  /** The value so far (see {@link DeepPartial}). */
  readonly value: DeepPartial<T>;
}

/**
 * `{ type: 'item' }`: one element of an array named in {@link StreamJsonOptions.items}, emitted the moment it
 * closes, decoded by the element codec found in the document's codec at that path.
 *
 * @example
 * ```ts
 * const event: JsonItem<'rows', number> = { type: 'item', path: 'rows', index: 0, value: right(42) };
 * ```
 */
export interface JsonItem<P extends string, T> {
  /** The discriminant. */
  readonly type: 'item';
  /** The path as given in `items` (switch on it to tell arrays apart). */
  readonly path: P;
  /** The element's index in its array. */
  readonly index: number;
  /**
   * The element decoded by its codec: `Right`, or `Left` with an {@link InvalidResponseError} whose issues have
   * paths from the document's root (`rows[3].price`).
   */
  readonly value: E.Either<InvalidResponseError, T>;
}

/**
 * `{ type: 'done' }`: the whole value, decoded by the codec, once the text has ended. Always the last event.
 *
 * @example
 * ```ts
 * const event: JsonDone<{ title: string }> = { type: 'done', value: right({ title: 'Streams' }) };
 * ```
 */
export interface JsonDone<A> {
  /** The discriminant. */
  readonly type: 'done';
  /** The value decoded: `Right`, or `Left` with an {@link InvalidResponseError} listing each wrong field. */
  readonly value: E.Either<InvalidResponseError, A>;
}

/**
 * What {@link streamJson} emits for codec `C` and item paths `P`: partials, items (typed by their path), done.
 *
 * @example
 * ```ts
 * const Doc = t.type({ rows: t.array(t.number) });
 * declare const event: StreamJsonEvent<typeof Doc, 'rows'>;
 * if (event.type === 'item' && isRight(event.value)) event.value.right.toFixed(2); // a number
 * ```
 */
export type StreamJsonEvent<C extends t.Mixed, P extends string = never> =
  | JsonPartial<t.OutputOf<C>>
  | { [K in P]: JsonItem<K, ElementAtPath<t.TypeOf<C>, K>> }[P]
  | JsonDone<t.TypeOf<C>>;

/**
 * How often {@link streamJson} emits a partial value: once per incoming chunk that changed what it shows (`'chunk'`),
 * at most once per that many milliseconds (the first at once, the latest at the end of each window, and the
 * pending one as soon as the text ends), or never (`false`: items and done only).
 */
export type PartialsMode = 'chunk' | number | false;

/**
 * Options of {@link streamJson}.
 *
 * @example
 * ```ts
 * const options: StreamJsonOptions<'rows'> = { items: ['rows'], partials: 100, lenient: true };
 * ```
 */
export interface StreamJsonOptions<P extends string = string> {
  /**
   * Dotted paths of arrays (`'rows'`, `'data.rows'`; `''` for a root array) whose elements are emitted as
   * `item` events the moment each one closes, decoded by the element codec found in the codec at that path.
   */
  readonly items?: readonly P[];
  /**
   * How often partial values are emitted. Default `'chunk'`. With `false`, values (items, done) are not frozen and
   * the parse costs about half as much.
   */
  readonly partials?: PartialsMode;
  /**
   * Skip what precedes the JSON (prose, or a ```` ```json ```` fence line) and what follows it (the closing fence,
   * more prose), as models add them. The JSON then starts at the first `{` or `[`, or on the line after the
   * first fence. Default `false`: the text must be one JSON value, with whitespace around it only.
   */
  readonly lenient?: boolean;
  /** Scheduler of the `partials` timer when it is a number of milliseconds. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}
