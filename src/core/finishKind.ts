/**
 * What a `finish_reason` says about the answer, read case-insensitively (Gemini gateways pass their own upper-case
 * reasons through):
 *
 * | reason | kind |
 * | --- | --- |
 * | `null` (Ollama), `stop`, `length`, `eos`, `eos_token` (TGI), `end_turn`, `stop_sequence`, `max_tokens` (Anthropic's words) | `'text'`: a whole (or `length`-cut) text answer |
 * | `tool_calls`, `function_call`, `tool_use` | `'tool-calls'` |
 * | `content_filter`, `safety`, `recitation`, `blocklist`, `prohibited_content`, `spii`, `image_safety` | `'content-filter'` |
 * | anything else (`MALFORMED_FUNCTION_CALL`, `function_call_filter: …`, `error`, `abort` …) | `'unexpected'` |
 *
 * @example
 * ```ts
 * finishKind('length');                  // 'text'
 * finishKind('MALFORMED_FUNCTION_CALL'); // 'unexpected'
 * ```
 */
export function finishKind(reason: string | null): FinishKind {
  if (reason === null) return 'text';
  return KINDS.get(reason.toLowerCase()) ?? 'unexpected';
}

/**
 * Whether a `finish_reason` says the answer was cut by the token limit (`length`, Anthropic's `max_tokens`; any
 * case): a text answer, but not a whole one.
 *
 * @example
 * ```ts
 * isTokenLimit('MAX_TOKENS'); // true
 * ```
 */
export function isTokenLimit(reason: string): boolean {
  const lower = reason.toLowerCase();
  return lower === 'length' || lower === 'max_tokens';
}

/** See {@link finishKind}. */
export type FinishKind = 'text' | 'tool-calls' | 'content-filter' | 'unexpected';

// Literal pairs (no spread or .map at module level): a bundler drops the table when finishKind is not imported.
const KINDS: ReadonlyMap<string, FinishKind> = /*#__PURE__*/ new Map<string, FinishKind>([
  ['stop', 'text'],
  ['length', 'text'],
  ['eos', 'text'],
  ['eos_token', 'text'],
  ['end_turn', 'text'],
  ['stop_sequence', 'text'],
  ['max_tokens', 'text'],
  ['tool_calls', 'tool-calls'],
  ['function_call', 'tool-calls'],
  ['tool_use', 'tool-calls'],
  ['content_filter', 'content-filter'],
  ['safety', 'content-filter'],
  ['recitation', 'content-filter'],
  ['blocklist', 'content-filter'],
  ['prohibited_content', 'content-filter'],
  ['spii', 'content-filter'],
  ['image_safety', 'content-filter'],
]);
