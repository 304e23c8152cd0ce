import type { Tool } from './types';

/**
 * A tool, with its arguments' type inferred from its codec (so `execute` is typed without writing it twice). Returns
 * the tool as given.
 *
 * @example
 * ```ts
 * const weather = defineTool({
 *   description: 'Current weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   codec: t.type({ city: t.string }),
 *   execute: ({ city }) => ({ city, celsius: 7 }), // city: string
 * });
 * ```
 */
export function defineTool<A>(tool: Tool<A>): Tool<A> {
  return tool;
}
