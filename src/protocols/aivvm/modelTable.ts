/**
 * The model table, in a file of its own with no imports. The local server (`aivvm-rx/testing`) keeps its own copy
 * (`src/testing/serverModels.ts`, held equal by a spec) rather than importing the client's.
 */

/** A model as the Aivvm server knows it: the id sent on the wire and its display name. */
export interface AivvmModel {
  /** The id sent on the wire, e.g. `gpt-4`. */
  readonly id: string;
  /** The display name, e.g. `GPT-4`. */
  readonly name: string;
}

const table = {
  'gpt-3.5-turbo': { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
  'gpt-3.5-turbo-0613': { id: 'gpt-3.5-turbo-0613', name: 'GPT-3.5-0613' },
  'gpt-3.5-turbo-16k': { id: 'gpt-3.5-turbo-16k', name: 'GPT-3.5-16K' },
  'gpt-3.5-turbo-16k-0613': { id: 'gpt-3.5-turbo-16k-0613', name: 'GPT-3.5-16K-0613' },
  'gpt-4': { id: 'gpt-4', name: 'GPT-4' },
  'gpt-4-0613': { id: 'gpt-4-0613', name: 'GPT-4-0613' },
  'gpt-4-32k': { id: 'gpt-4-32k', name: 'GPT-4-32K' },
  'gpt-4-32k-0613': { id: 'gpt-4-32k-0613', name: 'GPT-4-32K-0613' },
} as const;

/** The id of a model in {@link models}. */
export type ModelId = keyof typeof table;

/**
 * The models the Aivvm service offers, id → `{ id, name }`. Frozen: it is shared by every provider.
 *
 * @example
 * ```ts
 * models['gpt-4'].name; // 'GPT-4'
 * ```
 */
export const models: Readonly<Record<ModelId, AivvmModel>> = /*#__PURE__*/ deepFreeze(table);

/**
 * Each model's context window in tokens: what the prompt (system message, history, per-message overhead) and the
 * answer must fit in together. The upstream answers `This model's maximum context length is … tokens` beyond it.
 * Kept beside the table rather than in it, so the table stays exactly what the server sends (`{ id, name }`).
 *
 * @example
 * ```ts
 * contextTokens['gpt-4']; // 8192
 * ```
 */
export const contextTokens: { readonly [K in ModelId]: number } = /*#__PURE__*/ Object.freeze({
  'gpt-3.5-turbo': 4096,
  'gpt-3.5-turbo-0613': 4096,
  'gpt-3.5-turbo-16k': 16384,
  'gpt-3.5-turbo-16k-0613': 16384,
  'gpt-4': 8192,
  'gpt-4-0613': 8192,
  'gpt-4-32k': 32768,
  'gpt-4-32k-0613': 32768,
});

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value))
    if (typeof inner === 'object' && inner !== null) Object.freeze(inner);
  return Object.freeze(value);
}
