/**
 * Conversations: message history as reactive state, with a context budget.
 *
 * @packageDocumentation
 */
export { createConversation } from './createConversation';
export type { Conversation, ConversationOptions } from './createConversation';
export { ContextBudgetError } from '../errors';
export { fitHistory } from './fitHistory';
export { requestHistory } from './requestHistory';
export type { RequestHistoryOptions } from './requestHistory';
export { estimateTokens, estimateMessageTokens, MESSAGE_OVERHEAD_TOKENS } from './estimateTokens';
export { REPLY_PRIMING_TOKENS } from './types';
export { turnToolCalls } from './turnToolCalls';
export type { TurnToolCall } from './turnToolCalls';
export type {
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
  TokenCounter,
  ToolMessageStatus,
} from './types';
