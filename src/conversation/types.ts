import type { Observable } from 'rxjs';
import type { Message } from '../core/codecs';

/**
 * Where an answer is: `'streaming'` while text arrives, then `'done'` (the server ended it), `'cut'` (stopped by
 * `stop()`, a new `send()`, `regenerate()`, `edit()` or `dispose()`: the text that arrived stays) or `'error'`
 * (the request failed: the text that arrived stays, and `error` says why).
 *
 * @example
 * ```ts
 * const badge: Record<AnswerStatus, string> = { streaming: '…', done: '', cut: '(stopped)', error: '⚠' };
 * ```
 */
export type AnswerStatus = 'streaming' | 'done' | 'cut' | 'error';

/**
 * A message of a conversation: a system or user message as given, or an answer with its status (and its error
 * when it failed). Immutable: every update of a conversation emits new objects.
 *
 * @example
 * ```ts
 * const answer: ConversationMessage = { role: 'assistant', content: 'Hel', status: 'cut' };
 * ```
 */
export type ConversationMessage =
  | {
      /** Who wrote the message: the system prompt or the person. */
      readonly role: 'system' | 'user';
      /** The message text, as given. */
      readonly content: string;
    }
  | {
      /** An answer of the model. */
      readonly role: 'assistant';
      /** The answer's text so far (all of it once `status` is not `'streaming'`). */
      readonly content: string;
      /** Whether the answer is still arriving, ended, was cut or failed. */
      readonly status: AnswerStatus;
      /** Why the answer failed, when `status` is `'error'` (e.g. a `ContextBudgetError`, an `HttpError`). */
      readonly error?: unknown;
    };

/**
 * An answer of a conversation (a {@link ConversationMessage} whose role is `'assistant'`).
 *
 * @example
 * ```ts
 * const failed = (m: ConversationMessage): m is ConversationAnswer => m.role === 'assistant' && m.status === 'error';
 * ```
 */
export type ConversationAnswer = Extract<
  ConversationMessage,
  {
    /** An answer of the model. */
    role: 'assistant';
  }
>;

/**
 * Where the conversation is: `'idle'` (nothing asked yet, or the last answer ended or was cut), `'streaming'`
 * (an answer is arriving) or `'error'` (the last answer failed; `error` says why).
 *
 * @example
 * ```ts
 * conversation.status$.subscribe((status) => (sendButton.disabled = status === 'streaming'));
 * ```
 */
export type ConversationStatus = 'idle' | 'streaming' | 'error';

/**
 * The whole state of a conversation at one instant: emitted as one value so that `messages`, `status` and
 * `error` never disagree.
 *
 * @example
 * ```ts
 * conversation.state$.subscribe(({ messages, status }) => render(messages, status));
 * ```
 */
export interface ConversationState {
  /** Every message, oldest first, the answer being streamed included. */
  readonly messages: readonly ConversationMessage[];
  /** Whether the conversation is idle, streaming an answer or stopped by an error. */
  readonly status: ConversationStatus;
  /** The last answer's failure while `status` is `'error'`, else `undefined`. */
  readonly error: unknown;
}

/**
 * What a conversation asks for answers: any function from the (fitted) history to a cold Observable of text
 * chunks. Unsubscribing must cancel the request. Works with `aivvmComplete(provider, model)`, or any provider:
 * `(messages) => openai.createCompletion('gpt-4', messages)`.
 *
 * @example
 * ```ts
 * const complete: Complete = (messages) => of(`You said ${messages.length} things`);
 * ```
 */
export type Complete = (messages: readonly Message[]) => Observable<string>;

/**
 * Counts the tokens one message costs in a request, its per-message overhead included.
 *
 * @example
 * ```ts
 * const countTokens: TokenCounter = (message) => 4 + Math.ceil(message.content.length / 4);
 * ```
 */
export type TokenCounter = (message: Message) => number;

/**
 * The context budget of a conversation: before each request the history is fitted so that its tokens plus
 * {@link REPLY_PRIMING_TOKENS} plus `reserveForAnswer` stay within `maxTokens`.
 *
 * @example
 * ```ts
 * const budget: ContextBudget = { maxTokens: 4096, reserveForAnswer: 512 }; // estimateMessageTokens counts
 * ```
 */
export interface ContextBudget {
  /** The model's context window in tokens (see `contextTokens` and `budgetFor`). */
  readonly maxTokens: number;
  /** Tokens kept free for the answer: the prompt may use at most `maxTokens - reserveForAnswer`. */
  readonly reserveForAnswer: number;
  /** Counts one message; default `estimateMessageTokens` (cheap, no tokenizer). */
  readonly countTokens?: TokenCounter;
}

/**
 * Tokens every chat request costs on top of its messages (the model's reply is primed with
 * `<|start|>assistant<|message|>`), as in OpenAI's counting recipe for gpt-3.5-turbo and gpt-4.
 *
 * @example
 * ```ts
 * const available = budget.maxTokens - budget.reserveForAnswer - REPLY_PRIMING_TOKENS;
 * ```
 */
export const REPLY_PRIMING_TOKENS = 3;
