import type { Observable } from 'rxjs';
import type { SharedConfig } from '../core/config';
import type { OpenAIModel } from '../protocols/openai/codecs';
import type { OpenAICompatibleProvider } from '../protocols/openai/createOpenAICompatible';
import type { OpenAIMessage } from '../protocols/openai/messages';
import type { CompletionEvent, OpenAICompletionOptions } from '../protocols/openai/types';
import type { ReconnectOptions } from './resumeEvents';

/**
 * Configuration of {@link createRelayProvider}: the URL where the relay (`createRelay` of `aivvm-rx/server`) is
 * mounted, how to reconnect after a network drop, the model names `listModels` offers, and what every provider
 * takes (headers, axios instance, transport, timeouts per connection, retries of the first request, scheduler).
 *
 * @example
 * ```ts
 * const config: RelayConfig = {
 *   baseURL: 'https://example.com/api/relay',
 *   reconnect: { attempts: 8, initialDelayMs: 500, maxDelayMs: 8_000 },
 *   models: ['gpt-4o-mini'],
 * };
 * ```
 */
export interface RelayConfig extends SharedConfig {
  /** Where the relay is mounted, e.g. `https://example.com/api/relay` or `http://127.0.0.1:3000/relay`. */
  readonly baseURL: string;
  /**
   * Reconnects after a network drop: `attempts` in a row without a new event (default 5), the first after
   * `initialDelayMs` (250), doubling up to `maxDelayMs` (5 000).
   */
  readonly reconnect?: ReconnectOptions;
  /** The model names `listModels()` answers (a relay has no model list of its own). Default none. */
  readonly models?: readonly string[];
}

/**
 * A provider whose answers come from a relay (`createRelay` in `aivvm-rx/server`) instead of the model server:
 * the key stays on the server, and a dropped connection is resumed where it broke (`Last-Event-ID`), so the
 * subscriber sees every event exactly once and the server makes one upstream request per answer. It has the
 * shape of an OpenAI-compatible provider, so `AivvmService`, `injectConversation`, `openaiComplete`,
 * `completeJson` and `runTools` take it as they take one.
 *
 * @example
 * ```ts
 * const relay: RelayProvider = createRelayProvider({ baseURL: '/api/relay' });
 * relay.createCompletion('gpt-4o-mini', [{ role: 'user', content: 'Hi' }], true).subscribe((t) => out.append(t));
 * ```
 */
export interface RelayProvider {
  /** The relay's URL (`baseURL`, without a trailing slash). */
  readonly url: string;
  /** Completions stream. */
  readonly supportsStream: true;
  /**
   * The answer as text, as an OpenAI-compatible provider gives it: the text deltas as they arrive
   * (`stream: true`) or the whole text once (`stream: false`; the relay streams either way). A refusal, a
   * content filter or tool calls end it with `RefusalError`, `ContentFilterError` or `ToolCallsError` after the
   * text, as `createCompletion` of a direct provider does. Cold; unsubscribing stops the answer on the relay.
   *
   * @example
   * ```ts
   * relay.createCompletion('gpt-4o-mini', messages, true, { temperature: 0.2 }).subscribe((t) => out.append(t));
   * ```
   */
  createCompletion(
    model: string,
    messages: readonly OpenAIMessage[],
    stream: boolean,
    options?: OpenAICompletionOptions,
  ): Observable<string>;
  /**
   * The answer as the relay's events (text, reasoning, refusal, tool-call deltas, tool calls, then `finish`).
   * Nothing is sent before subscribe. `POST <baseURL>/` starts the answer; after a network drop (a reset socket,
   * a stream that ends without `finish`, an idle timeout, a 5xx/408/429 on reconnect) `GET <baseURL>/<id>` with
   * `Last-Event-ID` resumes it, within the reconnect policy, skipping events already delivered. Arguments are
   * checked as `createOpenAICompatible` checks them (an `InvalidRequestError`, nothing sent). Unsubscribing
   * before the end aborts the open request and sends `DELETE <baseURL>/<id>`, which stops the upstream request.
   * The relay's own error event is a `RelayError`; a refused reconnect a `RelayStreamError` (404 expired, 403).
   *
   * @example
   * ```ts
   * relay.createCompletionEvents('gpt-4o-mini', messages).subscribe((e) => e.type === 'text' && out.append(e.text));
   * ```
   */
  createCompletionEvents(
    model: string,
    messages: readonly OpenAIMessage[],
    options?: OpenAICompletionOptions,
  ): Observable<CompletionEvent>;
  /**
   * The `models` of the configuration, as an OpenAI-compatible server lists them (a relay has no model route).
   *
   * @example
   * ```ts
   * createRelayProvider({ baseURL, models: ['gpt-4o-mini'] }).listModels().subscribe(console.log); // [{ id: 'gpt-4o-mini', object: 'model' }]
   * ```
   */
  listModels(): Observable<readonly OpenAIModel[]>;
}

// A relay provider is usable wherever an OpenAI-compatible one is (ChatProvider, openaiComplete, completeJson …).
const _sameShape = (relay: RelayProvider): OpenAICompatibleProvider => relay;
void _sameShape;
