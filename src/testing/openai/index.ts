export { routeOpenAI } from './routeOpenAI';
export type { OpenAIRoutes } from './routeOpenAI';
export type { OpenAIReply, OpenAIReplay, OpenAIToolCallReply } from './types';
export { openaiReply } from './openaiReply';
export { replaySse, type ReplaySseOptions } from './replaySse';
