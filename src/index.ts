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
} from './protocols/aivvm/models';
export type { AivvmModel, ModelId } from './protocols/aivvm/models';
export {
  Role,
  Message,
  Messages,
  Temperature,
  CompletionOptions,
  TimeoutOptions,
  RetryOptions,
  Milliseconds,
  strictPartial,
  MAX_CONTENT_CHARS,
} from './core/codecs';
export { ServerModel, ModelsResponse, ChatPayload } from './protocols/aivvm/codecs';
export { validateRequest } from './protocols/aivvm/validateRequest';
export type { ValidatedRequest } from './protocols/aivvm/validateRequest';
export { validateConfig, defaultConfig, AIVVM_PUBLIC_URL } from './core/config';
export type { TransportName } from './core/transport';
export type { AivvmConfig, ResolvedConfig, SharedConfig } from './core/config';
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
export { SEED_HEADERS, chatPayload, buildHttpRequest } from './protocols/aivvm/request';
export type { BuildOptions } from './protocols/aivvm/request';
export { browserSafeHeaders } from './core/httpRequest';
export type { HttpRequest } from './core/httpRequest';
export { createAivvm, Aivvm } from './protocols/aivvm/provider';
export type { AivvmProvider } from './protocols/aivvm/provider';
export {
  decodeText,
  bufferText,
  accumulateText,
  toText,
  BUFFER_TEXT_MAX_CHARS,
  BUFFER_TEXT_MAX_DELAY_MS,
} from './operators';
export type { DecodeFallback, DecodeTextOptions, BufferTextOptions, TextBoundary } from './operators';
export { DEFAULT_POLICY } from './core/reliability/policy';
export type { ReliabilityOptions, Policy } from './core/reliability/policy';
export { defaultRetryWhen } from './core/reliability/defaultRetryWhen';
export { classifyReasonPhrase, retryAfterFromReason } from './core/reliability/classifyReasonPhrase';
export type { ReasonPhraseClass } from './core/reliability/classifyReasonPhrase';
export { describeValue, MAX_LISTED_ISSUES, MAX_KEPT_ISSUES } from './errors';
export { BaseURL, HeaderName, HeaderValue, RequestHeaders, RetryWhen } from './core/codecs';
export { shareText, paceText } from './operators';
export type { ShareTextOptions, PaceTextOptions } from './operators';
export {
  createOpenAICompatible,
  validateOpenAIRequest,
  isOpenAIRetryable,
  openaiComplete,
  requireTextAnswer,
  completeJson,
} from './protocols/openai';
export type {
  OpenAICompatibleProvider,
  CompletionEvent,
  TextEvent,
  ReasoningEvent,
  RefusalEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
  FinishEvent,
  Usage,
  OpenAIConfig,
  OpenAICompletionOptions,
  OpenAIModel,
  ValidatedOpenAIRequest,
} from './protocols/openai';
// What an OpenAI-compatible request can say beyond text: content parts, tool calls, tools, response formats.
export type {
  OpenAIMessage,
  CompleteJsonOptions,
  OpenAISystemMessage,
  OpenAIUserMessage,
  OpenAIAssistantMessage,
  OpenAIToolMessage,
  OpenAIContentPart,
  OpenAITextPart,
  OpenAIImagePart,
  OpenAIToolCall,
  OpenAITool,
  OpenAIToolChoice,
  OpenAIResponseFormat,
  ReasoningEffort,
  JsonValue,
  JsonObject,
} from './protocols/openai';
export { fallback } from './core/fallback';
export {
  IncompleteResponseError,
  FallbackError,
  RefusalError,
  ContentFilterError,
  ToolCallsError,
  UnexpectedFinishError,
  ReasoningOnlyError,
} from './errors';
export type { HttpErrorDetails } from './errors';
export { contextTokens } from './protocols/aivvm/modelTable';
export {
  createConversation,
  ContextBudgetError,
  fitHistory,
  requestHistory,
  estimateTokens,
  estimateMessageTokens,
  MESSAGE_OVERHEAD_TOKENS,
  REPLY_PRIMING_TOKENS,
  turnToolCalls,
} from './conversation';
// The conversation's adapters to the Aivvm protocol live with the protocol: a conversation knows none.
export { budgetFor, DEFAULT_RESERVE_FRACTION } from './protocols/aivvm/budgetFor';
export { aivvmComplete } from './protocols/aivvm/aivvmComplete';
export type {
  Conversation,
  ConversationOptions,
  AnswerEvent,
  AnswerStatus,
  AnswerToolCall,
  AnswerUsage,
  Complete,
  ContextBudget,
  ConversationAnswer,
  ConversationMessage,
  ConversationState,
  ConversationStatus,
  ConversationToolMessage,
  HistoryMessage,
  HistoryToolCall,
  RequestHistoryOptions,
  TokenCounter,
  ToolMessageStatus,
  TurnToolCall,
} from './conversation';
export { streamJson } from './json';
export type {
  DeepPartial,
  ElementAtPath,
  FieldOf,
  JsonDone,
  JsonItem,
  JsonPartial,
  PartialsMode,
  StreamJsonEvent,
  StreamJsonOptions,
  TypeAtPath,
} from './json';
export { runTools, defineTool, toolsComplete, DEFAULT_MAX_STEPS, ToolCallError } from './tools';
export type {
  Tool,
  Tools,
  ToolContext,
  ToolsProvider,
  RunToolsOptions,
  RunToolsEvent,
  ToolResultEvent,
  ToolErrorEvent,
  StepFinishEvent,
  RunFinishEvent,
  ToolCallErrorKind,
} from './tools';
// The client of a relay (aivvm-rx/server's createRelay): answers through your server, resumed after a drop.
export {
  createRelayProvider,
  resumeEvents,
  DEFAULT_RECONNECT,
  CompletionEventCodec,
  RelayError,
  RelayStreamError,
} from './relay';
export type {
  RelayConfig,
  RelayProvider,
  ReconnectOptions,
  ResumeOptions,
  Numbered,
  RelayBody,
} from './relay';
