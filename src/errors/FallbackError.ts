import { AivvmError } from './AivvmError';
import { capText } from './capText';
import { groupDigits, plural } from './groupDigits';
import { MAX_LISTED_ISSUES } from './limits';
import { renderValue } from './renderValue';

/**
 * Every attempt of `fallback(...)` failed before emitting anything; `errors` holds their errors, in order.
 *
 * @example
 * ```ts
 * fallback(() => a$, () => b$).subscribe({ error: (e) => e instanceof FallbackError && console.log(e.errors) });
 * ```
 */
export class FallbackError extends AivvmError {
  declare readonly _tag: 'FallbackError';

  constructor(
    /** Each attempt's error, in the order the attempts ran. */
    readonly errors: readonly unknown[],
  ) {
    // The first few, one line each; the rest counted (10 000 attempts must not make a 10 000-line message).
    const lines = errors.slice(0, MAX_LISTED_ISSUES).map((error, i) => {
      const text = error instanceof Error ? `${error.name}: ${error.message}` : renderValue(error);
      return `  ${i + 1}. ${capText(text.split('\n')[0] ?? '', 400)}`;
    });
    if (errors.length > lines.length) lines.push(`  … and ${groupDigits(errors.length - lines.length)} more`);
    super(
      'FallbackError',
      errors.length === 0
        ? 'fallback: no attempts were given. Pass at least one () => Observable.'
        : `fallback: all ${plural(errors.length, 'attempt')} failed before emitting anything:\n${lines.join('\n')}`,
    );
  }
}
