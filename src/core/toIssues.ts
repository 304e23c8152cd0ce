import type * as t from 'io-ts';
import { describeValue, InvalidRequestError, MAX_KEPT_ISSUES, type ValidationIssue } from '../errors';
import { typeInWords } from './typeInWords';

/**
 * How a bad value found at `path` is shown in an issue; `undefined` falls back to {@link describeValue} (type
 * and size, never content). Only values that cannot be secret should be shown as themselves.
 */
export type RenderActual = (path: string, value: unknown) => string | undefined;

/**
 * Turns io-ts errors into {@link ValidationIssue}s whose paths read like code: `messages[1].role`,
 * `config.headers["x-api-key"]`. The first context entry's key names the root (`messages`, `options`, … or ''
 * for a response body). Values are described, not shown, unless `render` says otherwise for their path. What was
 * expected is said in words (see `typeInWords`), never in io-ts syntax.
 */
export function toIssues(errors: t.Errors, render?: RenderActual): ValidationIssue[] {
  const list = new IssueList(render, Number.POSITIVE_INFINITY);
  list.addErrors(errors);
  return list.issues;
}

/**
 * The issues of {@link toIssues}, at most `keep` of them (the cost stays bounded), and exactly how many more
 * there were.
 */
export function collectIssues(
  errors: t.Errors,
  render: RenderActual | undefined,
  keep: number = MAX_KEPT_ISSUES,
): { readonly issues: ValidationIssue[]; readonly omitted: number } {
  const list = new IssueList(render, keep);
  list.addErrors(errors);
  return { issues: list.issues, omitted: list.omitted };
}

/**
 * The problems of one validation, gathered from several checks: the first `keep` are kept (rendered), the others
 * only counted, so that `issues.length + omitted` is exactly the number of problems at any size, and the cost of
 * a huge bad input is counting, not rendering. Never spreads a list into a call (100 000 arguments overflow the
 * stack).
 *
 * @example
 * ```ts
 * const list = new IssueList();
 * list.add({ path: 'model', expected: 'a model name', actual: '5' });
 * list.addErrors(codec.validate(value, [{ key: 'options', type: codec, actual: value }]).left);
 * if (list.size > 0) return E.left(list.toError());
 * ```
 */
export class IssueList {
  /** The kept issues, in the order they were found. */
  readonly issues: ValidationIssue[] = [];
  /** Problems found past the `keep` limit. */
  omitted = 0;

  constructor(
    private readonly render?: RenderActual,
    private readonly keep: number = MAX_KEPT_ISSUES,
  ) {}

  /** How many problems were found in all: kept and omitted. */
  get size(): number {
    return this.issues.length + this.omitted;
  }

  /** True once `keep` issues are kept: further problems are only counted. */
  get full(): boolean {
    return this.issues.length >= this.keep;
  }

  /** Adds one issue built by hand. */
  add(issue: ValidationIssue): void {
    if (this.issues.length < this.keep) this.issues.push(issue);
    else this.omitted++;
  }

  /** Adds a count of problems found but not described (each a problem like the others). */
  addOmitted(count: number): void {
    this.omitted += count;
  }

  /**
   * Adds the errors of one io-ts validation. Unions and intersections report one failure per member at the same
   * place: one problem per place and expectation is counted.
   */
  addErrors(errors: t.Errors): void {
    // Only a list of several errors can repeat one (a single bad field is the common case: no Set for it).
    const seen = errors.length > 1 ? new Set<string>() : undefined;
    for (const error of errors) {
      const { path, expected } = locate(error);
      if (seen !== undefined) {
        const id = `${path}\u0000${expected}`;
        if (seen.has(id)) continue;
        seen.add(id);
      }
      if (this.issues.length >= this.keep) {
        this.omitted++;
        continue;
      }
      this.issues.push({
        path,
        expected,
        actual: this.render?.(path, error.value) ?? describeValue(error.value),
      });
    }
  }

  /** The {@link InvalidRequestError} of these problems (kept ones listed, the rest counted). */
  toError(): InvalidRequestError {
    return new InvalidRequestError(this.issues, this.omitted);
  }
}

const isMemberOf = (entry: t.ContextEntry | undefined): boolean => {
  const tag = (entry?.type as { _tag?: string } | undefined)?._tag;
  return tag === 'UnionType' || tag === 'IntersectionType';
};

/** Where an error is (a path like code) and what was expected there, in words. */
function locate(error: t.ValidationError): { path: string; expected: string } {
  const { context } = error;
  let path = context[0]?.key ?? '';
  for (let i = 1; i < context.length; i++) {
    const entry = context[i];
    // Intersection and union members are keyed by member index: not a place in the value.
    if (entry === undefined || isMemberOf(context[i - 1])) continue;
    path += pathStep(entry.key, path === '');
  }
  // A member of a union (or an intersection) that failed right at the union's place: the union's expectation,
  // not the member's (`a non-empty string or 1 to 4 of them`, not `string`), the same for every member.
  let at = context.length - 1;
  while (at > 0 && isMemberOf(context[at - 1])) at--;
  const type = context[at]?.type;
  const expected = error.message ?? (type === undefined ? 'a valid value' : typeInWords(type));
  return { path: path === '' ? '(root)' : path, expected };
}

/** `[3]` for an index, `.name` for an identifier, `["x-api-key"]` (capped) for any other key. */
export function pathStep(key: string, first: boolean): string {
  if (/^\d+$/.test(key)) return `[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 40) return first ? key : `.${key}`;
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key)}]`;
}
