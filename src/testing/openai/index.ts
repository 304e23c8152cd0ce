export { routeOpenAI } from './routeOpenAI';
export type { OpenAIRoutes } from './routeOpenAI';
export { sseBody, completionBody, errorBody, deltasOf, isOpenAIChatBody } from './openaiBody';
export type { OpenAIChatBody } from './openaiBody';
export type { OpenAIReply } from './types';
export { openaiReply } from './openaiReply';
