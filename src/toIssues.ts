import type * as t from 'io-ts';
import { renderValue, type ValidationIssue } from './errors';

/**
 * Turns io-ts errors into {@link ValidationIssue}s whose paths read like code: `messages[1].role`.
 * The first context entry's key names the root (`messages`, `options`, … or '' for a response body).
 */
export function toIssues(errors: t.Errors): ValidationIssue[] {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const issue = toIssue(error);
    const id = `${issue.path}\u0000${issue.expected}`;
    // Unions and intersections report one failure per member; one line per place is enough.
    if (!seen.has(id)) {
      seen.add(id);
      issues.push(issue);
    }
  }
  return issues;
}

function toIssue(error: t.ValidationError): ValidationIssue {
  const { context } = error;
  let path = context[0]?.key ?? '';
  for (let i = 1; i < context.length; i++) {
    const entry = context[i];
    const parent = context[i - 1];
    if (entry === undefined || parent === undefined) continue;
    const parentTag = (parent.type as { _tag?: string })._tag;
    // Intersection and union members are keyed by member index: not a place in the value.
    if (parentTag === 'IntersectionType' || parentTag === 'UnionType') continue;
    path += /^\d+$/.test(entry.key) ? `[${entry.key}]` : path === '' ? entry.key : `.${entry.key}`;
  }
  const last = context[context.length - 1];
  const expected = error.message ?? last?.type.name ?? 'a valid value';
  return { path: path === '' ? '(root)' : path, expected, actual: renderValue(error.value) };
}
