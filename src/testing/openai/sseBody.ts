import { answerOf, type Answer, type Usage } from './answerOf';
import { FILTERED, SAFE } from './filterResults';
import type { OpenAIChatBody } from './readOpenAIChat';
import type { OpenAIReply } from './types';

/**
 * The SSE body of a streamed answer, in the order real servers send it: Azure's prompt-filter chunk
 * (`filterResults`), a role chunk, the reasoning, refusal, text and tool-call deltas, a chunk with
 * `finish_reason`, Azure's trailing filter chunk, a usage chunk (when usage is sent, see `sendUsage` and
 * `usageChunk`), then `data: [DONE]` (unless `done: false`). An `error` with a 2xx status becomes an
 * `{ error }` event after the deltas, and the stream ends there.
 *
 * @example
 * ```ts
 * sseBody({ deltas: ['Hi'] }, chat); // 'data: {…"role":"assistant"…}\n\ndata: {…"content":"Hi"…}\n\n…data: [DONE]\n\n'
 * ```
 */
export function sseBody(reply: OpenAIReply, chat: OpenAIChatBody): string {
  const eol = reply.lineEnding ?? '\n';
  const comment = reply.comments === true ? `: keep-alive${eol}` : '';
  return sseEvents(reply, chat)
    .map((data) => `${comment}data: ${data}${eol}${eol}`)
    .join('');
}

/** The `data` of each event, in order: JSON chunks, then `[DONE]`. */
function sseEvents(reply: OpenAIReply, chat: OpenAIChatBody): string[] {
  const answer = answerOf(reply, chat);
  const base = { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: 0, model: chat.model };
  const sendUsage =
    (reply.sendUsage ?? 'if-asked') === 'if-asked'
      ? chat.stream_options?.include_usage === true
      : reply.sendUsage === 'always';
  const lastChoice = reply.usageChunk === 'last-choice';
  const running = sendUsage && reply.usageOnEveryChunk === true;
  const filter = reply.filterResults === true;
  let sent = 0; // deltas so far, for running usage
  const chunks: unknown[] = [];
  const push = (delta: object, extra: object = {}, counts = true): void => {
    if (counts) sent++;
    chunks.push({
      ...base,
      choices: [{ index: 0, delta, finish_reason: null, ...extra }],
      ...(running ? { usage: runningUsage(answer, sent) } : {}),
    });
  };

  if (filter) {
    chunks.push({
      id: '',
      object: '',
      created: 0,
      model: '',
      choices: [],
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: SAFE }],
    });
  }
  push(
    {
      role: 'assistant',
      content: answer.contentNull ? null : '',
      ...(answer.refusal.length > 0 ? { refusal: '' } : {}),
    },
    {},
    false,
  );
  for (const text of answer.reasoning) {
    push(
      reply.contentParts === true
        ? { content: [{ type: 'thinking', thinking: [{ type: 'text', text }] }] }
        : { [reply.reasoningField ?? 'reasoning_content']: text },
    );
  }
  for (const refusal of answer.refusal) push({ refusal });
  for (const text of answer.content) {
    push(
      { content: reply.contentParts === true ? [{ type: 'text', text }] : text },
      filter ? { content_filter_results: SAFE } : {},
    );
  }
  const whole = reply.toolCallStyle === 'whole' || reply.toolCallStyle === 'ollama';
  for (const call of answer.toolCalls) {
    const index = call.index === undefined ? {} : { index: call.index };
    // The first delta names the call (OpenAI: with empty arguments); the next ones only carry arguments.
    push({
      tool_calls: [
        {
          ...index,
          ...(call.id === undefined ? {} : { id: call.id }),
          type: 'function',
          function: { name: call.name, arguments: whole ? call.arguments : '' },
        },
      ],
    });
    if (!whole)
      for (const piece of call.pieces) push({ tool_calls: [{ ...index, function: { arguments: piece } }] });
  }

  const events = chunks.map((chunk) => JSON.stringify(chunk));
  if (reply.error !== undefined) return [...events, JSON.stringify({ error: reply.error })];
  events.push(
    JSON.stringify({
      ...base,
      choices: [
        {
          index: 0,
          delta: {},
          finish_reason: answer.finishReason,
          ...(filter && reply.contentFilter === true ? { content_filter_results: FILTERED } : {}),
        },
      ],
      ...(sendUsage && lastChoice
        ? { usage: answer.usage }
        : running
          ? { usage: runningUsage(answer, sent) }
          : {}),
    }),
  );
  if (filter) {
    const end = answer.content.join('').length;
    events.push(
      JSON.stringify({
        choices: [
          {
            content_filter_offsets: { check_offset: 0, start_offset: 0, end_offset: end },
            content_filter_results: reply.contentFilter === true ? FILTERED : SAFE,
            finish_reason: null,
            index: 0,
          },
        ],
        created: 0,
        id: '',
        model: '',
        object: '',
      }),
    );
  }
  if (sendUsage && !lastChoice) events.push(JSON.stringify({ ...base, choices: [], usage: answer.usage }));
  if (reply.done !== false) events.push('[DONE]');
  return events;
}

function runningUsage(answer: Answer, completion: number): Usage {
  return {
    prompt_tokens: answer.promptTokens,
    completion_tokens: completion,
    total_tokens: answer.promptTokens + completion,
  };
}
