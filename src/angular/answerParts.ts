import { signal, type Signal } from '@angular/core';
import { concat, map, of, type Observable } from 'rxjs';
import type { CompletionEvent, CompletionOptions, Messages, ToolCallEvent, Usage } from '..';
import { isOpenAIProvider, type ChatProvider } from './ChatProvider';

/**
 * Everything an answer carried so far, folded from its events: what the Angular signals show.
 *
 * @example
 * ```ts
 * const parts: AnswerParts = { ...EMPTY_ANSWER, text: 'Hi', finishReason: 'stop' };
 * ```
 */
export interface AnswerParts {
  /** The answer's text so far. */
  readonly text: string;
  /** The model's reasoning so far (`''` when the server sends none). */
  readonly reasoning: string;
  /** What the model said instead of answering, when it refused (`''` otherwise). */
  readonly refusal: string;
  /** The whole tool calls, once the answer ended properly (empty before, and when it called none). */
  readonly toolCalls: readonly ToolCallEvent[];
  /**
   * `undefined` until the answer ends; then the server's `finish_reason` (`'stop'`, `'length'`,
   * `'content_filter'`, `'tool_calls'` …), or `null` when it gave none (always so for Aivvm).
   */
  readonly finishReason: string | null | undefined;
  /** Token counts, when the server sent them. */
  readonly usage: Usage | undefined;
}

/** An answer before its first event. */
export const EMPTY_ANSWER: AnswerParts = Object.freeze({
  text: '',
  reasoning: '',
  refusal: '',
  toolCalls: Object.freeze([]) as readonly ToolCallEvent[],
  finishReason: undefined,
  usage: undefined,
});

/**
 * The answer with one more event: a new object (never a mutation), sharing what did not change, so that signals
 * holding its parts only notify for what changed. Tool-call deltas change nothing: the whole calls come at the end.
 */
export function foldAnswer(parts: AnswerParts, event: CompletionEvent): AnswerParts {
  switch (event.type) {
    case 'text':
      return { ...parts, text: parts.text + event.text };
    case 'reasoning':
      return { ...parts, reasoning: parts.reasoning + event.text };
    case 'refusal':
      return { ...parts, refusal: parts.refusal + event.text };
    case 'tool-call':
      return { ...parts, toolCalls: [...parts.toolCalls, event] };
    case 'finish':
      return { ...parts, finishReason: event.reason, usage: event.usage ?? parts.usage };
    default:
      return parts;
  }
}

/**
 * A provider's streamed answer as events: an OpenAI-compatible provider's own (`createCompletionEvents`), or
 * Aivvm's text followed by a `finish` with reason `null` (its protocol has none).
 */
export function answerEvents(
  provider: ChatProvider,
  model: string | null | undefined,
  messages: Messages,
  options: CompletionOptions | undefined,
): Observable<CompletionEvent> {
  // The OpenAI provider validates `model` itself (a missing one is an InvalidRequestError from the Observable).
  if (isOpenAIProvider(provider)) return provider.createCompletionEvents(model as string, messages, options);
  return concat(
    provider
      .createCompletion(model, messages, true, options)
      .pipe(map((text) => ({ type: 'text', text }) as const)),
    of({ type: 'finish', reason: null } as const),
  );
}

/**
 * An answer's parts as signals: the text and everything else a server sends beside it. An Aivvm answer has text
 * only: the others stay empty, and `finishReason()` ends as `null`.
 *
 * @example
 * ```ts
 * const answer: AnswerSignals = inject(AivvmService).chat('deepseek-r1', messages);
 * // template: @if (answer.reasoning()) { <details><summary>Reasoning</summary>{{ answer.reasoning() }}</details> }
 * ```
 */
export interface AnswerSignals {
  /** The answer so far (coalesced), then the whole answer. */
  readonly text: Signal<string>;
  /** The model's reasoning so far (coalesced like `text`), `''` when the server sends none. */
  readonly reasoning: Signal<string>;
  /** What the model said instead of an answer when it refused (`delta.refusal`), else `''`. */
  readonly refusal: Signal<string>;
  /** The tool calls the answer asked for, whole, once it ended properly; empty before and when there are none. */
  readonly toolCalls: Signal<readonly ToolCallEvent[]>;
  /**
   * `undefined` while the answer streams (and when it failed or was cancelled); then the server's reason:
   * `'stop'`, `'length'` (cut by the token limit), `'content_filter'`, `'tool_calls'` …, or `null` when it gave
   * none.
   */
  readonly finishReason: Signal<string | null | undefined>;
  /** Token counts, when the server sent them (with `stream_options.include_usage`, at the end). */
  readonly usage: Signal<Usage | undefined>;
}

/**
 * The {@link AnswerSignals} of one answer, and one `write` that sets each from a folded {@link AnswerParts}; a
 * signal whose part did not change does not notify (signals compare with `Object.is`).
 */
export function answerSignals(): { readonly signals: AnswerSignals; write(parts: AnswerParts): void } {
  const text = signal(EMPTY_ANSWER.text);
  const reasoning = signal(EMPTY_ANSWER.reasoning);
  const refusal = signal(EMPTY_ANSWER.refusal);
  const toolCalls = signal(EMPTY_ANSWER.toolCalls);
  const finishReason = signal(EMPTY_ANSWER.finishReason);
  const usage = signal(EMPTY_ANSWER.usage);
  return {
    signals: {
      text: text.asReadonly(),
      reasoning: reasoning.asReadonly(),
      refusal: refusal.asReadonly(),
      toolCalls: toolCalls.asReadonly(),
      finishReason: finishReason.asReadonly(),
      usage: usage.asReadonly(),
    },
    write(parts) {
      text.set(parts.text);
      reasoning.set(parts.reasoning);
      refusal.set(parts.refusal);
      toolCalls.set(parts.toolCalls);
      finishReason.set(parts.finishReason);
      usage.set(parts.usage);
    },
  };
}
