/**
 * The rule for function (tool) and schema names of an OpenAI-compatible request, in one place: the option codecs
 * check `tools`, `toolChoice` and `responseFormat` with it, and `runTools` checks the names of its tools record.
 *
 * @packageDocumentation
 */

/** How a function name is described in errors (`expected …`). */
export const FUNCTION_NAME_RULE = 'a name of 1 to 64 letters, digits, _ or -';

/** The most tools one request may have (OpenAI's limit). */
export const MAX_TOOLS = 128;

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * True when `name` is a function or schema name OpenAI takes: 1 to 64 letters, digits, `_` or `-`.
 *
 * @example
 * ```ts
 * isFunctionName('get_weather'); // true
 * isFunctionName('get weather'); // false
 * ```
 */
export function isFunctionName(name: string): boolean {
  return NAME.test(name);
}
