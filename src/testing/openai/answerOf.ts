import { lastUserContent, type ChatBody } from '../chatBody';
import type { OpenAIReply } from './types';

/**
 * One tool call of an {@link Answer}, as the wire will carry it.
 *
 * @example
 * ```ts
 * const call: AnswerToolCall = { index: 0, id: 'call_0', name: 'f', pieces: ['{"a":', '1}'], arguments: '{"a":1}' };
 * ```
 */
export interface AnswerToolCall {
  /** The `index` sent with it; `undefined` in the Ollama style (none sent). */
  readonly index: number | undefined;
  /** The id; `undefined` sends none. */
  readonly id: string | undefined;
  /** The function's name. */
  readonly name: string;
  /** The `arguments` pieces, one delta each in the OpenAI style. */
  readonly pieces: readonly string[];
  /** The whole arguments (the pieces joined). */
  readonly arguments: string;
}

/**
 * What a reply answers to one request, independent of the framing: the pieces of each kind, the finish reason
 * and the usage. The SSE body and the `stream: false` body are both written from it.
 *
 * @example
 * ```ts
 * answerOf({ text: 'Hello', deltaChars: 2 }, chat).content; // ['He', 'll', 'o']
 * ```
 */
export interface Answer {
  /** Reasoning deltas. */
  readonly reasoning: readonly string[];
  /** Refusal deltas. */
  readonly refusal: readonly string[];
  /** Answer text deltas. */
  readonly content: readonly string[];
  /** True when the answer has no text at all (a refusal or tool calls only): `content` is sent as `null`. */
  readonly contentNull: boolean;
  /** The tool calls. */
  readonly toolCalls: readonly AnswerToolCall[];
  /** The `finish_reason` of the last chunk. */
  readonly finishReason: string | null;
  /** The final usage. */
  readonly usage: Usage;
  /** Prompt tokens, for running usage counts. */
  readonly promptTokens: number;
}

/**
 * The usage object sent on the wire.
 *
 * @example
 * ```ts
 * const usage: Usage = { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 };
 * ```
 */
export type Usage = NonNullable<OpenAIReply['usage']>;

/**
 * Resolves a checked {@link OpenAIReply} against a request into an {@link Answer}: texts cut into deltas every
 * `deltaChars` code points, the echo when no text is given (unless the answer is a refusal or tool calls), tool
 * call ids and indexes, the default finish reason, and the usage (one token per request word, one per delta,
 * unless `usage` is given).
 *
 * @example
 * ```ts
 * answerOf({ toolCalls: [{ name: 'f', arguments: '{}' }] }, chat).finishReason; // 'tool_calls'
 * ```
 */
export function answerOf(reply: OpenAIReply, chat: ChatBody): Answer {
  const size = reply.deltaChars ?? 4;
  const cut = (text: string | readonly string[] | undefined): readonly string[] =>
    text === undefined ? [] : typeof text === 'string' ? cutText(text, size) : text;
  const silent = reply.echo !== true && (reply.refusal !== undefined || reply.toolCalls !== undefined);
  const content = reply.deltas ?? cut(reply.text ?? (silent ? undefined : lastUserContent(chat)));
  const style = reply.toolCallStyle ?? 'openai';
  const first = reply.firstToolCallIndex ?? 0;
  const toolCalls = (reply.toolCalls ?? []).map((call, i): AnswerToolCall => {
    const pieces = typeof call.arguments === 'string' ? cutText(call.arguments, size) : call.arguments;
    return {
      index: style === 'ollama' ? undefined : first + i,
      id: call.id === null ? undefined : (call.id ?? `call_${i}`),
      name: call.name,
      pieces,
      arguments: pieces.join(''),
    };
  });
  const reasoning = cut(reply.reasoning);
  const refusal = cut(reply.refusal);
  const finishReason =
    reply.finishReason !== undefined
      ? reply.finishReason
      : reply.contentFilter === true
        ? 'content_filter'
        : toolCalls.length > 0 && style !== 'ollama'
          ? 'tool_calls'
          : 'stop';
  // Not a tokenizer: one "token" per message word, one per delta. Enough to see the numbers flow.
  const promptTokens = chat.messages.reduce((sum, m) => sum + (m.content.match(/\S+/g)?.length ?? 0), 0);
  const completion =
    reasoning.length +
    refusal.length +
    content.length +
    toolCalls.reduce((n, call) => n + call.pieces.length, 0);
  return {
    reasoning,
    refusal,
    content,
    contentNull: content.length === 0 && silent && reply.deltas === undefined && reply.text === undefined,
    toolCalls,
    finishReason,
    usage: reply.usage ?? {
      prompt_tokens: promptTokens,
      completion_tokens: completion,
      total_tokens: promptTokens + completion,
    },
    promptTokens,
  };
}

/** `text` cut every `size` code points (never inside a surrogate pair); `''` gives no piece. */
function cutText(text: string, size: number): string[] {
  const points = [...text];
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += size) pieces.push(points.slice(i, i + size).join(''));
  return pieces;
}
