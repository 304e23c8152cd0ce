import type { Reply } from '../types';

/**
 * A scripted answer of `POST /v1/chat/completions` (the OpenAI-compatible route of the local server). It is a
 * {@link Reply} (enqueue it like one: `server.enqueue(reply)`), whose answer is sent as server-sent events, one
 * chunk per delta, with the same faults (`chunkSize`, `chunkDelayMs`, `closeAfterBytes`, `stallAfterBytes`,
 * `status`, …) applied to the SSE bytes. A `stream: false` request gets the same answer as one JSON message.
 *
 * Beyond text it sends what real servers send, in the field names of each family: reasoning (`reasoning`),
 * refusals (`refusal`), tool calls (`toolCalls`, `toolCallStyle`), Mistral's content parts (`contentParts`),
 * Azure's content-filter results (`filterResults`, `contentFilter`), usage where and when each server puts it
 * (`sendUsage`, `usageChunk`, `usageOnEveryChunk`); or it replays a recorded SSE body (`replay`).
 *
 * @example
 * ```ts
 * server.enqueue({ deltas: ['Hel', 'lo'], finishReason: 'length' } satisfies OpenAIReply);
 * server.enqueue({ text: 'cut short', done: false, finishReason: null } satisfies OpenAIReply); // a cut stream
 * server.enqueue({ status: 429, error: { message: 'slow down', type: 'rate_limit' } } satisfies OpenAIReply);
 * server.enqueue({ reasoning: 'Two and two…', reasoningField: 'reasoning', text: '4' } satisfies OpenAIReply);
 * server.enqueue({ toolCalls: [{ name: 'weather', arguments: '{"city":"Paris"}' }] } satisfies OpenAIReply);
 * ```
 */
