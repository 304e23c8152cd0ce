import { isAivvmError } from '..';

/**
 * The CLI's exit code for each outcome: scripts can tell a bad model from a server error from a timeout.
 * An aivvm-rx error class not listed here exits with {@link EXIT_CODES}.otherAivvmError.
 */
export const EXIT_CODES = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  UnsupportedModelError: 3,
  InvalidRequestError: 4,
  HttpError: 5,
  NetworkError: 6,
  TimeoutError: 7,
  InvalidResponseError: 8,
  DecodeError: 9,
  ResponseTooLargeError: 10,
  otherAivvmError: 11,
  /** An OpenAI-compatible stream ended with neither `data: [DONE]` nor a finish reason: the answer was cut. */
  IncompleteResponseError: 12,
  /** The model refused (OpenAI `refusal`): the refusal is in the message. */
  RefusalError: 13,
  /** A content filter stopped the answer (`content_filter` …). */
  ContentFilterError: 14,
  /** The answer is tool calls, not text. */
  ToolCallsError: 15,
  /** The answer ended with a finish reason that is neither `stop` nor `length` (e.g. `MALFORMED_FUNCTION_CALL`). */
  UnexpectedFinishError: 16,
  /** The answer is reasoning only, no text (a token budget spent thinking, or a server's reasoning parser). */
  ReasoningOnlyError: 17,
  interrupted: 130,
} as const;

/**
 * The exit code for an error an operation failed with.
 *
 * @example
 * ```ts
 * exitCodeOf(new HttpError(500, 'Rate limit', '', 'http://x/api/chat')); // 5
 * ```
 */
export function exitCodeOf(error: unknown): number {
  if (!isAivvmError(error)) return EXIT_CODES.unexpected;
  const codes: Readonly<Record<string, number>> = EXIT_CODES;
  return codes[error._tag] ?? EXIT_CODES.otherAivvmError;
}
