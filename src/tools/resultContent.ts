/**
 * A tool's result as the model gets it (the `tool` message's content): a string as it is, anything else as JSON
 * (`undefined` as `null`). Throws what `JSON.stringify` throws (a cycle, a BigInt): a tool error.
 *
 * @example
 * ```ts
 * resultContent({ celsius: 7 }); // '{"celsius":7}'
 * resultContent('7 °C');         // '7 °C'
 * ```
 */
export function resultContent(result: unknown): string {
  if (typeof result === 'string') return result;
  return JSON.stringify(result) ?? 'null';
}
