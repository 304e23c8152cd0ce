import { either as E } from 'fp-ts';
import type * as t from 'io-ts';
import { CompletionOptions, Messages, type Message } from './codecs';
import { InvalidRequestError, renderValue, type AivvmError, type ValidationIssue } from './errors';
import {
  DEFAULT_SYSTEM_MESSAGE,
  DEFAULT_TEMPERATURE,
  MODEL_IDS,
  validateModel,
  type AivvmModel,
} from './models';
import { reliabilityOf, type ReliabilityOptions } from './reliability/policy';
import { toIssues } from './toIssues';

/** A request whose every field was checked, with defaults applied. */
export interface ValidatedRequest {
  readonly model: AivvmModel;
  readonly messages: readonly Message[];
  readonly stream: boolean;
  readonly systemMessage: string;
  readonly temperature: number;
  /** Per-call reliability settings (timeouts, retries, size limit); the provider's config fills the rest. */
  readonly reliability: ReliabilityOptions;
}

/**
 * Checks every argument of a completion at once and applies the defaults. Never throws: problems come back as
 * a `Left`. If the model is the only problem the error is an {@link UnsupportedModelError}; otherwise an
 * {@link InvalidRequestError} lists every issue with its path, e.g.
 * `messages[1].role: expected "system" | "user" | "assistant", got "robot"`.
 *
 * @example
 * ```ts
 * const checked = validateRequest('gpt-4', [{ role: 'user', content: 'Hi' }], true, { temperature: 0.2 });
 * if (isRight(checked)) console.log(checked.right.model.name); // 'GPT-4'
 * ```
 */
export function validateRequest(
  model: string | null | undefined,
  messages: unknown,
  stream: unknown,
  options?: unknown,
): E.Either<AivvmError, ValidatedRequest> {
  const issues: ValidationIssue[] = [];

  const modelResult = typeof model === 'string' || model == null ? validateModel(model) : undefined;
  if (modelResult === undefined || E.isLeft(modelResult)) {
    const ids = MODEL_IDS.map((id) => `"${id}"`).join(' | ');
    issues.push({ path: 'model', expected: `a model id: ${ids}`, actual: renderValue(model) });
  }

  const messagesResult = Messages.validate(messages, [{ key: 'messages', type: Messages, actual: messages }]);
  if (E.isLeft(messagesResult)) issues.push(...toIssues(messagesResult.left));

  if (typeof stream !== 'boolean')
    issues.push({ path: 'stream', expected: 'boolean', actual: renderValue(stream) });

  const optionsResult = validateOptions(options, issues);

  if (issues.length === 1 && modelResult !== undefined && E.isLeft(modelResult)) return modelResult;
  if (
    issues.length > 0 ||
    modelResult === undefined ||
    E.isLeft(modelResult) ||
    E.isLeft(messagesResult) ||
    optionsResult === undefined
  ) {
    return E.left(new InvalidRequestError(issues));
  }
  return E.right({
    model: modelResult.right,
    // Rebuild each message so only role and content go on the wire.
    messages: messagesResult.right.map(({ role, content }) => ({ role, content })),
    stream: stream as boolean,
    systemMessage: optionsResult.systemMessage ?? DEFAULT_SYSTEM_MESSAGE,
    temperature: optionsResult.temperature ?? DEFAULT_TEMPERATURE,
    reliability: reliabilityOf(optionsResult),
  });
}

function validateOptions(options: unknown, issues: ValidationIssue[]): CompletionOptions | undefined {
  if (options === undefined || options === null) return {};
  const context: t.Context = [{ key: 'options', type: CompletionOptions, actual: options }];
  const result = CompletionOptions.validate(options, context);
  if (E.isRight(result)) return result.right;
  issues.push(...toIssues(result.left));
  return undefined;
}
