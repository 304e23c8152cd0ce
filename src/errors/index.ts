/**
 * The whole aivvm-rx error hierarchy. Every error is an {@link AivvmError} with a `_tag` equal to its class
 * name, so callers can `switch (err._tag)` without `instanceof` (which breaks across duplicated bundles).
 *
 * Messages read like a compiler's: what was wrong, where, what was expected, what to do. They never contain
 * request headers or the payload's `key` field.
 *
 * One job per file: the base class and its mark; one file per error class; the rendering of values for messages
 * (`describeValue`, `renderValue`, …); the mapping of transport failures (`fromTransportFailure`).
 *
 * @packageDocumentation
 */

export { AivvmError } from './AivvmError';
export { isAivvmError } from './isAivvmError';
export type { AnyAivvmError } from './AnyAivvmError';
export type { ValidationIssue } from './ValidationIssue';
export { MAX_ERROR_BODY_BYTES, MAX_LISTED_ISSUES, MAX_KEPT_ISSUES } from './limits';

// The error classes.
export { UnsupportedModelError } from './UnsupportedModelError';
export { InvalidRequestError } from './InvalidRequestError';
export { HttpError } from './HttpError';
export type { HttpErrorDetails } from './HttpError';
export { NetworkError } from './NetworkError';
export { InvalidResponseError } from './InvalidResponseError';
export { DecodeError } from './DecodeError';
export { TimeoutError } from './TimeoutError';
export type { TimeoutStage } from './TimeoutError';
export { ResponseTooLargeError } from './ResponseTooLargeError';
export { IncompleteResponseError } from './IncompleteResponseError';
export { FallbackError } from './FallbackError';
export { ContextBudgetError } from './ContextBudgetError';
export { RefusalError } from './RefusalError';
export { ContentFilterError } from './ContentFilterError';
export { ToolCallsError } from './ToolCallsError';
export { ToolCallError } from './ToolCallError';
export type { ToolCallErrorKind } from './ToolCallError';
export { RelayError } from './RelayError';
export { RelayStreamError } from './RelayStreamError';
export { UnexpectedFinishError } from './UnexpectedFinishError';
export { ReasoningOnlyError } from './ReasoningOnlyError';

// Values rendered for messages: short, single-line, never the content of what may be secret.
export { describeValue } from './describeValue';
export { renderValue, renderIdentifier, renderModelId } from './renderValue';
export { groupDigits } from './groupDigits';

// Whatever a transport throws, as an AivvmError.
export { fromTransportFailure } from './fromTransportFailure';
export type { FailureContext } from './fromTransportFailure';
