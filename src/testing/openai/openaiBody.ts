import { lastUserContent, type ChatBody } from '../chatBody';
import type { OpenAIReply } from './types';

/** The parts of a chat-completions request the local server looks at. */
export interface OpenAIChatBody extends ChatBody {
  readonly model: string;
  readonly stream?: boolean;
  readonly stream_options?: { readonly include_usage?: boolean };
}

/**
 * True when `json` is a chat-completions request the server can answer: a non-empty `model` string and an array
 * of messages with string contents.
 *
 * @example
 * ```ts
 * isOpenAIChatBody({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] }); // true
 * ```
 */
export function isOpenAIChatBody(json: unknown): json is OpenAIChatBody {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const { model, messages } = json as Record<string, unknown>;
  return (
    typeof model === 'string' &&
    model !== '' &&
    Array.isArray(messages) &&
    messages.every(
      (m) => typeof m === 'object' && m !== null && typeof (m as { content?: unknown }).content === 'string',
    )
  );
}

/** The deltas of a reply: `deltas`, or its text (or the echo) cut every `deltaChars` code points. */
export function deltasOf(reply: OpenAIReply, chat: ChatBody): readonly string[] {
  if (reply.deltas !== undefined) return reply.deltas;
  const text = reply.text ?? lastUserContent(chat);
  const size = reply.deltaChars ?? 4;
  const points = [...text];
  const deltas: string[] = [];
  for (let i = 0; i < points.length; i += size) deltas.push(points.slice(i, i + size).join(''));
  return deltas;
}

/**
 * The SSE body of a streamed answer: a role chunk, one chunk per delta, a chunk with `finish_reason`, a usage
 * chunk when the request asked for it, then `data: [DONE]` (unless `done: false`). An `error` with a 2xx status
 * becomes an `{ error }` event after the deltas, and the stream ends there.
 *
 * @example
 * ```ts
 * sseBody({ deltas: ['Hi'] }, chat); // 'data: {…"role":"assistant"…}\n\ndata: {…"content":"Hi"…}\n\n…data: [DONE]\n\n'
 * ```
 */
export function sseBody(reply: OpenAIReply, chat: OpenAIChatBody): string {
  const eol = reply.lineEnding ?? '\n';
  const deltas = deltasOf(reply, chat);
  const base = { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 0, model: chat.model };
  const events: unknown[] = [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
  ];
  for (const content of deltas) {
    events.push({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  }
  const parts = events.map((event) => JSON.stringify(event));
  if (reply.error !== undefined) {
    parts.push(JSON.stringify({ error: reply.error }));
  } else {
    parts.push(
      JSON.stringify({
        ...base,
        choices: [
          {
            index: 0,
            delta: {},
            finish_reason: reply.finishReason === undefined ? 'stop' : reply.finishReason,
          },
        ],
      }),
    );
    if (chat.stream_options?.include_usage === true) {
      parts.push(JSON.stringify({ ...base, choices: [], usage: reply.usage ?? usageOf(chat, deltas) }));
    }
    if (reply.done !== false) parts.push('[DONE]');
  }
  const comment = reply.comments === true ? `: keep-alive${eol}` : '';
  return parts.map((data) => `${comment}data: ${data}${eol}${eol}`).join('');
}

/**
 * The body of a `stream: false` answer: the whole text as `choices[0].message.content`, with usage.
 *
 * @example
 * ```ts
 * JSON.parse(completionBody({ text: 'Hi' }, chat)).choices[0].message.content; // 'Hi'
 * ```
 */
export function completionBody(reply: OpenAIReply, chat: OpenAIChatBody): string {
  const deltas = deltasOf(reply, chat);
  return JSON.stringify({
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 0,
    model: chat.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: deltas.join('') },
        finish_reason: reply.finishReason === undefined ? 'stop' : reply.finishReason,
      },
    ],
    usage: reply.usage ?? usageOf(chat, deltas),
  });
}

/**
 * The JSON error body OpenAI-compatible servers send: `{ error: { message, type, code } }`.
 *
 * @example
 * ```ts
 * errorBody({ message: 'model not found', type: 'invalid_request_error' }); // '{"error":{…}}'
 * ```
 */
export function errorBody(error: { message: string; type?: string; code?: string | number | null }): string {
  return JSON.stringify({
    error: { message: error.message, type: error.type ?? 'server_error', code: error.code ?? null },
  });
}

function usageOf(
  chat: ChatBody,
  deltas: readonly string[],
): { prompt_tokens: number; completion_tokens: number; total_tokens: number } {
  // Not a tokenizer: one "token" per message word, one per delta. Enough to see the numbers flow.
  const prompt = chat.messages.reduce((sum, m) => sum + (m.content.match(/\S+/g)?.length ?? 0), 0);
  return { prompt_tokens: prompt, completion_tokens: deltas.length, total_tokens: prompt + deltas.length };
}
