import { either as E } from 'fp-ts';
import { pathStep, IssueList } from '../core/toIssues';
import { describeValue, renderIdentifier, type InvalidRequestError } from '../errors';
import { FUNCTION_NAME_RULE, isFunctionName, MAX_TOOLS } from '../protocols/openai/functionName';
import type { OpenAITool } from '../protocols/openai/requestTypes';
import type { OpenAICompletionOptions } from '../protocols/openai/types';
import type { RunToolsOptions, Tools } from './types';

/**
 * Steps (completions) of a run when `maxSteps` is not given.
 *
 * @example
 * ```ts
 * runTools(ai, model, messages, { tools, maxSteps: DEFAULT_MAX_STEPS * 2 });
 * ```
 */
export const DEFAULT_MAX_STEPS = 10;

/** The options of a run, checked: the tools, the loop's settings, and what goes to each completion. */
export interface CheckedRunTools {
  /** The tools by name. */
  readonly tools: Tools;
  /** The completion options of every step, `tools` as the wire's array. */
  readonly completion: OpenAICompletionOptions;
  /** Most steps. */
  readonly maxSteps: number;
  /** Most calls running at once. */
  readonly concurrency: number;
  /** End the run when a tool throws. */
  readonly failOnToolError: boolean;
}

/**
 * Checks what {@link runTools} reads itself (the tools record, `maxSteps`, `concurrency`, `onToolError`); every
 * other option goes to the provider, which checks it (and each tool's `parameters`). All problems at once, as an
 * `InvalidRequestError` naming each path (`options.tools["my tool"]`), before anything is sent.
 *
 * @example
 * ```ts
 * checkRunToolsOptions({ tools: { weather }, maxSteps: 0 }); // Left: options.maxSteps: expected a whole number ≥ 1
 * ```
 */
export function checkRunToolsOptions(options: unknown): E.Either<InvalidRequestError, CheckedRunTools> {
  const issues = new IssueList();
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    issues.add({
      path: 'options',
      expected: 'an object { tools, maxSteps?, … }',
      actual: describeValue(options),
    });
    return E.left(issues.toError());
  }
  const { tools, maxSteps, concurrency, onToolError, ...completion } = options as RunToolsOptions;
  const wire: OpenAITool[] = [];
  if (typeof tools !== 'object' || tools === null || Array.isArray(tools)) {
    issues.add({
      path: 'options.tools',
      expected: 'an object of tools by name, e.g. { weather: { codec, execute } }',
      actual: describeValue(tools),
    });
  } else {
    const names = Object.keys(tools);
    if (names.length === 0 || names.length > MAX_TOOLS)
      issues.add({
        path: 'options.tools',
        expected: `an object of 1 to ${MAX_TOOLS} tools`,
        actual: `${names.length} tools`,
      });
    for (const name of names) {
      const path = `options.tools${pathStep(name, false)}`;
      const tool: unknown = tools[name];
      if (!isFunctionName(name))
        issues.add({
          path,
          expected: FUNCTION_NAME_RULE,
          actual: renderIdentifier(name),
        });
      if (typeof tool !== 'object' || tool === null) {
        issues.add({
          path,
          expected: 'a tool { description?, parameters?, codec, execute }',
          actual: describeValue(tool),
        });
        continue;
      }
      const { description, parameters, codec, execute } = tool as Record<string, unknown>;
      if (typeof execute !== 'function')
        issues.add({
          path: `${path}.execute`,
          expected: 'a function (args, { signal, id }) => result',
          actual: describeValue(execute),
        });
      if (typeof (codec as { validate?: unknown } | null | undefined)?.validate !== 'function')
        issues.add({
          path: `${path}.codec`,
          expected: 'an io-ts codec of the arguments, e.g. t.type({ city: t.string })',
          actual: describeValue(codec),
        });
      if (description !== undefined && typeof description !== 'string')
        issues.add({ path: `${path}.description`, expected: 'a string', actual: describeValue(description) });
      wire.push({
        type: 'function',
        function: {
          name,
          ...(description !== undefined ? { description: description as string } : {}),
          // The provider checks the schema (JSON data only) with the rest of the request.
          ...(parameters !== undefined
            ? { parameters: parameters as OpenAITool['function']['parameters'] & object }
            : {}),
        },
      });
    }
  }
  if (maxSteps !== undefined && !(Number.isSafeInteger(maxSteps) && maxSteps >= 1))
    issues.add({ path: 'options.maxSteps', expected: 'a whole number ≥ 1', actual: describeValue(maxSteps) });
  if (
    concurrency !== undefined &&
    !((Number.isSafeInteger(concurrency) && concurrency >= 1) || concurrency === Number.POSITIVE_INFINITY)
  )
    issues.add({
      path: 'options.concurrency',
      expected: 'a whole number ≥ 1, or Infinity',
      actual: describeValue(concurrency),
    });
  if (onToolError !== undefined && onToolError !== 'continue' && onToolError !== 'fail')
    issues.add({
      path: 'options.onToolError',
      expected: '"continue" | "fail"',
      actual: renderIdentifier(onToolError),
    });
  if (issues.size > 0) return E.left(issues.toError());
  return E.right({
    tools: tools,
    completion: { ...completion, tools: wire },
    maxSteps: maxSteps ?? DEFAULT_MAX_STEPS,
    concurrency: concurrency ?? Number.POSITIVE_INFINITY,
    failOnToolError: onToolError === 'fail',
  });
}
