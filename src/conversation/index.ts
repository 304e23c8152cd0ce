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
  HistoryMessage,
  TokenCounter,
} from './types';
