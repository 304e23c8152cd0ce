import { DestroyRef, inject, signal, type NgZone, type Signal } from '@angular/core';
import { Subscription, type Observable } from 'rxjs';
import {
  type AivvmConfig,
  type AnyAivvmError,
  type CompletionOptions,
  type Messages,
  type ServerModel,
} from '..';
import {
  answerEvents,
  answerSignals,
  EMPTY_ANSWER,
  foldAnswer,
  type AnswerParts,
  type AnswerSignals,
} from './answerParts';
import { checkCoalesce, coalescer, type Coalesce } from './coalesce';
import { isOpenAIProvider, type ChatProvider } from './ChatProvider';
import { listServerModels, resolveProvider } from './resolveProvider';
import { toAivvmError } from './toAivvmError';

/**
 * The configuration of {@link provideAivvm}: {@link AivvmConfig} (`baseURL`, `headers`, `axios`, `transport`)
 * plus the default {@link Coalesce} pace of {@link AivvmService.chat}; or, instead of an Aivvm configuration, a
 * ready `provider` (e.g. an OpenAI-compatible one).
 *
 * @example
 * ```ts
 * const config: AivvmAngularConfig = { baseURL: 'http://127.0.0.1:8787', coalesce: 'animationFrame' };
 * const openai: AivvmAngularConfig = { provider: createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' }) };
 * ```
 */
export interface AivvmAngularConfig extends AivvmConfig {
  /** How often `chat()` updates its `text` signal. Default `'animationFrame'`. */
  readonly coalesce?: Coalesce;
  /**
   * The provider to answer with, instead of Aivvm's built from this configuration; then give no `baseURL`,
   * `headers`, `axios`, `transport` or reliability option beside it (they belong to that provider).
   */
  readonly provider?: ChatProvider;
}

/**
 * Where a {@link AivvmChat} is: `'streaming'` from the moment `chat()` returns, then `'done'`, `'error'` or
 * `'cancelled'`, once. `'idle'` is never reported by `chat()`, which sends at once; it is there for a UI's
 * "nothing asked yet" state.
 *
 * @example
 * ```ts
 * const label: Record<ChatStatus, string> = { idle: '', streaming: '…', done: '✓', error: '!', cancelled: '×' };
 * ```
 */
export type ChatStatus = 'idle' | 'streaming' | 'done' | 'error' | 'cancelled';

/**
 * Options of {@link AivvmService.chat}: the completion's (`systemMessage`, `temperature`, timeouts …) plus the
 * pace of text updates and the scope whose destruction cancels the request.
 *
 * @example
 * ```ts
 * service.chat('gpt-4', messages, { temperature: 0.2, coalesce: 'none', destroyRef: inject(DestroyRef) });
 * ```
 */
export interface ChatOptions extends CompletionOptions {
  /** How often `text` is updated; default the service's (`'animationFrame'` unless configured). */
  readonly coalesce?: Coalesce;
  /**
   * Cancel the request when this scope is destroyed (e.g. a component's `inject(DestroyRef)`). Default: the
   * caller's `DestroyRef` when `chat()` is called in an injection context (a constructor or field initializer).
   * The service's own injector being destroyed always cancels.
   */
  readonly destroyRef?: DestroyRef;
}

/**
 * One streamed answer as signals, as returned by {@link AivvmService.chat}. Besides the text: the reasoning, a
 * refusal, the tool calls, the finish reason and the token usage, as an OpenAI-compatible server sends them (an
 * Aivvm answer has text only: the others stay empty, and `finishReason()` ends as `null`).
 *
 * @example
 * ```ts
 * const answer: AivvmChat = service.chat(null, [{ role: 'user', content: 'Hi' }]);
 * effect(() => console.log(answer.status(), answer.text().length, answer.finishReason()));
 * answer.cancel();
 * ```
 */
export interface AivvmChat extends AnswerSignals {
  /** `'streaming'`, then `'done'`, `'error'` or `'cancelled'`. */
  readonly status: Signal<ChatStatus>;
  /**
   * The failure when `status()` is `'error'`: e.g. an `HttpError` whose `statusText` is the server's reason
   * phrase, a `NetworkError` after a broken connection, an `UnsupportedModelError` (nothing was sent).
   */
  readonly error: Signal<AnyAivvmError | undefined>;
  /** Aborts the request (the socket is closed) and sets `status` to `'cancelled'`; no-op once it ended. */
  cancel(): void;
}

/**
 * Aivvm for Angular: one provider (`createAivvm`) with its Observables, and {@link AivvmService.chat}, a
 * streamed answer as signals whose text updates are coalesced so that a fast stream does not flood change
 * detection. Works zoneless and with zone.js (the stream runs outside the Angular zone; signal writes schedule
 * change detection). Destroying the injector that owns it cancels every chat in flight.
 *
 * A plain class used as a DI token: provide it with {@link provideAivvm}, or construct it yourself.
 *
 * @example
 * ```ts
 * @Component({ template: `<p>{{ answer.text() }}</p>` })
 * class Answer {
 *   readonly answer = inject(AivvmService).chat('gpt-4', [{ role: 'user', content: 'Привет!' }]);
 * }
 * ```
 */
export class AivvmService {
  /**
   * The underlying provider, for everything the service does not wrap (e.g. Aivvm's `createCompletionBytes`,
   * or an OpenAI-compatible provider's `createCompletionEvents`).
   */
  readonly provider: ChatProvider;
  private readonly coalesce: Coalesce;