export interface OpenAIReply extends Reply {
  /** The deltas to send, in order (wins over `text` and `echo`). Default: the text cut every `deltaChars` characters. */
  deltas?: readonly string[];
  /**
   * Characters (code points) per delta when a text is cut into deltas (`text`, the echo, and `reasoning`,
   * `refusal` and tool-call `arguments` given as one string). A positive integer. Default 4.
   */
  deltaChars?: number;
  /**
   * The `finish_reason` of the last chunk; `null` sends `null` (as Ollama does). Default `'stop'`;
   * `'tool_calls'` with `toolCalls` (but `'stop'` with `toolCallStyle: 'ollama'`, as Ollama does);
   * `'content_filter'` with `contentFilter`.
   */
  finishReason?: string | null;
  /** Send `data: [DONE]` at the end. Default true. */
  done?: boolean;
  /** Line ending of the SSE body. Default `'\n'`. */
  lineEnding?: '\n' | '\r\n' | '\r';
  /** Send a `: keep-alive` comment line before every chunk. */
  comments?: boolean;
  /**
   * An error: with a non-2xx `status`, the JSON error body `{ error }`; with a 2xx, an `{ error }` event sent
   * after the deltas (then the stream ends without `[DONE]`), or for `stream: false` a `200` whose body is
   * `{ error }` (as some gateways answer).
   */
  error?: {
    /** The error's text, e.g. `'slow down'`. */
    message: string;
    /** The error's kind, e.g. `'rate_limit'` or `'invalid_request_error'`. */
    type?: string;
    /** A machine-readable code, e.g. `'invalid_api_key'`, or a number such as `429`. */
    code?: string | number | null;
  };
  /**
   * The usage to send; default counts from the request (one per word) and the answer (one per delta). Details
   * are sent as given, e.g. `{ …, prompt_tokens_details: { cached_tokens: 8 } }`.
   */
  usage?: {
    /** Tokens of the request's messages. */
    prompt_tokens: number;
    /** Tokens of the answer. */
    completion_tokens: number;
    /** Both together. */
    total_tokens: number;
    /** E.g. `{ cached_tokens: 8 }`. */
    prompt_tokens_details?: Readonly<Record<string, number>>;
    /** E.g. `{ reasoning_tokens: 120 }`. */
    completion_tokens_details?: Readonly<Record<string, number>>;
  };
  /**
   * Reasoning ("thinking") sent before the answer: a string (cut every `deltaChars` characters) or the deltas.
   * Sent as `delta.reasoning_content` or `delta.reasoning` (`reasoningField`), or as thinking parts with
   * `contentParts`; for `stream: false`, as `message.reasoning_content` (or `reasoning`).
   *
   * @example
   * ```ts
   * server.enqueue({ reasoning: ['The user', ' asks for 2+2.'], text: '4' } satisfies OpenAIReply);
   * ```
   */
  reasoning?: string | readonly string[];
  /**
   * The delta field of `reasoning`: `'reasoning_content'` (DeepSeek, Groq, xAI, Alibaba, Azure's DeepSeek) or
   * `'reasoning'` (Ollama, vLLM ≥ 0.11, OpenRouter). Default `'reasoning_content'`.
   *
   * @example
   * ```ts
   * server.enqueue({ reasoning: 'thinking…', reasoningField: 'reasoning', text: 'done' } satisfies OpenAIReply);
   * ```
   */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /**
   * A refusal, as OpenAI sends it: the first chunk has `content: null, refusal: ''`, then `delta.refusal`
   * pieces, and no content (unless `text` or `deltas` are given too). A string (cut every `deltaChars`
   * characters) or the pieces. For `stream: false`: `message.refusal`, `message.content: null`.
   *
   * @example
   * ```ts
   * server.enqueue({ refusal: "I'm sorry, I can't help with that." } satisfies OpenAIReply);
   * ```
   */
  refusal?: string | readonly string[];
  /**
   * Tool calls, sent after the text (no text unless `text` or `deltas` are given: the first chunk then has
   * `content: null`). Their shape on the wire follows `toolCallStyle`; the finish reason becomes `'tool_calls'`
   * (`'stop'` in the Ollama style). At least one.
   *
   * @example
   * ```ts
   * server.enqueue({
   *   toolCalls: [{ id: 'call_1', name: 'weather', arguments: ['{"city":', '"Paris"}'] }],
   * } satisfies OpenAIReply);
   * ```
   */
  toolCalls?: readonly OpenAIToolCallReply[];
  /**
   * How tool calls are sent:
   * - `'openai'` (default; OpenAI, DeepSeek, Azure, vLLM, NIM): every delta has the call's `index`; the first
   *   has `id`, `type` and the function `name` with empty `arguments`, the next ones only `arguments` pieces;
   * - `'whole'` (Groq, xAI, Cerebras): each call whole in one delta, with its `index`;
   * - `'ollama'` (Ollama, Mistral, Gemini gateways): each call whole in one delta, without `index`, and the
   *   default finish reason is `'stop'`.
   *
   * @example
   * ```ts
   * server.enqueue({ toolCalls: [{ name: 'f', arguments: '{}' }], toolCallStyle: 'ollama' } satisfies OpenAIReply);
   * ```
   */
  toolCallStyle?: 'openai' | 'whole' | 'ollama';
  /**
   * The `index` of the first tool call (the next ones count up from it). Default 0; some servers start at 1.
   *
   * @example
   * ```ts
   * server.enqueue({ toolCalls: [{ name: 'f', arguments: '{}' }], firstToolCallIndex: 1 } satisfies OpenAIReply);
   * ```
   */
  firstToolCallIndex?: number;
  /**
   * Send `delta.content` as an array of parts, as Mistral's magistral models do: text as
   * `[{ type: 'text', text }]`, reasoning as `[{ type: 'thinking', thinking: [{ type: 'text', text }] }]`.
   * For `stream: false`, `message.content` is the array of parts (thinking first).
   *
   * @example
   * ```ts
   * server.enqueue({ contentParts: true, reasoning: 'Basic arithmetic.', text: '2 + 2 = 4' } satisfies OpenAIReply);
   * ```
   */
  contentParts?: boolean;
  /**
   * Azure OpenAI's content-filter annotations: a first chunk with empty `choices` and `prompt_filter_results`,
   * `content_filter_results` on every content chunk, and after the finish chunk one chunk that carries only
   * `content_filter_results` and `content_filter_offsets`. For `stream: false`, `prompt_filter_results` and the
   * choice's `content_filter_results`.
   *
   * @example
   * ```ts
   * server.enqueue({ text: 'Hello', filterResults: true } satisfies OpenAIReply);
   * ```
   */
  filterResults?: boolean;
  /**
   * The answer is stopped by a content filter: finish reason `'content_filter'` after whatever text was sent
   * (with `filterResults`, the last results mark `hate` as filtered, severity `high`). Not with `finishReason`.
   *
   * @example
   * ```ts
   * server.enqueue({ text: 'The first words', contentFilter: true } satisfies OpenAIReply);
   * ```
   */
  contentFilter?: boolean;
  /**
   * When the stream carries usage: `'if-asked'` (default: when the request has
   * `stream_options: { include_usage: true }`, as OpenAI), `'always'` (Groq, Mistral, DeepSeek, Ollama, vLLM send
   * it unasked) or `'never'` (servers that ignore `stream_options`).
   *
   * @example
   * ```ts
   * server.enqueue({ text: 'Hi', sendUsage: 'always', usageChunk: 'last-choice' } satisfies OpenAIReply);
   * ```
   */
  sendUsage?: 'if-asked' | 'always' | 'never';
  /**
   * Where the final usage goes: `'separate'` (default: its own chunk with `choices: []` after the finish chunk,
   * as OpenAI and Ollama) or `'last-choice'` (on the chunk with the finish reason, as Groq, Mistral and DeepSeek).
   *
   * @example
   * ```ts
   * server.enqueue({ text: 'Hi', sendUsage: 'always', usageChunk: 'last-choice' } satisfies OpenAIReply);
   * ```
   */
  usageChunk?: 'separate' | 'last-choice';
  /**
   * Put a running `usage` on every chunk (completion tokens so far), as NIM and vLLM do with continuous usage
   * stats; the final usage still goes where `usageChunk` says. Only when usage is sent (`sendUsage`).
   *
   * @example
   * ```ts
   * server.enqueue({ text: 'Hello', sendUsage: 'always', usageOnEveryChunk: true } satisfies OpenAIReply);
   * ```
   */
  usageOnEveryChunk?: boolean;
  /**
   * Write each SSE event in one write (one HTTP chunk per event), whatever its size, instead of cutting the
   * body every `chunkSize` bytes. Not with `chunkSize` or `encoding`. `chunkDelayMs` paces the events.
   *
   * @example
   * ```ts
   * server.enqueue({ text: 'Hello, world', perEvent: true, chunkDelayMs: 20 } satisfies OpenAIReply);
   * ```
   */
  perEvent?: boolean;
  /**
   * Replay a recorded SSE body (a file, or its bytes) as the response body, sent as it is (whatever the request
   * asks, `stream: false` included) with this reply's chunking, pace and faults (`chunkSize`, `perEvent`,
   * `chunkDelayMs`, `closeAfterBytes`, `stallAfterBytes`, `status`, `headers` …). A file is read when the reply
   * is given (`enqueue`, `setReply`, `replaySse`), so a missing file fails there. See also `replaySse`.
   *
   * @example
   * ```ts
   * server.enqueue({ replay: { file: 'fixtures/groq-tool-call.sse' }, perEvent: true } satisfies OpenAIReply);
   * server.enqueue({ replay: { bytes: 'data: {"choices":[]}\n\ndata: [DONE]\n\n' }, chunkSize: 3 } satisfies OpenAIReply);
   * ```
   */
  replay?: OpenAIReplay;
}

