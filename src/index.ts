/**
 * aivvm-rx: Aivvm chat completions as cold RxJS Observables.
 *
 * @packageDocumentation
 */
export {
  models,
  MODEL_IDS,
  DEFAULT_MODEL,
  DEFAULT_SYSTEM_MESSAGE,
  DEFAULT_TEMPERATURE,
  isModelId,
  validateModel,
} from './models';
export type { AivvmModel, ModelId } from './models';
export {
  Role,
  Message,
  Messages,
  Temperature,
  CompletionOptions,
  ServerModel,
  ModelsResponse,
  ChatPayload,
  TimeoutOptions,
  RetryOptions,
  Milliseconds,
  strictPartial,
  MAX_CONTENT_CHARS,
} from './codecs';
export { validateRequest } from './validateRequest';
export type { ValidatedRequest } from './validateRequest';
export { validateConfig, defaultConfig, AIVVM_PUBLIC_URL } from './config';
export type { TransportName } from './transport';
export type { AivvmConfig, ResolvedConfig } from './config';
export {
  AivvmError,
  UnsupportedModelError,
  InvalidRequestError,
  HttpError,
  NetworkError,
  InvalidResponseError,
  DecodeError,
  TimeoutError,
  ResponseTooLargeError,
  isAivvmError,
  fromTransportFailure,
  MAX_ERROR_BODY_BYTES,
} from './errors';
export type { AnyAivvmError, ValidationIssue, FailureContext, TimeoutStage } from './errors';
export { SEED_HEADERS, chatPayload, buildHttpRequest, browserSafeHeaders } from './request';
export type { HttpRequest, BuildOptions } from './request';
export { createAivvm, Aivvm } from './provider';
export type { AivvmProvider } from './provider';
export {
  decodeText,
  bufferText,
  accumulateText,
  toText,
  BUFFER_TEXT_MAX_CHARS,
  BUFFER_TEXT_MAX_DELAY_MS,
} from './operators';
export type { DecodeFallback, DecodeTextOptions, BufferTextOptions, TextBoundary } from './operators';
export { DEFAULT_POLICY } from './reliability/policy';
export type { ReliabilityOptions, Policy } from './reliability/policy';
export { defaultRetryWhen } from './reliability/defaultRetryWhen';
export { classifyReasonPhrase, retryAfterFromReason } from './reliability/classifyReasonPhrase';
export type { ReasonPhraseClass } from './reliability/classifyReasonPhrase';
export { describeValue, MAX_LISTED_ISSUES, MAX_KEPT_ISSUES } from './errors';
export { BaseURL, HeaderName, HeaderValue, RequestHeaders, RetryWhen } from './codecs';
export { shareText, paceText } from './operators';
export type { ShareTextOptions, PaceTextOptions } from './operators';
export { createOpenAICompatible, validateOpenAIRequest, isOpenAIRetryable } from './protocols/openai';
export type {
  OpenAICompatibleProvider,
  CompletionEvent,
  Usage,
  OpenAIConfig,
  OpenAICompletionOptions,
  OpenAIModel,
  ValidatedOpenAIRequest,
} from './protocols/openai';
export { fallback } from './fallback';
export { IncompleteResponseError, FallbackError } from './errors';
export type { HttpErrorDetails } from './errors';
export { contextTokens } from './modelTable';
export {
  createConversation,
  ContextBudgetError,
  fitHistory,
  requestHistory,
  estimateTokens,
  estimateMessageTokens,
  MESSAGE_OVERHEAD_TOKENS,
  REPLY_PRIMING_TOKENS,
  budgetFor,
  DEFAULT_RESERVE_FRACTION,
  aivvmComplete,
} from './conversation';
export type {
  Conversation,
  ConversationOptions,
  AnswerStatus,
  Complete,
  ContextBudget,
  ConversationAnswer,
  ConversationMessage,
  ConversationState,
  ConversationStatus,
  TokenCounter,
} from './conversation';
