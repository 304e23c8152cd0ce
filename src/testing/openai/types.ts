import type { Reply } from '../types';

/**
 * A scripted answer of `POST /v1/chat/completions` (the OpenAI-compatible route of the local server). It is a
 * {@link Reply} (enqueue it like one: `server.enqueue(reply)`), whose answer text (`text`, or the echo) is sent as
 * server-sent events, one chunk per delta, with the same faults (`chunkSize`, `chunkDelayMs`, `closeAfterBytes`,
 * `stallAfterBytes`, `status`, …) applied to the SSE bytes. `bytes` is sent verbatim as the SSE body.
 *
 * @example
 * ```ts
 * server.enqueue({ deltas: ['Hel', 'lo'], finishReason: 'length' } satisfies OpenAIReply);
 * server.enqueue({ text: 'cut short', done: false, finishReason: null } satisfies OpenAIReply); // a cut stream
 * server.enqueue({ status: 429, error: { message: 'slow down', type: 'rate_limit' } } satisfies OpenAIReply);
 * ```
 */
export interface OpenAIReply extends Reply {
  /** The deltas to send, in order (wins over `text` and `echo`). Default: the text cut every `deltaChars` characters. */
  deltas?: readonly string[];
  /** Characters (code points) per delta when `deltas` is not given. Default 4. */
  deltaChars?: number;
  /** The `finish_reason` of the last chunk; `null` sends `null` (as Ollama does). Default `'stop'`. */
  finishReason?: string | null;
  /** Send `data: [DONE]` at the end. Default true. */
  done?: boolean;
  /** Line ending of the SSE body. Default `'\n'`. */
  lineEnding?: '\n' | '\r\n' | '\r';
  /** Send a `: keep-alive` comment line before every chunk. */
  comments?: boolean;
  /**
   * An error: with a non-2xx `status`, the JSON error body `{ error }`; with a 2xx, an `{ error }` event sent
   * after the deltas (then the stream ends without `[DONE]`).
   */
  error?: {
    /** The error's text, e.g. `'slow down'`. */
    message: string;
    /** The error's kind, e.g. `'rate_limit'` or `'invalid_request_error'`. */
    type?: string;
    /** A machine-readable code, e.g. `'invalid_api_key'`. */
    code?: string | number | null;
  };
  /** The usage sent when the request asks for it; default counts from the request and the deltas. */
  usage?: {
    /** Tokens of the request's messages. */
    prompt_tokens: number;
    /** Tokens of the answer. */
    completion_tokens: number;
    /** Both together. */
    total_tokens: number;
  };
}
