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

/** See {@link finishKind}. */
export type FinishKind = 'text' | 'tool-calls' | 'content-filter' | 'unexpected';

const KINDS: ReadonlyMap<string, FinishKind> = /*#__PURE__*/ new Map<string, FinishKind>([
  ...['stop', 'length', 'eos', 'eos_token', 'end_turn', 'stop_sequence', 'max_tokens'].map(
    (r) => [r, 'text'] as const,
  ),
  ...['tool_calls', 'function_call', 'tool_use'].map((r) => [r, 'tool-calls'] as const),
  ...[
    'content_filter',
    'safety',
    'recitation',
    'blocklist',
    'prohibited_content',
    'spii',
    'image_safety',
  ].map((r) => [r, 'content-filter'] as const),
]);
