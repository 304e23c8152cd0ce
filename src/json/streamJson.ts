import { asyncScheduler, Observable, type OperatorFunction } from 'rxjs';
import type * as t from 'io-ts';
import { describeValue, renderValue } from '../errors';
import { decodeJson } from './decodeJson';
import { compileItemPaths } from './itemPaths';
import { JsonScanner } from './JsonScanner';
import { JsonTree, type OnItem } from './JsonTree';
import { PartialPacer } from './PartialPacer';
import type { PartialsMode, StreamJsonEvent, StreamJsonOptions } from './types';

const OPTION_NAMES: readonly string[] = ['items', 'partials', 'lenient', 'scheduler'];

/**
 * Parses a stream of JSON text as it arrives, in linear time: partial values to show while it grows, each element
 * of the arrays named in `items` checked by its io-ts codec the moment it closes, and the whole value checked at
 * the end.
 *
 * Emits, in order:
 * - `{ type: 'partial', value }`: the value so far, after each chunk that changed what it shows (see `partials`; a
 *   chunk that only closes a string or a container gives none). A key appears once its value has started; a string
 *   grows; a number, `true`, `false` or `null` appears only once complete; no field disappears or changes type from
 *   one partial to the next. Each partial is a new frozen value that shares its unchanged parts with the previous
 *   one (only the open objects and arrays that changed are copied), so `distinctUntilChanged`, `computed` and
 *   `OnPush` see every change and no earlier partial is ever mutated. Partials are not checked by the codec.
 * - `{ type: 'item', path, index, value }`: an element of an `items` array, as soon as it closes, decoded by the
 *   element codec found inside `codec` at that path: `Right`, or `Left` with an `InvalidResponseError` whose issues
 *   name the field (`rows[3].price`).
 * - `{ type: 'done', value }`: once the text has ended, the whole value decoded by `codec`; the last event.
 *
 * Text that is not JSON fails with an `InvalidResponseError` (its `offset` is the character's, its issue says
 * where and what was expected), and text that ends before the value closes with an `IncompleteResponseError`
 * (`offset`: the characters received); in both cases after a last partial with everything before. Whitespace
 * may surround the value; anything else around it is an error unless `lenient` is set. Values are the ones of
 * `JSON.parse` (a repeated key keeps the last value, and may then change type between partials; `__proto__` is a
 * plain key). With partials, every object and array is frozen (items and done share the partials' parts); with
 * `partials: false` they are plain, as `JSON.parse` makes them.
 *
 * Codecs looked inside for `items` paths: `t.type`, `t.partial`, `t.strict` / `t.exact`, `t.intersection`,
 * `t.union` (when exactly one member has the field), `t.readonly`, `t.record`, `t.refinement` / `t.brand` and
 * `t.recursion`, ending at a `t.array` or `t.readonlyArray`. A path that does not lead to an array codec throws a
 * `RangeError` here, as do invalid options.
 *
 * @example
 * ```ts
 * const Doc = t.type({ title: t.string, rows: t.array(t.type({ name: t.string, price: t.number })) });
 * of('{"title":"Pri', 'ces","rows":[{"name":"tea","price":3}', ',{"name":"cake","price":"4"}]}')
 *   .pipe(streamJson(Doc, { items: ['rows'] }))
 *   .subscribe((event) => {
 *     if (event.type === 'partial') render(event.value.title ?? '');       // 'Pri', 'Prices', …
 *     if (event.type === 'item' && isRight(event.value)) console.log(event.value.right.name); // 'tea'
 *     if (event.type === 'item' && isLeft(event.value)) console.warn(event.value.left.message); // rows[1].price …
 *   });
 * ```
 *
 * @param codec - the io-ts codec of the whole value.
 * @param options - see {@link StreamJsonOptions}.
 * @see {@link decodeText} to get text from bytes first.
 */