  /**
   * Throws an `InvalidRequestError` for an invalid configuration, a `TypeError` for an invalid `coalesce`.
   *
   * @param config - the provider's configuration (or a ready `provider`) and the default coalescing.
   * @param destroyRef - destroying it cancels every chat in flight (the injector's, when provided by DI).
   * @param zone - streams run outside it, so that chunks do not trigger zone.js change detection.
   *
   * @example
   * ```ts
   * const service = new AivvmService({ baseURL: server.url, transport: 'node' });
   * ```
   */
  constructor(
    config: AivvmAngularConfig = {},
    private readonly destroyRef?: DestroyRef,
    private readonly zone?: NgZone,
  ) {
    const { coalesce = 'animationFrame', ...providerConfig } = config;
    this.coalesce = checkCoalesce(coalesce, 'config.coalesce');
    this.provider = resolveProvider(providerConfig);
  }

  /**
   * A chat completion as a cold Observable of text: see `AivvmProvider.createCompletion`. Nothing is sent
   * before subscribe; unsubscribing aborts the request. With an OpenAI-compatible provider, `model` is required
   * (a missing one is an `InvalidRequestError` from the Observable) and `systemMessage` becomes the first message.
   *
   * @example
   * ```ts
   * service.createCompletion('gpt-4', messages, true).pipe(takeUntilDestroyed()).subscribe(console.log);
   * ```
   */
  createCompletion(
    model: string | null | undefined,
    messages: Messages,
    stream: boolean,
    options?: CompletionOptions,
  ): Observable<string> {
    const provider = this.provider;
    // The OpenAI provider validates `model` itself (a missing one is an InvalidRequestError from the Observable).
    return isOpenAIProvider(provider)
      ? provider.createCompletion(model as string, messages, stream, options)
      : provider.createCompletion(model, messages, stream, options);
  }

  /**
   * The server's models, checked with io-ts: see `AivvmProvider.listModels`. An OpenAI-compatible server's
   * models have no display name: each is `{ id, name: id }`.
   *
   * @example
   * ```ts
   * readonly models = toSignal(inject(AivvmService).listModels(), { initialValue: [] });
   * ```
   */
  listModels(): Observable<readonly ServerModel[]> {
    return listServerModels(this.provider);
  }

  /**
   * Sends a streamed completion at once and exposes it as signals: `text` grows (at most once per animation
   * frame by default), `status` goes from `'streaming'` to `'done'`, `'error'` (with `error` set) or
   * `'cancelled'`. `cancel()`, the destruction of `options.destroyRef` (default: the caller's, in an injection
   * context) or of the service's injector aborts the request and closes the socket.
   *
   * @example
   * ```ts
   * const answer = service.chat('gpt-4', [{ role: 'user', content: prompt }], { temperature: 0.2 });
   * // template: {{ answer.text() }} @if (answer.status() === 'streaming') { <button (click)="answer.cancel()">Stop</button> }
   * ```
   */
  chat(model: string | null | undefined, messages: Messages, options: ChatOptions = {}): AivvmChat {
    const { coalesce = this.coalesce, destroyRef = callerDestroyRef(), ...completion } = options;
    const view = answerSignals();
    const status = signal<ChatStatus>('streaming');
    const error = signal<AnyAivvmError | undefined>(undefined);
    let received: AnswerParts = EMPTY_ANSWER;
    const frames = coalescer(checkCoalesce(coalesce, 'options.coalesce'), () => view.write(received));
    const unregister: (() => void)[] = [];
    let live = true;
    const subscription = new Subscription();

    const finish = (final: ChatStatus, failure?: AnyAivvmError): void => {
      if (!live) return;
      live = false;
      frames.cancel();
      view.write(received);
      if (failure !== undefined) error.set(failure);
      status.set(final);
      for (const stop of unregister.splice(0)) stop();
    };
    const cancel = (): void => {
      if (!live) return;
      subscription.unsubscribe();
      finish('cancelled');
    };
    const handle: AivvmChat = {
      ...view.signals,
      status: status.asReadonly(),
      error: error.asReadonly(),
      cancel,
    };

    for (const scope of new Set([this.destroyRef, destroyRef])) {
      if (scope === undefined) continue;
      try {
        unregister.push(scope.onDestroy(cancel));
      } catch {
        // onDestroy throws when the scope is already destroyed: nothing is sent.
        finish('cancelled');
        return handle;
      }
    }

    const start = (): Subscription =>
      answerEvents(this.provider, model, messages, completion).subscribe({
        next: (event) => {
          received = foldAnswer(received, event);
          // The end of the answer is written at once by finish(); the pieces before it at the coalesced pace.
          if (event.type !== 'finish') frames.schedule();
        },
        error: (failure: unknown) => finish('error', toAivvmError(failure, this.provider.url, received.text)),
        complete: () => finish('done'),
      });
    // Outside the Angular zone, chunks do not trigger zone.js change detection: the signal writes schedule it.
    subscription.add(this.zone === undefined ? start() : this.zone.runOutsideAngular(start));
    return handle;
  }
}

/** The caller's `DestroyRef` when `chat()` runs in an injection context, else `undefined`. */
function callerDestroyRef(): DestroyRef | undefined {
  try {
    return inject(DestroyRef);
  } catch {
    // Not in an injection context (an event handler, a timer …): only the service's own scope applies.
    return undefined;
  }
}
