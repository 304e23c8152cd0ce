import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import type { Observable } from 'rxjs';
import { IssueList } from '../../core/toIssues';
import type { InvalidRequestError } from '../../errors';
import { OpenAIMessage, OpenAIMessages } from './messages';
import type { CompletionEvent, OpenAICompletionOptions } from './types';
import { renderRequestValue, type ValidatedOpenAIRequest } from './validateOpenAIRequest';

/**
 * The key of an OpenAI-compatible provider's {@link StepEvents} (not part of the public API): a loop that sends
 * one growing history (runTools) checks the caller's arguments once, then only what each step appends.
 */
export const STEP_EVENTS: unique symbol = Symbol('stepEvents');

/** What a provider offers a step loop: the whole check of step 1, then the events of a checked request. */
export interface StepEvents {
  /** `validateOpenAIRequest(model, messages, true, options)`: every argument, as `createCompletionEvents` does. */
  readonly validate: (
    model: unknown,
    messages: unknown,
    options: OpenAICompletionOptions,
  ) => E.Either<InvalidRequestError, ValidatedOpenAIRequest>;
  /** The streamed events of a request that was checked (as `createCompletionEvents` after its check). */
  readonly events: (request: ValidatedOpenAIRequest) => Observable<CompletionEvent>;
}

/**
 * The provider's {@link StepEvents}, or `undefined` for any other object with `createCompletionEvents` (a fake,
 * a wrapper), which then gets the whole history to check at every step.
 *
 * @example
 * ```ts
 * const steps = stepEventsOf(provider); // undefined unless made by createOpenAICompatible
 * ```
 */
export function stepEventsOf(provider: object): StepEvents | undefined {
  // The key is ours alone (not exported from any entry): whoever has it is the provider that set it.
  return (provider as { [STEP_EVENTS]?: StepEvents })[STEP_EVENTS];
}

/**
 * A checked request with `appended` at the end of its messages, each checked by the same io-ts codec as the
 * caller's messages (at its own path, `messages[7].tool_calls[0].id`), and the request's other fields as given in
 * `changes`. The earlier messages are not checked again: they are the request's checked copies, which nobody else
 * holds. The appended ones carry what a server sent (content, call ids and names): they are checked like input.
 *
 * @example
 * ```ts
 * extendOpenAIRequest(request, [assistant, toolAnswer], { toolChoice: undefined }); // Right(request of step 2)
 * ```
 */
export function extendOpenAIRequest(
  request: ValidatedOpenAIRequest,
  appended: readonly OpenAIMessage[],
  changes: Partial<Pick<ValidatedOpenAIRequest, 'toolChoice'>> = {},
): E.Either<InvalidRequestError, ValidatedOpenAIRequest> {
  const issues = new IssueList(renderRequestValue);
  const root: t.ContextEntry = { key: 'messages', type: OpenAIMessages, actual: undefined };
  const messages = [...request.messages];
  for (const message of appended) {
    const key = String(messages.length);
    const result = OpenAIMessage.validate(message, [root, { key, type: OpenAIMessage, actual: message }]);
    if (E.isLeft(result)) issues.addErrors(result.left);
    messages.push(E.isRight(result) ? result.right : message);
  }
  if (issues.size > 0) return E.left(issues.toError());
  return E.right({ ...request, ...changes, messages });
}