export function streamJson<C extends t.Mixed, const P extends string = never>(
  codec: C,
  options: StreamJsonOptions<P> = {},
): OperatorFunction<string, StreamJsonEvent<C, P>> {
  if (typeof (codec as { validate?: unknown } | null)?.validate !== 'function')
    throw new RangeError(
      `streamJson: the codec must be an io-ts codec (t.type(…), t.array(…), …), got ${describeValue(codec)}.`,
    );
  checkOptions(options);
  const itemRoot = compileItemPaths(codec, options.items);
  const partials: PartialsMode = options.partials ?? 'chunk';
  const lenient = options.lenient === true;
  const scheduler = options.scheduler ?? asyncScheduler;

  return (source) =>
    new Observable<StreamJsonEvent<C, P>>((subscriber) => {
      type Event = StreamJsonEvent<C, P>;
      const onItem: OnItem = (target, index, value) => {
        // Unsubscribed in the middle of a chunk (a take(1) of items): the rest of it is not decoded.
        if (subscriber.closed) return;
        const decoded = decodeJson(target.codec, value, `${target.shown}[${index}]`);
        subscriber.next({ type: 'item', path: target.path, index, value: decoded } as Event);
      };
      const tree = new JsonTree(itemRoot, onItem, partials !== false);
      const scanner = new JsonScanner(tree, lenient);
      let shown: unknown = undefined;
      const pacer = new PartialPacer(partials, scheduler, () => {
        if (!tree.changed) return false;
        const value = tree.snapshot(scanner.pendingString);
        // A root string that closes as it was last shown is no change.
        if (value === undefined || value === shown) return false;
        shown = value;
        subscriber.next({ type: 'partial', value } as Event);
        return true;
      });
      const fail = (error: unknown): void => {
        pacer.flush();
        subscriber.error(error);
      };

      const subscription = source.subscribe({
        next: (chunk) => {
          if (subscriber.closed) return;
          try {
            if (typeof chunk !== 'string') {
              fail(
                new TypeError(
                  `streamJson: expected text chunks (strings), got ${describeValue(chunk)}. ` +
                    'Pipe bytes through decodeText() first.',
                ),
              );
            } else if (!scanner.write(chunk)) fail(scanner.failure);
            else if (tree.changed) pacer.changed();
          } catch (error) {
            // A codec that throws (a refinement of the caller's) ends the stream like any other failure.
            fail(error);
          }
        },
        error: fail,
        complete: () => {
          if (subscriber.closed) return;
          try {
            const failure = scanner.end();
            if (failure !== undefined) return fail(failure);
            pacer.flush();
            subscriber.next({ type: 'done', value: decodeJson(codec, tree.root, '') } as Event);
            subscriber.complete();
          } catch (error) {
            fail(error);
          }
        },
      });
      return () => {
        subscription.unsubscribe();
        pacer.stop();
      };
    });
}

function checkOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null)
    throw new RangeError(`streamJson: options must be an object, got ${describeValue(options)}.`);
  const unknown = Object.keys(options).filter((key) => !OPTION_NAMES.includes(key));
  if (unknown.length > 0)
    throw new RangeError(
      `streamJson: unknown option ${unknown.map((key) => JSON.stringify(key)).join(', ')}; ` +
        `the options are ${OPTION_NAMES.join(', ')}.`,
    );
  const { partials, lenient, scheduler } = options as StreamJsonOptions;
  if (
    partials !== undefined &&
    partials !== 'chunk' &&
    partials !== false &&
    !(typeof partials === 'number' && partials > 0 && Number.isFinite(partials))
  )
    throw new RangeError(
      `streamJson: partials must be 'chunk', false or a number of milliseconds > 0, got ${renderValue(partials)}.`,
    );
  if (lenient !== undefined && typeof lenient !== 'boolean')
    throw new RangeError(`streamJson: lenient must be a boolean, got ${renderValue(lenient)}.`);
  if (scheduler !== undefined && typeof (scheduler as { schedule?: unknown } | null)?.schedule !== 'function')
    throw new RangeError(`streamJson: scheduler must be an RxJS scheduler, got ${describeValue(scheduler)}.`);
}
