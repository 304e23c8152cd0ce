/**
 * `aivvm-rx/testing`: a real local Aivvm server for tests and demos, with scripted replies and faults.
 *
 * @example
 * ```ts
 * import { startAivvmServer, multilingualText } from 'aivvm-rx/testing';
 *
 * const server = await startAivvmServer({ reply: { text: multilingualText(5_000), chunkSize: [1, 3, 7] } });
 * // … point the client at server.url …
 * await server.close();
 * ```
 *
 * @packageDocumentation
 */
export { startAivvmServer } from './startAivvmServer';
export { multilingualText } from './multilingualText';
export { seededRandom } from './seededRandom';
export type {
  AivvmServer,
  AivvmServerOptions,
  CorsOption,
  Reply,
  ReplyEncoding,
  RecordedRequest,
  RequestFilter,
  ResponseOutcome,
} from './types';
export type { OpenAIReply, OpenAIReplay, OpenAIToolCallReply } from './openai/types';
export { openaiReply } from './openai/openaiReply';
export { jsonReply } from './jsonReply';
export type { JsonReplyOptions } from './jsonReply';
export { replaySse, type ReplaySseOptions } from './openai/replaySse';
