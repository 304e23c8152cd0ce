import { either as E } from 'fp-ts';
import type { Message } from '../core/codecs';
import { ContextBudgetError } from './ContextBudgetError';
import { estimateMessageTokens } from './estimateTokens';
import { REPLY_PRIMING_TOKENS, type ContextBudget } from './types';

/**
 * Fits a history to a context budget, oldest turns dropped first. The leading system message(s) and the newest
 * message are always kept; between them, whole turns (a user message and the answers after it) are kept from the
 * newest back, as long as the total stays within `maxTokens - reserveForAnswer - REPLY_PRIMING_TOKENS`. The
 * result is therefore the system message(s), then a suffix of the turns, then the newest message.
 *
 * When the system message and the newest message alone do not fit, the result is a `Left` with a
 * {@link ContextBudgetError} saying by how much: the newest message is never dropped silently.
 *
 * @example
 * ```ts
 * const fitted = fitHistory(history, { maxTokens: 4096, reserveForAnswer: 512 });
 * if (E.isRight(fitted)) send(fitted.right); else console.error(fitted.left.over, 'tokens over');
 * ```
 */
export function fitHistory(
  messages: readonly Message[],
  budget: ContextBudget,
): E.Either<ContextBudgetError, readonly Message[]> {
  const newest = messages[messages.length - 1];
  if (newest === undefined) return E.right([]);
  const count = budget.countTokens ?? estimateMessageTokens;
  const available = budget.maxTokens - budget.reserveForAnswer - REPLY_PRIMING_TOKENS;

  let pinnedEnd = 0;
  while (pinnedEnd < messages.length - 1 && messages[pinnedEnd]?.role === 'system') pinnedEnd++;
  const pinned = messages.slice(0, pinnedEnd);
  const systemTokens = sum(pinned.map(count));
  const needed = systemTokens + count(newest);
  if (needed > available) {
    return E.left(
      new ContextBudgetError(needed, available, budget.maxTokens, budget.reserveForAnswer, systemTokens),
    );
  }

  const turns = splitTurns(messages.slice(pinnedEnd, -1));
  let used = needed;
  let kept = turns.length;
  while (kept > 0) {
    const cost = sum((turns[kept - 1] ?? []).map(count));
    if (used + cost > available) break;
    used += cost;
    kept--;
  }
  return E.right([...pinned, ...turns.slice(kept).flat(), newest]);
}

/** Splits messages into turns: each user message starts one; what comes before the first user message is one. */
function splitTurns(messages: readonly Message[]): Message[][] {
  const turns: Message[][] = [];
  for (const message of messages) {
    const current = turns[turns.length - 1];
    if (current === undefined || message.role === 'user') turns.push([message]);
    else current.push(message);
  }
  return turns;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
