import { either as E } from 'fp-ts';
import { UnsupportedModelError } from '../../errors';
import { models, type AivvmModel, type ModelId } from './modelTable';

export { models, type AivvmModel, type ModelId } from './modelTable';

/** The ids of {@link models}, in table order. */
export const MODEL_IDS: readonly ModelId[] = /*#__PURE__*/ Object.freeze(
  /*#__PURE__*/ Object.keys(models) as ModelId[],
);

/** The model used when none is given. */
export const DEFAULT_MODEL = 'gpt-3.5-turbo' satisfies ModelId;

/** The system prompt sent when none is given (the seed's). */
export const DEFAULT_SYSTEM_MESSAGE =
  "You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully. Respond using markdown.";

/** The temperature sent when none is given. */
export const DEFAULT_TEMPERATURE = 0.7;

/**
 * True when `id` names a model of the table.
 *
 * @example
 * ```ts
 * isModelId('gpt-4'); // true
 * isModelId('gpt-5'); // false
 * ```
 */
export function isModelId(id: string): id is ModelId {
  return Object.prototype.hasOwnProperty.call(models, id);
}

/**
 * Resolves a model id against the table. Empty or absent → the default model; unknown → `Left` with an
 * {@link UnsupportedModelError} that lists the supported ids. Never throws.
 *
 * @example
 * ```ts
 * validateModel('gpt-4');   // Right({ id: 'gpt-4', name: 'GPT-4' })
 * validateModel(undefined); // Right({ id: 'gpt-3.5-turbo', name: 'GPT-3.5' })
 * validateModel('gpt-5');   // Left(UnsupportedModelError)
 * ```
 */
export function validateModel(model?: string | null): E.Either<UnsupportedModelError, AivvmModel> {
  if (model === undefined || model === null || model === '') return E.right(models[DEFAULT_MODEL]);
  return isModelId(model) ? E.right(models[model]) : E.left(new UnsupportedModelError(model, MODEL_IDS));
}
