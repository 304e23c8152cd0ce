import type { ChatBody } from '../chatBody';

/**
 * The parts of a chat-completions request the local server looks at, each message's content as plain text
 * (text parts joined; `null`, absent or non-text parts as `''`).
 *
 * @example
 * ```ts
 * const chat: OpenAIChatBody = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }], stream: true };
 * ```
 */
export interface OpenAIChatBody extends ChatBody {
  /** The model asked for, sent back in every chunk. */
  readonly model: string;
  /** `true` for server-sent events; anything else gets one JSON answer. */
  readonly stream?: boolean;
  /** `include_usage: true` asks for the usage chunk. */
  readonly stream_options?: { readonly include_usage?: boolean };
}

/**
 * Reads a chat-completions request the server can answer: a non-empty `model` string and an array of message
 * objects whose `content` is a string, an array of content parts, `null` or absent (an assistant message with
 * `tool_calls`, a `tool` message). Returns `undefined` for anything else (answered `400`).
 *
 * @example
 * ```ts
 * readOpenAIChat({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] });
 * // { model: 'm', messages: [{ role: 'user', content: 'Hi' }] }
 * ```
 */
export function readOpenAIChat(json: unknown): OpenAIChatBody | undefined {
  if (!isRecord(json)) return undefined;
  const { model, messages, stream, stream_options } = json;
  if (typeof model !== 'string' || model === '' || !Array.isArray(messages)) return undefined;
  const texts: { role?: unknown; content: string }[] = [];
  for (const message of messages) {
    const content = isRecord(message) ? textOf(message['content']) : undefined;
    if (content === undefined) return undefined;
    texts.push({ role: (message as Record<string, unknown>)['role'], content });
  }
  return {
    model,
    messages: texts,
    ...(typeof stream === 'boolean' ? { stream } : {}),
    ...(isRecord(stream_options)
      ? { stream_options: { include_usage: stream_options['include_usage'] === true } }
      : {}),
  };
}

function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) return undefined;
  return content
    .map((part) =>
      isRecord(part) && part['type'] === 'text' && typeof part['text'] === 'string' ? part['text'] : '',
    )
    .join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
