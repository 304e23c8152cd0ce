import { browserSafeHeaders, type HttpRequest } from '../../core/httpRequest';
import type { ValidatedOpenAIRequest } from './validateOpenAIRequest';

/**
 * The JSON body of `POST {baseURL}/chat/completions` for a checked request. Streaming requests ask for the usage
 * (`stream_options.include_usage`); optional fields are left out rather than sent as null; each option goes under
 * its wire name (`maxCompletionTokens` → `max_completion_tokens`, `toolChoice` → `tool_choice`,
 * `responseFormat` → `response_format`, `reasoningEffort` → `reasoning_effort`), and `extraBody`'s fields are added
 * as they are (validation made sure they replace none of these).
 *
 * @example
 * ```ts
 * chatCompletionBody(request); // { model: 'llama3.2', messages: [...], stream: true, stream_options: { include_usage: true } }
 * ```
 */
export function chatCompletionBody(request: ValidatedOpenAIRequest): Record<string, unknown> {
  const system =
    request.systemMessage === undefined ? [] : [{ role: 'system', content: request.systemMessage }];
  const optional: Record<string, unknown> = {
    temperature: request.temperature,
    max_tokens: request.maxTokens,
    stop: request.stop,
    max_completion_tokens: request.maxCompletionTokens,
    seed: request.seed,
    tools: request.tools,
    tool_choice: request.toolChoice,
    response_format: request.responseFormat,
    reasoning_effort: request.reasoningEffort,
  };
  const body: Record<string, unknown> = {
    model: request.model,
    messages: [...system, ...request.messages],
    stream: request.stream,
    ...(request.stream ? { stream_options: { include_usage: true } } : {}),
  };
  for (const [field, value] of Object.entries(optional)) if (value !== undefined) body[field] = value;
  // defineProperty, not assignment: a server's own field named `__proto__` stays a field.
  for (const [field, value] of Object.entries(request.extraBody ?? {})) {
    if (value === undefined || Object.prototype.hasOwnProperty.call(body, field)) continue;
    Object.defineProperty(body, field, { value, enumerable: true, writable: true, configurable: true });
  }
  return body;
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
    // Server-sent events and JSON are parsed from the whole stream: where its chunks were cut does not matter.
    coalesce: true,
  };
}
