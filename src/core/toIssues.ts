import type * as t from 'io-ts';
import { describeValue, MAX_KEPT_ISSUES, type ValidationIssue } from '../errors';

/**
 * How a bad value found at `path` is shown in an issue; `undefined` falls back to {@link describeValue} (type
 * and size, never content). Only values that cannot be secret should be shown as themselves.
 */
export type RenderActual = (path: string, value: unknown) => string | undefined;

/**
 * Turns io-ts errors into {@link ValidationIssue}s whose paths read like code: `messages[1].role`,
 * `config.headers["x-api-key"]`. The first context entry's key names the root (`messages`, `options`, … or ''
 * for a response body). Values are described, not shown, unless `render` says otherwise for their path.
 */
export function toIssues(errors: t.Errors, render?: RenderActual): ValidationIssue[] {
  return collectIssues(errors, render, Number.POSITIVE_INFINITY).issues;
}

/** The issues of {@link toIssues}, at most `keep` of them (the cost stays bounded), and how many more there were. */
export function collectIssues(
  errors: t.Errors,
  render: RenderActual | undefined,
  keep: number = MAX_KEPT_ISSUES,
): { readonly issues: ValidationIssue[]; readonly omitted: number } {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const [index, error] of errors.entries()) {
    // Past the limit, count instead of rendering (union members may make this count a little high).
    if (issues.length >= keep) return { issues, omitted: errors.length - index };
    const issue = toIssue(error, render);
    const id = `${issue.path}\u0000${issue.expected}`;
    // Unions and intersections report one failure per member; one line per place is enough.
    if (!seen.has(id)) {
      seen.add(id);
      issues.push(issue);
    }
  }
  return { issues, omitted: 0 };
}

function toIssue(error: t.ValidationError, render: RenderActual | undefined): ValidationIssue {
  const { context } = error;
  let path = context[0]?.key ?? '';
  for (let i = 1; i < context.length; i++) {
    const entry = context[i];
    const parent = context[i - 1];
    if (entry === undefined || parent === undefined) continue;
    const parentTag = (parent.type as { _tag?: string })._tag;
    // Intersection and union members are keyed by member index: not a place in the value.
    if (parentTag === 'IntersectionType' || parentTag === 'UnionType') continue;
    path += pathStep(entry.key, path === '');
  }
  const last = context[context.length - 1];
  const expected = error.message ?? last?.type.name ?? 'a valid value';
  const where = path === '' ? '(root)' : path;
  return { path: where, expected, actual: render?.(where, error.value) ?? describeValue(error.value) };
}

/** `[3]` for an index, `.name` for an identifier, `["x-api-key"]` (capped) for any other key. */
export function pathStep(key: string, first: boolean): string {
  if (/^\d+$/.test(key)) return `[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key) && key.length <= 40) return first ? key : `.${key}`;
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key)}]`;
}
