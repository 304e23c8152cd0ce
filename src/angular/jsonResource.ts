import {
  assertInInjectionContext,
  inject,
  Injector,
  NgZone,
  signal,
  type ResourceRef,
  type Signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type * as t from 'io-ts';
import { defer, Observable } from 'rxjs';
import {
  completeJson,
  streamJson,
  type DeepPartial,
  type JsonObject,
  type StreamJsonEvent,
  type StreamJsonOptions,
} from '..';
import { AivvmService } from './AivvmService';
import { isOpenAIProvider } from './ChatProvider';
import type { CompletionRequest } from './completionResource';
import { toAivvmError } from './toAivvmError';

/**
 * Options of {@link jsonResource}: the codec that checks the answer, the arrays whose items are checked as they
 * close, and, for an OpenAI-compatible provider, the JSON schema sent as `response_format`.
 *
 * @example
 * ```ts
 * const options: JsonResourceOptions<typeof City, 'sights'> = { codec: City, items: ['sights'], schema: citySchema };
 * ```
 */
export interface JsonResourceOptions<C extends t.Mixed, P extends string = never> extends Pick<
  StreamJsonOptions<P>,
  'items' | 'lenient'
> {
  /** Checks every item as it closes and the whole answer at the end. */
  readonly codec: C;
  /**
   * With an OpenAI-compatible provider: the answer's JSON Schema, sent as `response_format: { type:
   * 'json_schema' }` (see `completeJson`). Without it, or with Aivvm, the prompt must ask for JSON.
   */
  readonly schema?: JsonObject;
  /** Where to find `AivvmService` and whose destruction aborts; required outside an injection context. */
  readonly injector?: Injector;
}

/** The item events {@link jsonResource} collects, typed by their path. */
export type JsonResourceItem<C extends t.Mixed, P extends string> = Extract<
  StreamJsonEvent<C, P>,
  {
    /** An item event. */
    type: 'item';
  }
>;

/**
 * A structured answer as an Angular resource (see {@link jsonResource}): `value()` is the whole answer decoded by
 * the codec once it arrived (`undefined` before); `partial()` the value so far, `items()` every item checked so
 * far; `error()` a failure, or the `InvalidResponseError` naming each wrong field when the answer did not match.
 *
 * @example
 * ```ts
 * const city: JsonResource<typeof City, 'sights'> = jsonResource(() => this.asked(), { codec: City, items: ['sights'] });
 * effect(() => console.log(city.partial()?.name, city.items().length, city.value()));
 * ```
 */
export interface JsonResource<C extends t.Mixed, P extends string = never> extends ResourceRef<
  t.TypeOf<C> | undefined
> {
  /** The value so far (frozen; each update a new object sharing what did not change), `undefined` before any. */
  readonly partial: Signal<DeepPartial<t.OutputOf<C>> | undefined>;
  /** Every item of the `items` arrays that closed so far, in order, each `Right` or `Left` (a bad item). */
  readonly items: Signal<readonly JsonResourceItem<C, P>[]>;
  /** `true` from the moment the request is sent until the answer ends, fails or is aborted. */
  readonly streaming: Signal<boolean>;
}

/**
 * A structured (JSON) answer as an Angular resource, on `rxResource`: `request` is reactive (each change aborts
 * the answer in flight and sends the new one; `undefined` is idle), like `completionResource`. While the answer
 * streams, `partial()` grows and `items()` gets each element of the arrays named in `items` the moment it closes,
 * checked by its codec; at the end `value()` is the whole answer decoded by `codec` (status `'resolved'`), or
 * `error()` says what did not match (status `'error'`: `value()` then throws, as in every Angular resource, while
 * `partial()` and `items()` keep what arrived). With an OpenAI-compatible provider and a `schema`, the schema is
 * sent as `response_format` (`completeJson`).
 *
 * @param request - reactive: `{ model, messages, options }` to send, `undefined` for idle.
 * @param options - the codec, item paths, schema, and an injector outside an injection context.
 * @returns the resource; see {@link JsonResource}.
 *
 * @example
 * ```ts
 * @Component({
 *   template: `@for (item of city.items(); track item.index) { <li>{{ item.value._tag === 'Right' ? item.value.right.name : '✗' }}</li> }
 *              @if (city.value(); as done) { <p>{{ done.name }}: {{ done.sights.length }} sights</p> }`,
 * })
 * class CityCard {
 *   readonly asked = signal<CompletionRequest | undefined>(undefined);
 *   readonly city = jsonResource(() => this.asked(), { codec: City, items: ['sights'], schema: citySchema });
 * }
 * ```
 */
export function jsonResource<C extends t.Mixed, const P extends string = never>(
  request: () => CompletionRequest | undefined,
  options: JsonResourceOptions<C, P>,
): JsonResource<C, P> {
  if (options.injector === undefined) assertInInjectionContext(jsonResource);
  const injector = options.injector ?? inject(Injector);
  const service = injector.get(AivvmService);
  const zone = injector.get(NgZone, null, { optional: true }) ?? undefined;
  const { codec, schema, items: paths, lenient } = options;
  const json: StreamJsonOptions<P> = {
    ...(paths !== undefined ? { items: paths } : {}),
    ...(lenient !== undefined ? { lenient } : {}),
  };

  const partial = signal<DeepPartial<t.OutputOf<C>> | undefined>(undefined);
  const items = signal<readonly JsonResourceItem<C, P>[]>([]);
  const streaming = signal(false);
  let loads = 0;

  const events = (sent: CompletionRequest): Observable<StreamJsonEvent<C, P>> => {
    const provider = service.provider;
    if (isOpenAIProvider(provider) && schema !== undefined)
      return completeJson(provider, sent.model as string, sent.messages, {
        ...sent.options,
        ...json,
        codec,
        schema,
      });
    return service
      .createCompletion(sent.model, sent.messages, true, sent.options)
      .pipe(streamJson(codec, json));
  };

  const stream = (sent: CompletionRequest): Observable<t.TypeOf<C> | undefined> =>
    new Observable<t.TypeOf<C> | undefined>((subscriber) => {
      const load = ++loads;
      partial.set(undefined);
      items.set([]);
      streaming.set(true);
      let collected: JsonResourceItem<C, P>[] = [];
      const end = (): void => {
        // An aborted load ends after its successor started: only the current one may clear the flag.
        if (load === loads) streaming.set(false);
      };
      const start = () =>
        defer(() => events(sent)).subscribe({
          next: (event) => {
            if (event.type === 'partial') partial.set(event.value);
            else if (event.type === 'item') {
              collected = [...collected, event as JsonResourceItem<C, P>];
              items.set(collected);
            } else {
              end();
              if (event.value._tag === 'Right') subscriber.next(event.value.right);
              else subscriber.error(event.value.left);
            }
          },
          error: (failure: unknown) => {
            end();
            subscriber.error(toAivvmError(failure, service.provider.url, ''));
          },
          complete: () => {
            end();
            subscriber.complete();
          },
        });
      // Outside the Angular zone, chunks do not trigger zone.js change detection: the signal writes schedule it.
      const subscription = zone === undefined ? start() : zone.runOutsideAngular(start);
      return () => {
        subscription.unsubscribe();
        end();
      };
    });

  const resource = rxResource<t.TypeOf<C> | undefined, CompletionRequest | undefined>({
    params: request,
    stream: ({ params }) => stream(params),
    defaultValue: undefined,
    injector,
  });
  return Object.assign(resource, {
    partial: partial.asReadonly(),
    items: items.asReadonly(),
    streaming: streaming.asReadonly(),
  });
}
