import { AivvmError } from './AivvmError';
import { renderModelId } from './renderValue';

/**
 * A model id that is not in the model table.
 *
 * @example
 * ```ts
 * const checked = validateRequest('gpt-5', [{ role: 'user', content: 'Hi' }], true);
 * if (isLeft(checked) && checked.left instanceof UnsupportedModelError) checked.left.supported; // ['gpt-3.5-turbo', …]
 * ```
 */
export class UnsupportedModelError extends AivvmError {
  declare readonly _tag: 'UnsupportedModelError';

  constructor(
    /** The id that was asked for. */
    readonly model: string,
    /** The ids that are supported. */
    readonly supported: readonly string[],
  ) {
    super(
      'UnsupportedModelError',
      `model: expected one of ${supported.map((id) => `"${id}"`).join(', ')}, got ${renderModelId(model)}. ` +
        'Pass one of these ids, or omit the model to use the default.',
    );
  }
}
