/**
 * `aivvm-rx/server` (Node only): a relay that streams completions from your server to the browser as server-sent
 * events, keeps the key on the server, resumes a dropped connection from the same single upstream request, and
 * stops the generation when asked (or when no reader came back within a grace period).
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createOpenAICompatible } from 'aivvm-rx';
 * import { createRelay } from 'aivvm-rx/server';
 *
 * const ai = createOpenAICompatible({ baseURL: 'https://api.openai.com/v1', apiKey: process.env['OPENAI_API_KEY'] });
 * createServer(createRelay({ complete: (body) => ai.createCompletionEvents('gpt-4o-mini', body.messages) })).listen(3000);
 * ```
 *
 * @packageDocumentation
 */
export { createRelay } from './createRelay';
export type { Relay, RelayOptions, AuthorizeContext, CompleteContext } from './createRelay';
export type { RelayRequest } from './checkRelayBody';
export { createMemoryStore } from './createMemoryStore';
export type { RelayStore, StoredEvent, StoreListener, StreamRecord } from './RelayStore';
export { DEFAULT_RELAY_LIMITS } from './RelayLimits';
export type { RelayLimits } from './RelayLimits';
export { relayErrorEvent } from './relayErrorEvent';
export type { RelayErrorEvent } from './relayErrorEvent';