/**
 * One tool call of {@link OpenAIReply.toolCalls}.
 *
 * @example
 * ```ts
 * const call: OpenAIToolCallReply = { id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' };
 * const split: OpenAIToolCallReply = { name: 'weather', arguments: ['{"city":', '"Paris"}'] };
 * const noId: OpenAIToolCallReply = { id: null, name: 'weather', arguments: '{}' };
 * ```
 */
export interface OpenAIToolCallReply {
  /**
   * The call's id. Default `call_<n>` (n counting the answer's calls from 0); `''` sends an empty id and
   * `null` sends none (both as some servers do).
   */
  id?: string | null;
  /** The function's name. */
  name: string;
  /**
   * The arguments, raw (usually JSON, sent as written, valid or not): one string, cut every `deltaChars`
   * characters in the `'openai'` style, or the pieces to send in order.
   */
  arguments: string | readonly string[];
}

/**
 * A recorded SSE body to replay ({@link OpenAIReply.replay}): exactly one of `file` and `bytes`.
 *
 * @example
 * ```ts
 * const fromFile: OpenAIReplay = { file: 'fixtures/ollama-thinking.sse' };
 * const inline: OpenAIReplay = { bytes: 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n' };
 * ```
 */
export interface OpenAIReplay {
  /** A file holding the exact bytes a server sent; read when the reply is given. */
  file?: string;
  /** The bytes themselves (a string is sent as UTF-8). */
  bytes?: string | Uint8Array;
}
