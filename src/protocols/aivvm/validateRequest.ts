import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { CompletionOptions, Message, Messages } from '../../core/codecs';
import { describeValue, renderIdentifier, renderModelId, type AivvmError } from '../../errors';
import {
  DEFAULT_SYSTEM_MESSAGE,
  DEFAULT_TEMPERATURE,
  MODEL_IDS,
  validateModel,
  type AivvmModel,
} from './models';
import { reliabilityOf, type ReliabilityOptions } from '../../core/reliability/policy';
import { readArguments } from '../../core/snapshot';
import { IssueList, type RenderActual } from '../../core/toIssues';
import { validateMessageList } from '../../core/validateMessageList';

/** A request whose every field was checked, with defaults applied. */
export interface ValidatedRequest {
  /** The model-table entry of the requested id (the default model when none was given). */
  readonly model: AivvmModel;
  /** The messages, each rebuilt with only `role` and `content`. */
  readonly messages: readonly Message[];
  /** True to deliver the answer as it arrives, false to deliver it whole at the end. */
  readonly stream: boolean;
  /** The system prompt; `DEFAULT_SYSTEM_MESSAGE` when the options gave none. */
  readonly systemMessage: string;
  /** Sampling temperature in [0, 2]; `DEFAULT_TEMPERATURE` when the options gave none. */
  readonly temperature: number;
  /** Per-call reliability settings (timeouts, retries, size limit); the provider's config fills the rest. */
  readonly reliability: ReliabilityOptions;
}

/**
 * Checks every argument of a completion at once and applies the defaults. Never throws: problems come back as
 * a `Left`, a getter or Proxy that throws included. If the model is the only problem the error is an
 * {@link UnsupportedModelError}; otherwise an {@link InvalidRequestError} lists the issues with their paths,
 * e.g. `messages[1].role: expected "system" | "user" | "assistant", got "robot"`.
 *
 * Each argument is read once: the request carries exactly the values that were checked. Error messages
 * never show message content or the system message (`got a string of 1 048 577 characters`).
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
  return readArguments(messages, options, (ms, opts) => check(model, ms, stream, opts));
}

// Roles are shown when they look like one; content, system message and string options never.
const renderRequestValue: RenderActual = (path, value) =>
  /^messages\[\d+\]\.role$/.test(path) ? renderIdentifier(value) : undefined;

function check(
  model: unknown,
  messages: unknown,
  stream: unknown,
  options: unknown,
): E.Either<AivvmError, ValidatedRequest> {
  const issues = new IssueList(renderRequestValue);

  const modelResult = typeof model === 'string' || model == null ? validateModel(model) : undefined;
  if (modelResult === undefined || E.isLeft(modelResult)) {
    const ids = MODEL_IDS.map((id) => `"${id}"`).join(' | ');
    issues.add({ path: 'model', expected: `a model id: ${ids}`, actual: renderModelId(model) });
  }

  const checkedMessages = validateMessageList(messages, Messages, Message, issues);

  if (typeof stream !== 'boolean')
    issues.add({ path: 'stream', expected: 'boolean', actual: describeValue(stream) });

  const optionsResult = validateOptions(options, issues);

  if (issues.size === 1 && modelResult !== undefined && E.isLeft(modelResult)) return modelResult;
  if (
    issues.size > 0 ||
    modelResult === undefined ||
    E.isLeft(modelResult) ||
    checkedMessages === undefined ||
    optionsResult === undefined
  ) {
    return E.left(issues.toError());
  }
  return E.right({
    model: modelResult.right,
    // Rebuild each message so only role and content go on the wire.
    messages: checkedMessages.map(({ role, content }) => ({ role, content })),
    stream: stream as boolean,
    systemMessage: optionsResult.systemMessage ?? DEFAULT_SYSTEM_MESSAGE,
    temperature: optionsResult.temperature ?? DEFAULT_TEMPERATURE,
    reliability: reliabilityOf(optionsResult),
  });
}

function validateOptions(options: unknown, issues: IssueList): CompletionOptions | undefined {
  if (options === undefined || options === null) return {};
  const context: t.Context = [{ key: 'options', type: CompletionOptions, actual: options }];
  const result = CompletionOptions.validate(options, context);
  if (E.isRight(result)) return result.right;
  issues.addErrors(result.left);
  return undefined;
}
