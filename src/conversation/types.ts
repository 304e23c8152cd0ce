import type { Observable } from 'rxjs';
import type { Message } from '../core/codecs';

/**
 * Where an answer is: `'streaming'` while it arrives, then how it ended:
 * - `'done'`: the server ended it (finish reason `stop`, `tool_calls`, none, or a server's own);
 * - `'truncated'`: the server cut it at its token limit (finish reason `length`): the text is incomplete;
 * - `'filtered'`: the server's content filter stopped it (finish reason `content_filter`);
 * - `'cut'`: stopped by `stop()`, a new `send()`, `regenerate()`, `edit()` or `dispose()` (the text that arrived
 *   stays);
 * - `'error'`: the request failed (the text that arrived stays, and `error` says why).
 *
 * @example
 * ```ts
 * const badge: Record<AnswerStatus, string> = {
 *   streaming: '…', done: '', truncated: '(cut at the length limit)', filtered: '(filtered)', cut: '(stopped)', error: '⚠',
 * };
 * ```
 */
export type AnswerStatus = 'streaming' | 'done' | 'truncated' | 'filtered' | 'cut' | 'error';

/**
 * Token counts of an answer, when the server reported them (the same shape as the OpenAI protocol's `Usage`).
 *
 * @example
 * ```ts
 * const usage: AnswerUsage = { promptTokens: 12, completionTokens: 40, totalTokens: 52, reasoningTokens: 30 };
 * ```
 */
