import type { AnswerToolCall, ConversationMessage } from './types';

/**
 * A tool call of the last turn with where it is: `'pending'` while its arguments arrive or it waits for the
 * step's stream to end (with a `Complete` that runs no tools, calls stay pending: they are data), `'running'`
 * while its tool runs, then `'done'` (with `result`), `'error'` (with `error`) or `'stopped'`. `content` is what
 * the model got back, once it ended.
 *
 * @example
 * ```ts
 * const call: TurnToolCall = { index: 0, id: 'call_1', name: 'add', arguments: '{"a":1,"b":2}', done: true, status: 'done', result: 3, content: '3' };
 * ```
 */
export interface TurnToolCall extends AnswerToolCall {
  /** Where the call is: its arguments arriving (`'pending'`), its tool running, or how it ended. */
  readonly status: 'pending' | 'running' | 'done' | 'error' | 'stopped';
  /** What the tool returned, when `status` is `'done'`. */
  readonly result?: unknown;
  /** What went wrong, when `status` is `'error'`. */
  readonly error?: unknown;
  /** What the model got back for the call, once it ended. */
  readonly content?: string;
}

/**
 * The tool calls of the last turn (every answer after the last user message, the steps of a tool loop included),
 * in order, each with the outcome of its `tool` message: what a view shows while a tool loop runs.
 *
 * @example
 * ```ts
 * conversation.messages$.pipe(map(turnToolCalls)).subscribe((calls) =>
 *   calls.forEach((c) => console.log(c.name, c.status)), // add pending, add running, add done …
 * );
 * ```
 */
export function turnToolCalls(messages: readonly ConversationMessage[]): readonly TurnToolCall[] {
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role !== 'user') start--;
  const calls: TurnToolCall[] = [];
  for (let i = start; i < messages.length; i++) {
    const answer = messages[i];
    if (answer?.role !== 'assistant' || answer.toolCalls === undefined) continue;
    for (const call of answer.toolCalls) {
      let outcome: ConversationMessage | undefined;
      for (let j = i + 1; j < messages.length && messages[j]?.role === 'tool'; j++) {
        const message = messages[j];
        if (message?.role === 'tool' && call.id !== undefined && message.toolCallId === call.id)
          outcome = message;
      }
      if (outcome?.role !== 'tool') calls.push({ ...call, status: 'pending' });
      else if (outcome.status === 'running') calls.push({ ...call, status: 'running' });
      else
        calls.push({
          ...call,
          status: outcome.status,
          content: outcome.content,
          ...(outcome.status === 'done' ? { result: outcome.result } : {}),
          ...(outcome.status === 'error' ? { error: outcome.error } : {}),
        });
    }
  }
  return calls;
}
