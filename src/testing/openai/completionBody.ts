import { answerOf } from './answerOf';
import { FILTERED, SAFE } from './filterResults';
import type { OpenAIChatBody } from './readOpenAIChat';
import type { OpenAIReply } from './types';

/**
 * The body of a `stream: false` answer: one message with the same answer the stream would carry —
 * `content` (`null` for a refusal or tool calls alone; an array of parts with `contentParts`),
 * `reasoning_content` (or `reasoning`), `refusal`, `tool_calls` — its `finish_reason` and the usage. An `error`
 * with a 2xx status gives `{ error }` instead (a `200` with an error body, as some gateways answer).
 *
 * @example
 * ```ts
 * JSON.parse(completionBody({ text: 'Hi' }, chat)).choices[0].message.content; // 'Hi'
 * ```
 */
export function completionBody(reply: OpenAIReply, chat: OpenAIChatBody): string {
  if (reply.error !== undefined) return JSON.stringify({ error: reply.error });
  const answer = answerOf(reply, chat);
  const text = answer.content.join('');
  const reasoning = answer.reasoning.join('');
  const parts = reply.contentParts === true;
  const content = parts
    ? [
        ...(reasoning === '' ? [] : [{ type: 'thinking', thinking: [{ type: 'text', text: reasoning }] }]),
        ...(text === '' ? [] : [{ type: 'text', text }]),
      ]
    : answer.contentNull
      ? null
      : text;
  const message = {
    role: 'assistant',
    content,
    ...(reasoning !== '' && !parts ? { [reply.reasoningField ?? 'reasoning_content']: reasoning } : {}),
    ...(reply.refusal === undefined ? {} : { refusal: answer.refusal.join('') }),
    ...(answer.toolCalls.length === 0
      ? {}
      : {
          tool_calls: answer.toolCalls.map((call) => ({
            ...(call.id === undefined ? {} : { id: call.id }),
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
        }),
  };
  const filter = reply.filterResults === true;
  return JSON.stringify({
    id: 'chatcmpl-local',
    object: 'chat.completion',
    created: 0,
    model: chat.model,
    ...(filter ? { prompt_filter_results: [{ prompt_index: 0, content_filter_results: SAFE }] } : {}),
    choices: [
      {
        index: 0,
        message,
        finish_reason: answer.finishReason,
        ...(filter ? { content_filter_results: reply.contentFilter === true ? FILTERED : SAFE } : {}),
      },
    ],
    usage: answer.usage,
  });
}
