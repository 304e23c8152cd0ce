import {
  assertInInjectionContext,
  computed,
  effect,
  inject,
  Injector,
  NgZone,
  signal,
  untracked,
  type ResourceRef,
  type Signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { defer, Observable, type Subscriber } from 'rxjs';
import type { CompletionOptions, Messages } from '..';
import { AivvmService } from './AivvmService';
import {
  answerEvents,
  answerSignals,
  EMPTY_ANSWER,
  foldAnswer,
  type AnswerParts,
  type AnswerSignals,
} from './answerParts';
import { checkCoalesce, coalescer, type Coalesce } from './coalesce';
import { toAivvmError } from './toAivvmError';

/**
 * What {@link completionResource} sends: the arguments of `createCompletion` (always streamed).
 *
 * @example
 * ```ts
 * const request: CompletionRequest = { model: 'gpt-4', messages: [{ role: 'user', content: 'Hi' }] };
 * ```
 */
export interface CompletionRequest {
  /** A model id (`'gpt-4'`), or `null`/`undefined` for the server's default. */
  readonly model: string | null | undefined;
  /** The conversation to answer, a non-empty array of `{ role, content }`. */
  readonly messages: Messages;
  /** `systemMessage`, `temperature`, timeouts, retry … */
  readonly options?: CompletionOptions;
}

/**
 * Options of {@link completionResource}.
 *
 * @example
 * ```ts
 * completionResource(() => this.asked(), { coalesce: 50, injector: this.injector });
 * ```
 */
export interface CompletionResourceOptions {
  /** How often `value()` and `text()` change while text arrives. Default `'animationFrame'`. */
  readonly coalesce?: Coalesce;
  /** Where to find `AivvmService` and whose destruction aborts; required outside an injection context. */
  readonly injector?: Injector;
}

/**
 * A streamed answer as an Angular resource (see {@link completionResource}): every `ResourceRef` member, plus
 * `text` (readable in every status, also after a failure), `streaming`, and what a server sends beside the text:
 * `reasoning`, `refusal`, `toolCalls`, `finishReason` and `usage` (each reset when a new request is sent).
 *
 * @example
 * ```ts
 * const answer: CompletionResource = completionResource(() => this.asked());
 * effect(() => console.log(answer.status(), answer.streaming(), answer.text().length));
 * ```
 */
export interface CompletionResource extends ResourceRef<string>, Omit<AnswerSignals, 'text'> {
  /**
   * The text so far, in every status: unlike `value()`, which throws in `'error'`, it keeps the text that
   * arrived before a failure. `''` while idle and before the first text of a request.
   */
  readonly text: Signal<string>;
  /**
   * `true` from the moment the request is sent until the answer ends, fails or is aborted. Angular's status is
   * `'loading'` only until the first text (then `'resolved'` while the rest streams in): read this for a Stop
   * button or a typing indicator.
   */
  readonly streaming: Signal<boolean>;
}

/**
 * A streamed chat completion as an Angular resource, built on `rxResource` from `@angular/core/rxjs-interop`.
 * `request` is a reactive function returning what to send, or `undefined` to stay idle (nothing sent). Each
 * change of its value aborts the answer in flight (the socket is closed) and sends the new request; so does
 * `reload()`. Destroying the injection context (or calling `destroy()`) aborts too.
 *
 * - `value()` is the text so far, updated at most once per animation frame by default (`coalesce`), `''` before
 *   the first text; an empty answer resolves to `''`.
 * - `status()` is `'idle'`, `'loading'` until the first text shows, then `'resolved'` (still streaming: see
 *   `streaming()`) or `'error'`, where `error()` is the `AivvmError` (e.g. an `HttpError` whose `statusText` is
 *   the server's reason phrase) and `text()` keeps what had arrived.
 * - The stream runs outside the Angular zone; signal writes schedule change detection, zoneless or with zone.js.
 *
 * Make `request` depend on what the user *submitted* (a signal set on Send), not on a live input: every change
 * sends a new request.
 *
 * @param request - reactive: `{ model, messages, options }` to send, `undefined` for idle.
 * @param options - the coalescing pace, and an injector outside an injection context.
 * @returns the resource; see {@link CompletionResource}.
 *
 * @example
 * ```ts
 * @Component({
 *   template: `<pre>{{ answer.text() }}</pre>
 *     @if (answer.streaming()) { <button (click)="asked.set(undefined)">Stop</button> }
 *     @if (answer.error(); as e) { <p role="alert">{{ e.message }}</p> }`,
 * })
 * class Ask {
 *   readonly asked = signal<CompletionRequest | undefined>(undefined);
 *   readonly answer = completionResource(() => this.asked());
 *   ask(content: string) {
 *     this.asked.set({ model: 'gpt-4', messages: [{ role: 'user', content }] });
 *   }
 * }
 * ```
 */
export function completionResource(
  request: () => CompletionRequest | undefined,
  options: CompletionResourceOptions = {},
): CompletionResource {
  if (options.injector === undefined) assertInInjectionContext(completionResource);
  const injector = options.injector ?? inject(Injector);
  const service = injector.get(AivvmService);
  const zone = injector.get(NgZone, null, { optional: true }) ?? undefined;
  const pace = checkCoalesce(options.coalesce ?? 'animationFrame', 'options.coalesce');

  const partial = signal('');
  const parts = answerSignals();
  const streaming = signal(false);
  let loads = 0;
  let active: Subscriber<string> | undefined;

  const stream = (sent: CompletionRequest): Observable<string> =>
    new Observable<string>((subscriber) => {
      const load = ++loads;
      active = subscriber;
      let received: AnswerParts = EMPTY_ANSWER;
      partial.set('');
      parts.write(received);
      streaming.set(true);
      const end = (): void => {
        frames.cancel();
        // An aborted load ends after its successor started: only the current one may clear the flag.
        if (load === loads) streaming.set(false);
      };
      const show = (): void => {
        partial.set(received.text);
        parts.write(received);
        subscriber.next(received.text);
      };
      const frames = coalescer(pace, show);
      const start = () =>
        defer(() => answerEvents(service.provider, sent.model, sent.messages, sent.options)).subscribe({
          next: (event) => {
            received = foldAnswer(received, event);
            // The end is shown by complete(); the pieces before it at the coalesced pace.
            if (event.type !== 'finish') frames.schedule();
          },
          error: (failure: unknown) => {
            end();
            // Nothing received is lost: the text so far is shown before the error.
            if (received !== EMPTY_ANSWER) show();
            subscriber.error(toAivvmError(failure, service.provider.url, received.text));
          },
          complete: () => {
            end();
            // Also for an empty answer: a value before completing (rxResource's NG0991 otherwise).
            show();
            subscriber.complete();
          },
        });
      // Outside the Angular zone, chunks do not trigger zone.js change detection: the signal writes schedule it.
      const subscription = zone === undefined ? start() : zone.runOutsideAngular(start);
      return () => {
        if (active === subscriber) active = undefined;
        subscription.unsubscribe();
        end();
      };
    });

  const resource = rxResource<string, CompletionRequest | undefined>({
    params: request,
    stream: ({ params }) => stream(params),
    defaultValue: '',
    injector,
  });
  // Angular does not abort a load when `params` turns `undefined` (the resource just goes idle): we do.
  effect(
    () => {
      if (resource.status() === 'idle') untracked(() => active?.unsubscribe());
    },
    { injector },
  );
  const text = computed(() => (resource.status() === 'error' ? partial() : resource.value()));
  const { reasoning, refusal, toolCalls, finishReason, usage } = parts.signals;
  return Object.assign(resource, {
    text,
    streaming: streaming.asReadonly(),
    reasoning,
    refusal,
    toolCalls,
    finishReason,
    usage,
  });
}
