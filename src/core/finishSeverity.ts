import { finishKind, isTokenLimit } from './finishKind';

/**
 * How much a `finish_reason` says that the answer is not a whole text answer, for a stream that sends more than
 * one: a content filter 4, an unexpected reason 3, tool calls 2, a cut (`length`, `max_tokens`) 1, a plain end
 * (`stop`, `eos` …) 0. The events keep the most severe reason sent, so that a `content_filter` followed by a
 * `stop` still ends `createCompletion` with a `ContentFilterError` (a peer that keeps the last reason reports a
 * filtered answer as a success).
 *
 * @example
 * ```ts
 * finishSeverity('content_filter'); // 4
 * finishSeverity('stop');           // 0
 * ```
 */
export function finishSeverity(reason: string): number {
  switch (finishKind(reason)) {
    case 'content-filter':
      return 4;
    case 'unexpected':
      return 3;
    case 'tool-calls':
      return 2;
    default:
      return isTokenLimit(reason) ? 1 : 0;
  }
}
