import { AivvmError } from './AivvmError';
import { formatIssues } from './formatIssues';
import type { ValidationIssue } from './ValidationIssue';

/**
 * The server's answer does not have the expected shape (bad JSON, wrong content type, …).
 *
 * @example
 * ```ts
 * ai.listModels().subscribe({
 *   error: (e) => { if (e instanceof InvalidResponseError) console.error(e.issues.map((issue) => issue.path)); },
 * });
 * ```
 */
export class InvalidResponseError extends AivvmError {
  declare readonly _tag: 'InvalidResponseError';

  constructor(
    message: string,
    /** What in the response did not match, one issue per wrong field (empty when the whole body was unusable). */
    readonly issues: readonly ValidationIssue[] = [],
    offset?: number,
  ) {
    super('InvalidResponseError', issues.length > 0 ? formatIssues(message, issues) : message);
    this.offset = offset;
  }

  /**
   * For JSON text read by `streamJson`: the character (UTF-16 code unit) offset, from the start of the text, of
   * the character that is not JSON. `undefined` for other responses, and for JSON that parsed but does not match
   * its codec (the issues' paths say where).
   */
  readonly offset: number | undefined;
}
