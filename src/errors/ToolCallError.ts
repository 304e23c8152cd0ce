import { AivvmError } from './AivvmError';
import type { ValidationIssue } from './ValidationIssue';

/**
 * Why a tool call failed: no such tool, arguments that are not JSON or fail the codec, or the tool threw.
 *
 * @example
 * ```ts
 * const retryable = (kind: ToolCallErrorKind) => kind === 'failed';
 * ```
 */
export type ToolCallErrorKind = 'unknown-tool' | 'invalid-arguments' | 'failed';

/**
 * A tool call that could not give a result. Its `message` is what the model is told as the call's answer (values
 * are described, never echoed: the arguments may hold what the user typed). Emitted in `tool-error` events, and
 * the error of the run when a tool throws under `onToolError: 'fail'`.
 *
 * @example
 * ```ts
 * runTools(ai, 'llama3.2', messages, { tools, onToolError: 'fail' }).subscribe({
 *   error: (e) => { if (e instanceof ToolCallError) console.error(e.name, e.kind, e.cause); },
 * });
 * ```
 */
export class ToolCallError extends AivvmError {
  declare readonly _tag: 'ToolCallError';

  constructor(
    /** What went wrong. */
    readonly kind: ToolCallErrorKind,
    /** The call's id. */
    readonly id: string,
    /** The name the model called. */
    readonly toolName: string,
    /** The message (for the model and for you). */
    message: string,
    /** For `'invalid-arguments'`: where the arguments are wrong, what was expected, what was there (described). */
    readonly issues: readonly ValidationIssue[] = [],
    /** For `'failed'`: what the tool threw or its Observable/Promise errored with. */
    cause?: unknown,
  ) {
    super('ToolCallError', message, cause === undefined ? undefined : { cause });
  }
}
