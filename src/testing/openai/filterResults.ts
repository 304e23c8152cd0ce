/**
 * Azure OpenAI's content-filter results for content that passed: every category `filtered: false`, severity
 * `safe`.
 *
 * @example
 * ```ts
 * chunk.prompt_filter_results = [{ prompt_index: 0, content_filter_results: SAFE }];
 * ```
 */
export const SAFE = {
  hate: { filtered: false, severity: 'safe' },
  self_harm: { filtered: false, severity: 'safe' },
  sexual: { filtered: false, severity: 'safe' },
  violence: { filtered: false, severity: 'safe' },
} as const;

/**
 * Azure OpenAI's content-filter results for content that was stopped: `hate` filtered with severity `high`.
 *
 * @example
 * ```ts
 * choice.content_filter_results = FILTERED;
 * ```
 */
export const FILTERED = { ...SAFE, hate: { filtered: true, severity: 'high' } } as const;
