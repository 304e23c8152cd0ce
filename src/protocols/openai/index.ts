/**
 * The OpenAI-compatible protocol: request body, SSE → events, codecs, error mapping and the provider.
 *
 * @packageDocumentation
 */
export { createOpenAICompatible } from './createOpenAICompatible';
export { openaiComplete } from './openaiComplete';
export type { OpenAICompatibleProvider } from './createOpenAICompatible';
export type {
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
} from './types';
export type { OpenAIModel } from './codecs';
export { validateOpenAIRequest } from './validateOpenAIRequest';
export type { ValidatedOpenAIRequest } from './validateOpenAIRequest';
export { isOpenAIRetryable } from './errors';
export { requireTextAnswer } from './events/requireTextAnswer';
export type {
  OpenAIMessage,
  OpenAISystemMessage,
  OpenAIUserMessage,
  OpenAIAssistantMessage,
  OpenAIToolMessage,
  OpenAIContentPart,
  OpenAITextPart,
  OpenAIImagePart,
  OpenAIToolCall,
} from './messages';
export type { OpenAITool, OpenAIToolChoice, OpenAIResponseFormat, ReasoningEffort } from './requestTypes';
export type { JsonValue, JsonObject } from '../../core/jsonValue';
export { completeJson } from './completeJson';
export type { CompleteJsonOptions } from './completeJson';
