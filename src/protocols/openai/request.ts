import { browserSafeHeaders, type HttpRequest } from '../../core/httpRequest';
import type { ValidatedOpenAIRequest } from './validateOpenAIRequest';

/**
 * The JSON body of `POST {baseURL}/chat/completions` for a checked request. Streaming requests ask for the usage
 * (`stream_options.include_usage`); optional fields are left out rather than sent as null.
 *
 * @example
 * ```ts
 * chatCompletionBody(request); // { model: 'llama3.2', messages: [...], stream: true, stream_options: { include_usage: true } }
 * ```
 */
export function chatCompletionBody(request: ValidatedOpenAIRequest): Record<string, unknown> {
  const system =
    request.systemMessage === undefined ? [] : [{ role: 'system', content: request.systemMessage }];
  return {
    model: request.model,
    messages: [...system, ...request.messages],
    stream: request.stream,
    ...(request.stream ? { stream_options: { include_usage: true } } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    ...(request.stop !== undefined ? { stop: request.stop } : {}),
  };
}

/** Where and how to send: the pieces of the configuration a request needs. */
export interface OpenAIEndpoint {
  readonly baseURL: string;
  readonly apiKey: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly browser: boolean;
}

/**
 * An OpenAI-compatible request: only `accept`, `content-type` (with a body) and `authorization` (with a key),
 * then the caller's headers (they win). None of the Aivvm seed's browser-like headers.
 *
 * @example
 * ```ts
 * openAIRequest(endpoint, 'POST', '/chat/completions', body, 'text'); // accept: text/event-stream
 * openAIRequest(endpoint, 'GET', '/models', undefined, 'json');
 * ```
 */
export function openAIRequest(
  endpoint: OpenAIEndpoint,
  method: 'GET' | 'POST',
  path: string,
  payload: unknown,
  expect: 'text' | 'json',
): HttpRequest {
  const headers: Record<string, string> = {
    accept: expect === 'text' ? 'text/event-stream' : 'application/json',
    ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    ...(endpoint.apiKey !== undefined ? { authorization: `Bearer ${endpoint.apiKey}` } : {}),
    ...endpoint.headers,
  };
  return {
    url: `${endpoint.baseURL}${path}`,
    body: method === 'POST' ? JSON.stringify(payload) : '',
    headers: endpoint.browser ? browserSafeHeaders(headers) : headers,
    expect,
    method,
  };
}
