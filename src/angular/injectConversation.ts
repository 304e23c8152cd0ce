import { computed, DestroyRef, inject, Injector, NgZone, signal, type Signal } from '@angular/core';
import {
  aivvmComplete,
  createConversation,
  openaiComplete,
  turnToolCalls,
  type AnswerUsage,
  type ConversationAnswer,
  type Complete,
  type CompletionOptions,
  type Conversation,
  type ConversationMessage,
  type ConversationOptions,
  type ConversationState,
  type ConversationStatus,
  type TurnToolCall,
} from '..';
import { AivvmService } from './AivvmService';
import { isOpenAIProvider } from './ChatProvider';
import { checkCoalesce, coalescer, type Coalesce } from './coalesce';
import { AIVVM_CONFIG } from './provideAivvm';

/**
 * Options of {@link injectConversation}: the conversation's (`systemMessage`, `initialMessages`, `budget`), where
 * answers come from (`complete`, or the provided `AivvmService` with `model` and `completion` options), the pace
 * of text updates and the injection scope.
 *
 * @example
 * ```ts
 * const options: InjectConversationOptions = { model: 'gpt-4', budget: budgetFor('gpt-4'), coalesce: 50 };
 * ```
 */
export interface InjectConversationOptions extends ConversationOptions {
  /** Where answers come from; default the provided `AivvmService`'s provider, with `model` and `completion`. */
  readonly complete?: Complete;
  /** The model asked when `complete` is not given; default the provider's default model. */
  readonly model?: string;
  /** Completion options (temperature, timeouts …) when `complete` is not given; the system message is the conversation's. */
  readonly completion?: Omit<CompletionOptions, 'systemMessage'>;
  /** How often a streaming answer's text is written to `messages`; default the `provideAivvm` config's, else `'animationFrame'`. */
  readonly coalesce?: Coalesce;
  /** Where to inject from when not called in an injection context (e.g. a component's `inject(Injector)`). */
  readonly injector?: Injector;
}

/**
 * A {@link Conversation} as signals, as returned by {@link injectConversation}.
 *
 * @example
 * ```ts
 * const chat: ConversationSignals = injectConversation({ model: 'gpt-4' });
 * chat.send('Hello'); // chat.messages() grows, chat.status() is 'streaming', then 'idle'
 * ```
 */
export interface ConversationSignals {
  /** The messages; a streaming answer's text is written at most once per frame (per `coalesce`). */
  readonly messages: Signal<readonly ConversationMessage[]>;
  /** `'idle'`, `'streaming'` or `'error'`. */
  readonly status: Signal<ConversationStatus>;
  /** The last answer's failure while `status()` is `'error'`, else `undefined`. */
  readonly error: Signal<unknown>;
  /** The last answer (streaming or ended), or `undefined` before the first. Its `status` says how it ended. */
  readonly lastAnswer: Signal<ConversationAnswer | undefined>;
  /** The last answer's reasoning, `''` when it has none (an Aivvm answer never has). */
  readonly reasoning: Signal<string>;
  /** What the last answer's model said when it declined to answer, `''` otherwise. */
  readonly refusal: Signal<string>;
  /**
   * The tool calls of the last turn (every answer since the last user message: with `toolsComplete`, each step of
   * the tool loop), as they happen: `'pending'` while the arguments stream, `'running'` while the tool runs, then
   * `'done'` with its `result`, `'error'` with its `error`, or `'stopped'`. With a `complete` that runs no tools,
   * the calls are data and stay `'pending'`.
   */
  readonly toolCalls: Signal<readonly TurnToolCall[]>;
  /** The last answer's finish reason once it ended by itself (`'stop'`, `'length'` …, or `null`), else `undefined`. */
  readonly finishReason: Signal<string | null | undefined>;
  /** The last answer's token counts, when the server sent them. */
  readonly usage: Signal<AnswerUsage | undefined>;
  /** The underlying conversation, for its Observables. */
  readonly conversation: Conversation;
  /** See {@link Conversation.send}. */
  send(content: string): void;
  /** See {@link Conversation.stop}. */
  stop(): void;
  /** See {@link Conversation.regenerate}. */
  regenerate(): void;
  /** See {@link Conversation.edit}. */
  edit(index: number, content: string): void;
}

/**
 * Creates a conversation ({@link createConversation}) tied to the current injection scope and exposes it as
 * signals: `messages`, `status` and `error`, and the last answer's parts. With `complete: toolsComplete(ai, model,
 * { tools })` the model calls tools: `messages()` holds each step (the answer with its calls, a `tool` message per
 * call, the next answer) and `toolCalls()` shows each call's status and result as it changes. A streaming answer's text is coalesced (once per animation frame by
 * default) while every other change — a new message, an answer ending, a failure — is written at once. The
 * scope's destruction stops the answer (the request is cancelled) and disposes the conversation. Requests run
 * outside the Angular zone; the signal writes schedule change detection. Call it in an injection context (a field
 * initializer or constructor), or pass `injector`.
 *
 * @example
 * ```ts
 * @Component({
 *   template: `@for (m of chat.messages(); track $index) { <p [class]="m.role">{{ m.content }}</p> }
 *              <button (click)="chat.send('Hello!')" [disabled]="chat.status() === 'streaming'">Send</button>`,
 * })
 * class ChatComponent {
 *   readonly chat = injectConversation({ model: 'gpt-3.5-turbo', budget: budgetFor('gpt-3.5-turbo') });
 * }
 * ```
 */
