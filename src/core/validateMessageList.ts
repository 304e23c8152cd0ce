import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { countIssues } from './countIssues';
import type { IssueList } from './toIssues';

/**
 * Checks a list of messages one message at a time: the list must be a non-empty array (`List` says so in its
 * errors), then each item is checked by `Item` at `messages[i]`. The problems go to `issues`, which keeps the
 * first ones and counts the rest, so 100 000 bad messages cost a count, not a report, and nothing is spread into
 * a call (which overflows the stack from ~70 000 items). Returns the decoded messages, or `undefined` when any was
 * bad. A message that passes `Item.is` is returned as it is: callers rebuild the fields they send.
 *
 * @example
 * ```ts
 * const issues = new IssueList(render);
 * const messages = validateMessageList(input, Messages, Message, issues);
 * ```
 */
export function validateMessageList<A>(
  input: unknown,
  List: t.Decoder<unknown, unknown>,
  Item: t.Type<A, unknown, unknown>,
  issues: IssueList,
): A[] | undefined {
  const root: t.ContextEntry = { key: 'messages', type: List, actual: input };
  if (!Array.isArray(input) || input.length === 0) {
    const result = List.validate(input, [root]);
    if (E.isLeft(result)) issues.addErrors(result.left);
    return undefined;
  }
  const decoded: A[] = [];
  let ok = true;
  for (let i = 0; i < input.length; i++) {
    const item: unknown = input[i];
    // The cheap check first: a good message costs no context and no copy (callers rebuild what they send).
    if (Item.is(item)) {
      if (ok) decoded.push(item);
      continue;
    }
    const context: t.Context = [root, { key: String(i), type: Item, actual: item }];
    // Past the kept issues, only the count matters: count without building error reports.
    const omitted = issues.full ? countIssues(Item, item, context) : 0;
    if (omitted > 0) {
      ok = false;
      issues.addOmitted(omitted);
      continue;
    }
    const result = Item.validate(item, context);
    if (E.isRight(result)) {
      if (ok) decoded.push(result.right);
    } else {
      ok = false;
      issues.addErrors(result.left);
    }
  }
  return ok ? decoded : undefined;
}