export interface AnswerUsage {
  /** Tokens of the request's messages. */
  readonly promptTokens: number;
  /** Tokens of the answer (reasoning included where the server counts it there). */
  readonly completionTokens: number;
  /** Both together, as the server counted them. */
  readonly totalTokens: number;
  /** Prompt tokens served from the server's cache, when sent. */
  readonly cachedTokens?: number;
  /** Tokens spent reasoning, when sent. */
  readonly reasoningTokens?: number;
  /** Every other count the server sent, as sent. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * One piece of an answer, as a `Complete` function may emit it beside plain text chunks. The same shapes as the
 * OpenAI protocol's `CompletionEvent` (so `provider.createCompletionEvents(…)` is a `Complete` as it is), defined
 * here because a conversation knows no protocol. A `Complete` may emit, in order:
 * - `{ type: 'text', text }`: answer text (a plain string chunk is the same);
 * - `{ type: 'reasoning', text }`: the model's reasoning, kept apart in the answer's `reasoning`;
 * - `{ type: 'refusal', text }`: the model declined; kept in the answer's `refusal`, not in its content;
 * - `{ type: 'tool-call-delta', index, id?, name?, argumentsDelta }` then `{ type: 'tool-call', index, id, name,
 *   arguments }`: a tool call, kept as data in the answer's `toolCalls`;
 * - from a `Complete` that runs the tools it was given (`toolsComplete`): `{ type: 'tool-start', id, name }` ends
 *   the answer's text (status `'done'`) and adds a `tool` message with status `'running'` after it (in the order of
 *   the calls); `{ type: 'tool-result', id, name, result, content }` or `{ type: 'tool-error', id, name, error,
 *   content }` settles it; `{ type: 'step-finish', reason, usage? }` sets the step's finish reason and usage; the
 *   next step's first event starts a new answer;
 * - `{ type: 'finish', reason, usage? }`: last; `reason` `'length'` makes the answer `'truncated'`,
 *   `'content_filter'` makes it `'filtered'`.
 *
 * Values with another `type` are ignored (a newer provider may send more kinds); a known `type` with a wrong field
 * fails the answer with an `InvalidResponseError` naming the value and the field.
 *
 * @example
 * ```ts
 * const complete: Complete = () =>
 *   of<AnswerEvent[]>(
 *     { type: 'reasoning', text: 'Short answer wanted.' },
 *     { type: 'text', text: 'Hi!' },
 *     { type: 'finish', reason: 'stop', usage: { promptTokens: 5, completionTokens: 9, totalTokens: 14 } },
 *   );
 * ```
 */
export type AnswerEvent =
  | {
      /** A piece of the answer's text. */
      readonly type: 'text';
      /** The text of this piece, in order. */
      readonly text: string;
    }
  | {
      /** A piece of the model's reasoning, shown apart from the answer. */
      readonly type: 'reasoning';
      /** The text of this piece, in order. */
      readonly text: string;
    }
  | {
      /** A piece of a refusal: what the model said instead of answering. */
      readonly type: 'refusal';
      /** The text of this piece, in order. */
      readonly text: string;
    }
  | {
      /** A piece of a tool call as it arrives. */
      readonly type: 'tool-call-delta';
      /** Which call of the answer (0, 1, …). */
      readonly index: number;
      /** The call's id, when this piece carries it. */
      readonly id?: string;
      /** The function's name, when this piece carries it. */
      readonly name?: string;
      /** The next piece of the raw JSON arguments. */
      readonly argumentsDelta: string;
    }
  | {
      /** A whole tool call, once the stream ended properly. */
      readonly type: 'tool-call';
      /** Which call of the answer (0, 1, …). */
      readonly index: number;
      /** The call's id. */
      readonly id: string;
      /** The function's name. */
      readonly name: string;
      /** The raw JSON arguments, whole. */
      readonly arguments: string;
      /** True when the provider made the id up (the server sent none). */
      readonly generatedId?: boolean;
    }
  | {
      /** A whole tool call of the answer is about to run (its outcome follows). */
      readonly type: 'tool-start';
      /** The call's id (as in the answer's `toolCalls`). */
      readonly id: string;
      /** The tool's name. */
      readonly name: string;
    }
  | {
      /** A tool call of the answer ran and returned. */
      readonly type: 'tool-result';
      /** The call's id (as in the answer's `toolCalls`). */
      readonly id: string;
      /** The tool's name. */
      readonly name: string;
      /** What the tool returned, as it returned it (shown; not sent). */
      readonly result: unknown;
      /** The result as the model got it (sent back with the call in later requests). */
      readonly content: string;
    }
  | {
      /** A tool call of the answer failed: unknown tool, bad arguments, or the tool threw. */
      readonly type: 'tool-error';
      /** The call's id (as in the answer's `toolCalls`). */
      readonly id: string;
      /** The name the model called. */
      readonly name: string;
      /** What went wrong. */
      readonly error: unknown;
      /** What the model was told (sent back with the call in later requests). */
      readonly content: string;
    }
  | {
      /** One step of a tool loop ended: its answer is whole and its calls have answered. */
      readonly type: 'step-finish';
      /** The step's finish reason as sent, or null. */
      readonly reason: string | null;
      /** The step's token counts, when the server sent them. */
      readonly usage?: AnswerUsage;
    }
  | {
      /** The end of the answer. */
      readonly type: 'finish';
      /** The server's finish reason as sent (`'stop'`, `'length'`, `'content_filter'`, `'tool_calls'` …), or null. */
      readonly reason: string | null;
      /** Token counts, when the server sent them. */
      readonly usage?: AnswerUsage;
    };

/**
 * A tool call the model asked for, kept on the answer as data. A conversation runs no tools itself: with a
 * `Complete` that runs them (`toolsComplete`), each call's outcome follows the answer as a `tool` message
 * ({@link ConversationToolMessage}), and the call goes back with it in later requests. While it streams,
 * `arguments` grows and `done` is false; the provider's whole `tool-call` event sets every field and `done`.
 *
 * @example
 * ```ts
 * const call: AnswerToolCall = { index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', done: true };
 * ```
 */
export interface AnswerToolCall {
  /** Which call of the answer (0, 1, …). */
  readonly index: number;
  /** The call's id, once known. */
  readonly id?: string;
  /** The function's name, once known. */
  readonly name?: string;
  /** The raw JSON arguments so far (whole once `done`). */
  readonly arguments: string;
  /** True once the whole call arrived (the `tool-call` event). */
  readonly done: boolean;
  /** True when the provider made the id up (the server sent none). */
  readonly generatedId?: boolean;
}

/**
 * Where a tool call is: `'running'` (waiting to run or running), then how it ended: `'done'` (it returned),
 * `'error'` (unknown tool, bad arguments, or it threw: the model was told), or `'stopped'` (`stop()`, a new
 * `send()` … cut it while it ran: its signal was aborted).
 *
 * @example
 * ```ts
 * const icon: Record<ToolMessageStatus, string> = { running: '…', done: '✓', error: '⚠', stopped: '■' };
 * ```
 */
export type ToolMessageStatus = 'running' | 'done' | 'error' | 'stopped';

/**
 * The outcome of one tool call, right after the answer that made the call (one per call, in the order of the
 * calls). `content` is what the model got back: the result as text, the error's message, or a note that the call
 * was stopped.
 *
 * @example
 * ```ts
 * const message: ConversationToolMessage = {
 *   role: 'tool', toolCallId: 'call_1', name: 'weather', status: 'done', result: { celsius: 7 }, content: '{"celsius":7}',
 * };
 * ```
 */
export interface ConversationToolMessage {
  /** A tool's outcome. */
  readonly role: 'tool';
  /** The id of the call it answers (in the `toolCalls` of the answer before it). */
  readonly toolCallId: string;
  /** The tool's name. */
  readonly name: string;
  /** Whether the tool runs, returned, failed, or was stopped. */
  readonly status: ToolMessageStatus;
  /** What the model got back for the call (sent with it in later requests); `''` while it runs. */
  readonly content: string;
  /** What the tool returned, as it returned it, when `status` is `'done'`. */
  readonly result?: unknown;
  /** What went wrong, when `status` is `'error'`. */
  readonly error?: unknown;
}

/**
 * A message of a conversation: a system or user message as given, an answer with its status and what else
 * the server sent with it, or the outcome of a tool call the answer made ({@link ConversationToolMessage}).
 * Immutable: every update of a conversation emits new objects. An answer's optional fields are present only when
 * something of the kind arrived.
 *
 * @example
 * ```ts
 * const answer: ConversationMessage = { role: 'assistant', content: 'Hel', status: 'truncated', finishReason: 'length' };
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
      /** Whether the answer is still arriving, how it ended, or that it was cut or failed. */
      readonly status: AnswerStatus;
      /** Why the answer failed, when `status` is `'error'` (e.g. a `ContextBudgetError`, an `HttpError`). */
      readonly error?: unknown;
      /** The model's reasoning, when it sent some: shown, not sent back as history unless `sendReasoning`. */
      readonly reasoning?: string;
      /** What the model said when it declined to answer (an OpenAI refusal), apart from `content`. */
      readonly refusal?: string;
      /** The tool calls the model asked for, as data. */
      readonly toolCalls?: readonly AnswerToolCall[];
      /** The server's finish reason (`'stop'`, `'length'`, `'content_filter'` …, or null), when a `finish` came. */
      readonly finishReason?: string | null;
      /** Token counts, when the server sent them. */
      readonly usage?: AnswerUsage;
    }
  | ConversationToolMessage;

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
 * A tool call as a conversation sends it back: the call, with what the model got for it (its `tool` message's
 * `content`). Each protocol maps it to its wire (OpenAI: the assistant's `tool_calls`, then one `tool` message).
 *
 * @example
 * ```ts
 * const call: HistoryToolCall = { id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}', content: '{"celsius":7}' };
 * ```
 */
export interface HistoryToolCall {
  /** The call's id. */
  readonly id: string;
  /** The function's name. */
  readonly name: string;
  /** The raw JSON arguments, as the model wrote them. */
  readonly arguments: string;
  /** What the model got back for the call. */
  readonly content: string;
}

/**
 * A message as a conversation sends it to its `Complete` function: `{ role, content }`, plus an answer's
 * `reasoning` when the conversation's `sendReasoning` option is on (for servers that want it back), and the tool
 * calls it made that have an outcome (`toolCalls`, each with what the model got back). An answer's refusal is
 * sent as its content (it is what the model said). Tool messages are not sent apart: they travel in the
 * `toolCalls` of the answer that made the calls, so the budget keeps or drops them together.
 *
 * @example
 * ```ts
 * const sent: HistoryMessage = { role: 'assistant', content: '4', reasoning: '2 + 2 is 4.' };
 * ```
 */
export interface HistoryMessage extends Message {
  /** The answer's reasoning, only with `sendReasoning: true`. */
  readonly reasoning?: string;
  /** The answer's tool calls that ran (or failed, or were stopped), with what the model got back, in order. */
  readonly toolCalls?: readonly HistoryToolCall[];
}

/**
 * What a conversation asks for answers: any function from the (fitted) history to a cold Observable of text
 * chunks or {@link AnswerEvent}s (or both). Unsubscribing must cancel the request. Works with
 * `aivvmComplete(provider, model)`, `openaiComplete(provider, model)`, or any provider:
 * `(messages) => openai.createCompletion('gpt-4', messages)`, `(messages) => openai.createCompletionEvents('gpt-4',
 * messages)`.
 *
 * @typeParam T - what the Observable emits: text chunks, answer events, or both (the default).
 * @example
 * ```ts
 * const complete: Complete = (messages) => of(`You said ${messages.length} things`);
 * const textOnly: Complete<string> = (messages) => of(messages.at(-1)?.content ?? '');
 * ```
 */
export type Complete<T extends string | AnswerEvent = string | AnswerEvent> = (
  messages: readonly HistoryMessage[],
) => Observable<T>;

/**
 * Counts the tokens one message costs in a request, its per-message overhead included. It is given `{ role,
 * content }` only: a message's `reasoning` (sent with `sendReasoning`) is counted as the extra cost of a message
 * with that content. It must return a finite number ≥ 0; anything else is an `InvalidRequestError` naming the
 * message, and nothing is sent.
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
