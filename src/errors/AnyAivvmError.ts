import type { ContentFilterError } from './ContentFilterError';
import type { ContextBudgetError } from './ContextBudgetError';
import type { DecodeError } from './DecodeError';
import type { FallbackError } from './FallbackError';
import type { HttpError } from './HttpError';
import type { IncompleteResponseError } from './IncompleteResponseError';
import type { InvalidRequestError } from './InvalidRequestError';
import type { InvalidResponseError } from './InvalidResponseError';
import type { NetworkError } from './NetworkError';
import type { ReasoningOnlyError } from './ReasoningOnlyError';
import type { RefusalError } from './RefusalError';
import type { RelayError } from './RelayError';
import type { RelayStreamError } from './RelayStreamError';
import type { ResponseTooLargeError } from './ResponseTooLargeError';
import type { TimeoutError } from './TimeoutError';
import type { ToolCallError } from './ToolCallError';
import type { ToolCallsError } from './ToolCallsError';
import type { UnexpectedFinishError } from './UnexpectedFinishError';
import type { UnsupportedModelError } from './UnsupportedModelError';

/** Every concrete error class, for exhaustive `switch (err._tag)`. */
export type AnyAivvmError =
  | UnsupportedModelError
  | InvalidRequestError
  | HttpError
  | NetworkError
  | InvalidResponseError
  | DecodeError
  | TimeoutError
  | ResponseTooLargeError
  | IncompleteResponseError
  | FallbackError
  | ContextBudgetError
  | RefusalError
  | ContentFilterError
  | ToolCallsError
  | ToolCallError
  | UnexpectedFinishError
  | ReasoningOnlyError
  | RelayError
  | RelayStreamError;
