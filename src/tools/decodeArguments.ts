import { either as E } from 'fp-ts';
import { toIssues } from '../core/toIssues';
import type { ToolCallEvent } from '../protocols/openai/types';
import type { ToolCallError } from '../errors';
import { invalidArguments } from './toolCallErrors';
import type { Tool } from './types';

/**
 * A call's raw arguments parsed as JSON (`''` counts as `{}`: some servers send nothing for a tool without
 * parameters) and checked with the tool's codec. Never throws: a failure is the {@link ToolCallError} the model
 * gets back, its issues at `arguments.…` paths with values described, not shown.
 *
 * @example
 * ```ts
 * decodeArguments(call, weather); // Right({ city: 'Oslo' }) or Left(ToolCallError 'invalid-arguments')
 * ```
 */
export function decodeArguments<A>(call: ToolCallEvent, tool: Tool<A>): E.Either<ToolCallError, A> {
  let json: unknown;
  try {
    json = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch {
    return E.left(invalidArguments(call.id, call.name, [], call.arguments));
  }
  let decoded: E.Either<import('io-ts').Errors, A>;
  try {
    decoded = tool.codec.validate(json, [{ key: 'arguments', type: tool.codec as never, actual: json }]);
  } catch (error) {
    // A refinement that throws is the codec's bug, but still the model's bad arguments: say so, do not crash.
    return E.left(
      invalidArguments(call.id, call.name, [
        {
          path: 'arguments',
          expected: `a value the codec accepts (it threw: ${String(error)})`,
          actual: 'a value',
        },
      ]),
    );
  }
  return E.isLeft(decoded)
    ? E.left(invalidArguments(call.id, call.name, toIssues(decoded.left)))
    : E.right(decoded.right);
}
