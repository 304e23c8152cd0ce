import { either as E } from 'fp-ts';
import type { Message } from '../core/codecs';
import { ContextBudgetError, InvalidRequestError, renderValue } from '../errors';
import { estimateMessageTokens } from './estimateTokens';
import { REPLY_PRIMING_TOKENS, type ContextBudget, type HistoryMessage } from './types';

/**
 * Fits a history to a context budget, oldest turns dropped first. The leading system message(s) and the newest
 * message are always kept; between them, whole turns (a user message and the answers after it) are kept from the
 * newest back, as long as the total stays within `maxTokens - reserveForAnswer - REPLY_PRIMING_TOKENS`. The
 * result is therefore the system message(s), then a suffix of the turns, then the newest message.
 *
 * When the system message and the newest message alone do not fit, the result is a `Left` with a
 * {@link ContextBudgetError} saying by how much: the newest message is never dropped silently.
 *
 * `countTokens` is given each message as `{ role, content }`; a message's `reasoning` (see `HistoryMessage`) costs
 * what it adds as content, and so does each of its `toolCalls` (name and arguments), plus what the model got back
 * for it as a message of its own. A count that is not a finite number ≥ 0 (`undefined`, `NaN`, `-1`, `Infinity`, a string
 * from JavaScript) throws an `InvalidRequestError` naming the message and the value: a wrong counter must not send
 * the whole history.
 *
 * @example
 * ```ts
 * const fitted = fitHistory(history, { maxTokens: 4096, reserveForAnswer: 512 });
 * if (E.isRight(fitted)) send(fitted.right); else console.error(fitted.left.over, 'tokens over');
 * ```
 */
export function fitHistory<M extends HistoryMessage>(
  messages: readonly M[],
  budget: ContextBudget,
): E.Either<ContextBudgetError, readonly M[]> {
  return fitMessages(messages, budget, (i) => i);
}

/**
 * {@link fitHistory}, whose count errors name `messages[position(i)]`: a conversation names the index in its own
 * messages, which include answers that are not sent.
 */
export function fitMessages<M extends HistoryMessage>(
  messages: readonly M[],
  budget: ContextBudget,
  position: (index: number) => number,
): E.Either<ContextBudgetError, readonly M[]> {
  const newest = messages[messages.length - 1];
  if (newest === undefined) return E.right([]);
  const counter = budget.countTokens ?? estimateMessageTokens;
  const checked = (message: Message, index: number, what: string): number => {
    const tokens: unknown = counter({ role: message.role, content: message.content });
    if (typeof tokens === 'number' && Number.isFinite(tokens) && tokens >= 0) return tokens;
    throw new InvalidRequestError([
      {
        path: `budget.countTokens(messages[${position(index)}]${what})`,
        expected: 'a finite number of tokens ≥ 0',
        actual: renderValue(tokens),
      },
    ]);
  };
  const count = (index: number): number => {
    const message = messages[index] as M;
    const tokens = checked(message, index, '');
    const { reasoning, toolCalls = [] } = message;
    let total = tokens;
    if (reasoning !== undefined && reasoning !== '') {
      // What the reasoning adds: its cost as content, less the cost of an empty message (the overhead, counted once).
      const withReasoning = checked({ role: message.role, content: reasoning }, index, '.reasoning');
      const empty = checked({ role: message.role, content: '' }, index, '.reasoning');
      total += Math.max(0, withReasoning - empty);
    }
    for (const [i, call] of toolCalls.entries()) {
      // The call adds its name and arguments to the answer; what the model got back is a message of its own on
      // the wire (a `tool` message), so it costs a whole message.
      const at = `.toolCalls[${i}]`;
      const withCall = checked({ role: message.role, content: `${call.name} ${call.arguments}` }, index, at);
      const empty = checked({ role: message.role, content: '' }, index, at);
      total += Math.max(0, withCall - empty) + checked({ role: 'user', content: call.content }, index, at);
    }
    return total;
  };
  const available = budget.maxTokens - budget.reserveForAnswer - REPLY_PRIMING_TOKENS;

  let pinnedEnd = 0;
  while (pinnedEnd < messages.length - 1 && messages[pinnedEnd]?.role === 'system') pinnedEnd++;
  let systemTokens = 0;
  for (let i = 0; i < pinnedEnd; i++) systemTokens += count(i);
  const needed = systemTokens + count(messages.length - 1);
  if (needed > available) {
    return E.left(
      new ContextBudgetError(needed, available, budget.maxTokens, budget.reserveForAnswer, systemTokens),
    );
  }

  // Turns between the system message(s) and the newest message: each user message starts one; what comes before
  // the first user message is one. Kept from the newest back while they fit.
  const starts: number[] = [];
  for (let i = pinnedEnd; i < messages.length - 1; i++) {
    if (starts.length === 0 || messages[i]?.role === 'user') starts.push(i);
  }
  let used = needed;
  let keptFrom = messages.length - 1;
  for (let turn = starts.length - 1; turn >= 0; turn--) {
    const start = starts[turn] as number;
    let cost = 0;
    for (let i = start; i < keptFrom; i++) cost += count(i);
    if (used + cost > available) break;
    used += cost;
    keptFrom = start;
  }
  return E.right([...messages.slice(0, pinnedEnd), ...messages.slice(keptFrom)]);
}
