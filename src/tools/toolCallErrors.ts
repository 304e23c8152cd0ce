import { describeValue, renderIdentifier, ToolCallError, type ValidationIssue } from '../errors';

/**
 * The error of a call to a tool the run does not have.
 *
 * @example
 * ```ts
 * unknownTool('call_1', 'wether', ['weather']).message; // 'there is no tool "wether": call one of "weather"'
 * ```
 */
export function unknownTool(id: string, name: string, names: readonly string[]): ToolCallError {
  return new ToolCallError(
    'unknown-tool',
    id,
    name,
    `there is no tool ${renderIdentifier(name)}: call one of ${names.map((n) => JSON.stringify(n)).join(', ')}`,
  );
}

/**
 * The error of arguments that are not JSON (`issues` empty) or fail the tool's codec.
 *
 * @example
 * ```ts
 * invalidArguments('call_1', 'weather', [{ path: 'arguments.city', expected: 'string', actual: '5' }]).message;
 * // 'invalid arguments for "weather": arguments.city: expected string, got 5. Call it again with …'
 * ```
 */
export function invalidArguments(
  id: string,
  name: string,
  issues: readonly ValidationIssue[],
  raw?: string,
): ToolCallError {
  const what =
    raw !== undefined
      ? `the arguments of ${renderIdentifier(name)} are not JSON (${describeValue(raw)})`
      : `invalid arguments for ${renderIdentifier(name)}: ${issues
          .map((issue) => `${issue.path}: expected ${issue.expected}, got ${issue.actual}`)
          .join('; ')}`;
  return new ToolCallError(
    'invalid-arguments',
    id,
    name,
    `${what}. Call it again with one JSON object that follows its parameters.`,
    issues,
  );
}

/**
 * The error of a tool that threw (or whose Promise rejected, or whose Observable errored).
 *
 * @example
 * ```ts
 * toolFailed('call_1', 'weather', new Error('service down')).message; // 'tool "weather" failed: service down'
 * ```
 */
export function toolFailed(id: string, name: string, cause: unknown): ToolCallError {
  const reason =
    cause instanceof Error
      ? cause.message || cause.name
      : typeof cause === 'string'
        ? cause
        : describeValue(cause);
  return new ToolCallError('failed', id, name, `tool ${renderIdentifier(name)} failed: ${reason}`, [], cause);
}
