import { either as E } from 'fp-ts';
import { readArguments } from '../../core/snapshot';
import * as t from 'io-ts';
import { Message, Messages } from '../../core/codecs';
import { InvalidRequestError, renderValue } from '../../errors';
import type { Message as MessageShape } from '../../core/codecs';
import { reliabilityOf, type ReliabilityOptions } from '../../core/reliability/policy';
import { IssueList } from '../../core/toIssues';
import { validateMessageList } from '../../core/validateMessageList';
import { OpenAICompletionOptionsCodec } from './optionCodecs';
import type { OpenAICompletionOptions } from './types';

/** An OpenAI-compatible request whose every field was checked. */
export interface ValidatedOpenAIRequest {
  /** The model name, non-empty; the server decides whether it exists. */
  readonly model: string;
  /** The messages, each rebuilt with only `role` and `content`. */
  readonly messages: readonly MessageShape[];
  /** True to stream the answer (server-sent events), false for one JSON response. */
  readonly stream: boolean;
  /** Sent as a first `system` message when given. */
  readonly systemMessage: string | undefined;
  /** Sampling temperature in [0, 2], or `undefined` for the server's default. */
  readonly temperature: number | undefined;
  /** Most tokens to generate (`max_tokens`), or `undefined` for the server's default. */
  readonly maxTokens: number | undefined;
  /** Up to 4 stop sequences (`stop`), or `undefined` for none. */
  readonly stop: string | readonly string[] | undefined;
  /** Per-call reliability settings (timeouts, retries, size limit); the provider's config fills the rest. */
  readonly reliability: ReliabilityOptions;
}

/**
 * Checks every argument of an OpenAI-compatible completion at once. Never throws: problems come back as a `Left`
 * {@link InvalidRequestError} listing each with its path. Models are free-form: any non-empty name (the server
 * decides which exist).
 *
 * @example
 * ```ts
 * validateOpenAIRequest('llama3.2', [{ role: 'user', content: 'Hi' }], true, { maxTokens: 64 }); // Right(…)
 * validateOpenAIRequest('', [], true, { topP: 1 }); // Left(InvalidRequestError: model, messages, options.topP)
 * ```
 */
export function validateOpenAIRequest(
  model: unknown,
  messages: unknown,
  stream: unknown,
  options?: unknown,
): E.Either<InvalidRequestError, ValidatedOpenAIRequest> {
  return readArguments(messages, options, (ms, opts) => check(model, ms, stream, opts));
}

function check(
  model: unknown,
  messages: unknown,
  stream: unknown,
  options: unknown,
): E.Either<InvalidRequestError, ValidatedOpenAIRequest> {
  const issues = new IssueList();
  if (typeof model !== 'string' || model.trim() === '') {
    issues.add({
      path: 'model',
      expected: 'a non-empty model name, e.g. "llama3.2" (the server decides which exist)',
      actual: renderValue(model),
    });
  }
  const checkedMessages = validateMessageList(messages, Messages, Message, issues);
  if (typeof stream !== 'boolean')
    issues.add({ path: 'stream', expected: 'boolean', actual: renderValue(stream) });
  let opts: OpenAICompletionOptions = {};
  if (options !== undefined && options !== null) {
    const context: t.Context = [{ key: 'options', type: OpenAICompletionOptionsCodec, actual: options }];
    const result = OpenAICompletionOptionsCodec.validate(options, context);
    if (E.isLeft(result)) issues.addErrors(result.left);
    else opts = result.right;
  }
  if (issues.size > 0 || checkedMessages === undefined) return E.left(issues.toError());
  return E.right({
    model: model as string,
    messages: checkedMessages.map(({ role, content }) => ({ role, content })),
    stream: stream as boolean,
    systemMessage: opts.systemMessage,
    temperature: opts.temperature,
    maxTokens: opts.maxTokens,
    stop: opts.stop,
    reliability: reliabilityOf(opts),
  });
}
