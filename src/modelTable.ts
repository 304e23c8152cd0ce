/**
 * The model table, in a file of its own with no imports so that the `aivvm-rx/testing` bundle can use it
 * without pulling in the client.
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

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value))
    if (typeof inner === 'object' && inner !== null) Object.freeze(inner);
  return Object.freeze(value);
}
