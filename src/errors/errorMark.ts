/**
 * The mark every aivvm-rx error carries, shared across copies of the package (`Symbol.for`). In a file of its own:
 * {@link AivvmError} sets it and `isAivvmError` reads it, and neither imports the other.
 *
 * @internal
 */
export const AIVVM_ERROR: unique symbol = /*#__PURE__*/ Symbol.for('aivvm-rx.error') as never;