export function injectConversation(options: InjectConversationOptions = {}): ConversationSignals {
  const { complete, model, completion, coalesce, injector, ...conversationOptions } = options;
  const scope = injector ?? inject(Injector);
  const pace = checkCoalesce(
    coalesce ?? scope.get(AIVVM_CONFIG, null, { optional: true })?.coalesce ?? 'animationFrame',
    'options.coalesce',
  );
  const source = complete ?? serviceComplete(scope.get(AivvmService), model, completion ?? {});
  const zone = scope.get(NgZone, null, { optional: true }) ?? undefined;
  const destroyRef = scope.get(DestroyRef);
  const conversation = createConversation(source, conversationOptions);

  const first = conversation.state;
  const messages = signal(first.messages);
  const status = signal(first.status);
  const error = signal(first.error);
  let written = first;
  let latest = first;
  const write = (): void => {
    written = latest;
    messages.set(latest.messages);
    if (status() !== latest.status) status.set(latest.status);
    if (error() !== latest.error) error.set(latest.error);
  };
  const frames = coalescer(pace, write);
  const subscription = conversation.state$.subscribe((state) => {
    latest = state;
    if (state === written) return;
    if (onlyTextGrew(written, state)) frames.schedule();
    else {
      frames.cancel();
      write();
    }
  });
  destroyRef.onDestroy(() => {
    // Disposing cuts a streaming answer: that last state is written before the subscription ends.
    conversation.dispose();
    frames.cancel();
    subscription.unsubscribe();
  });

  // Outside the Angular zone, chunks do not trigger zone.js change detection: the signal writes schedule it.
  const outside = (run: () => void): void => (zone === undefined ? run() : zone.runOutsideAngular(run));
  const lastAnswer = computed(() => findLastAnswer(messages()));
  return {
    messages: messages.asReadonly(),
    status: status.asReadonly(),
    error: error.asReadonly(),
    lastAnswer,
    reasoning: computed(() => lastAnswer()?.reasoning ?? ''),
    refusal: computed(() => lastAnswer()?.refusal ?? ''),
    toolCalls: computed(() => toolCallsOf(messages()), { equal: sameCalls }),
    finishReason: computed(() => lastAnswer()?.finishReason),
    usage: computed(() => lastAnswer()?.usage),
    conversation,
    send: (content) => outside(() => conversation.send(content)),
    stop: () => conversation.stop(),
    regenerate: () => outside(() => conversation.regenerate()),
    edit: (index, content) => outside(() => conversation.edit(index, content)),
  };
}

const NO_CALLS: readonly TurnToolCall[] = Object.freeze([]);

/** The turn's calls; the same empty array when there are none (no notification while text streams). */
function toolCallsOf(messages: readonly ConversationMessage[]): readonly TurnToolCall[] {
  const calls = turnToolCalls(messages);
  return calls.length === 0 ? NO_CALLS : calls;
}

/** Equal when each call is the same in every field a view shows (the list is rebuilt on every message change). */
function sameCalls(a: readonly TurnToolCall[], b: readonly TurnToolCall[]): boolean {
  return (
    a.length === b.length &&
    a.every((call, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        call.index === other.index &&
        call.id === other.id &&
        call.name === other.name &&
        call.arguments === other.arguments &&
        call.done === other.done &&
        call.generatedId === other.generatedId &&
        call.status === other.status &&
        call.result === other.result &&
        call.error === other.error &&
        call.content === other.content
      );
    })
  );
}

/** The last answer of the conversation (no `findLast`: the library targets ES2022). */
function findLastAnswer(messages: readonly ConversationMessage[]): ConversationAnswer | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'assistant') return message;
  }
  return undefined;
}

/**
 * Answers from the provided service: an OpenAI-compatible provider's events (finish reasons, reasoning, refusals
 * and tool calls reach the answers), or Aivvm's text.
 */
function serviceComplete(
  service: AivvmService,
  model: string | undefined,
  completion: Omit<CompletionOptions, 'systemMessage'>,
): Complete {
  const provider = service.provider;
  // The OpenAI provider validates `model` itself: a missing one fails the answer with an InvalidRequestError.
  return isOpenAIProvider(provider)
    ? openaiComplete(provider, model as string, completion)
    : aivvmComplete(service, model, completion);
}

/** True when `next` differs from `previous` only by more text in the same streaming answer. */
function onlyTextGrew(previous: ConversationState, next: ConversationState): boolean {
  if (previous.status !== 'streaming' || next.status !== 'streaming') return false;
  if (previous.messages.length !== next.messages.length) return false;
  const last = next.messages.length - 1;
  const before = previous.messages[last];
  const after = next.messages[last];
  return (
    before?.role === 'assistant' &&
    after?.role === 'assistant' &&
    before.status === 'streaming' &&
    after.status === 'streaming' &&
    previous.messages.every((message, i) => i === last || message === next.messages[i])
  );
}
