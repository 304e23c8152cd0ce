/**
 * The whole tool call event, in a file with no imports: the errors (`ToolCallsError` holds the calls) use its type
 * without importing the protocol's config types, which import the errors back.
 */

/**
 * A whole tool call, emitted once per call when the stream ended properly (a finish reason or `[DONE]`), never
 * earlier: `arguments` is exactly the concatenated deltas (raw JSON text, not parsed).
 *
 * @example
 * ```ts
 * const event: ToolCallEvent = { type: 'tool-call', index: 0, id: 'call_1', name: 'weather', arguments: '{"city":"Oslo"}' };
 * ```
 */
export interface ToolCallEvent {
  /** A whole tool call. */
  readonly type: 'tool-call';
  /** Which call of the answer (0, 1, … in the order calls first appeared). */
  readonly index: number;
  /** The call's id; made up (unique within the answer) when the server sent none, and then `generatedId` is true. */
  readonly id: string;
  /** The function's name. */
  readonly name: string;
  /** The raw JSON arguments, exactly as the server streamed them. */
  readonly arguments: string;
  /** True when the server sent no id (or an empty one) and `id` was made up. */
  readonly generatedId?: true;
}
