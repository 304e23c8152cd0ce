import { AivvmError } from './AivvmError';
import { formatIssues } from './formatIssues';
import type { ValidationIssue } from './ValidationIssue';

/**
 * Arguments that do not satisfy the public API's contract. `issues` lists the problems found (at most
 * {@link MAX_KEPT_ISSUES}; `omittedIssues` counts the others); the message shows the first
 * {@link MAX_LISTED_ISSUES} and counts the rest.
 *
 * @example
 * ```ts
 * const checked = validateRequest('gpt-4', [{ role: 'robot', content: 'Hi' }], true);
 * if (isLeft(checked) && checked.left instanceof InvalidRequestError) checked.left.issues[0]?.path; // 'messages[0].role'
 * ```
 */
export class InvalidRequestError extends AivvmError {
  declare readonly _tag: 'InvalidRequestError';

  constructor(
    /** The problems found, each with its path, what was expected and what was given. */
    readonly issues: readonly ValidationIssue[],
    /** Problems found but not kept in `issues` (100 000 bad messages make 100 000 problems). */
    readonly omittedIssues = 0,
  ) {
    super(
      'InvalidRequestError',
      `${formatIssues('invalid request', issues, omittedIssues)}\nNothing was sent: fix the arguments above.`,
    );
  }
}
