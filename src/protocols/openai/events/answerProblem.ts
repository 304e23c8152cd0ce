import {
  ContentFilterError,
  ReasoningOnlyError,
  RefusalError,
  ToolCallsError,
  UnexpectedFinishError,
  type AivvmError,
} from '../../../errors';
import type { ToolCallEvent } from '../types';
import { finishKind } from '../../../core/finishKind';

/** What an answer held once it ended, for {@link answerProblem}. */
export interface AnswerSummary {
  /** The answer text (already delivered). */
  readonly text: string;
  /** The refusal text, `''` when none. */
  readonly refusal: string;
  /** The reasoning text, `''` when none. */
  readonly reasoning: string;
  /** The whole tool calls. */
  readonly toolCalls: readonly ToolCallEvent[];
  /** The `finish_reason`, `null` when none came. */
  readonly reason: string | null;
}

/**
 * Why a finished answer is not a text answer, as the error `createCompletion` ends with, or `undefined` when it
 * is one (a `length` cut included). In this order: a refusal ({@link RefusalError}), a content filter
 * ({@link ContentFilterError}), tool calls or a `tool_calls` reason ({@link ToolCallsError}), any other reason
 * that {@link finishKind} does not know as a text ending ({@link UnexpectedFinishError}), reasoning and no text at
 * all ({@link ReasoningOnlyError}).
 *
 * @example
 * ```ts
 * answerProblem({ text: '', refusal: "I can't.", reasoning: '', toolCalls: [], reason: 'stop' }); // RefusalError
 * answerProblem({ text: 'Hi', refusal: '', reasoning: '', toolCalls: [], reason: 'length' });     // undefined
 * ```
 */
export function answerProblem(answer: AnswerSummary): AivvmError | undefined {
  const { text, refusal, reasoning, toolCalls, reason } = answer;
  if (refusal !== '') return new RefusalError(refusal, reason, text);
  const kind = finishKind(reason);
  if (kind === 'content-filter') return new ContentFilterError(reason ?? '', text);
  if (toolCalls.length > 0 || kind === 'tool-calls') return new ToolCallsError(toolCalls, reason, text);
  if (kind === 'unexpected') return new UnexpectedFinishError(reason ?? '', text);
  if (text === '' && reasoning !== '') return new ReasoningOnlyError(reasoning, reason);
  return undefined;
}
