import { capText } from './capText';
import { plural } from './groupDigits';
import { MAX_LISTED_ISSUES } from './limits';
import type { ValidationIssue } from './ValidationIssue';

/**
 * The first {@link MAX_LISTED_ISSUES} issues, one line each with every part capped, then a count of the rest.
 *
 * @internal
 */
export function formatIssues(title: string, issues: readonly ValidationIssue[], omitted = 0): string {
  const lines = issues
    .slice(0, MAX_LISTED_ISSUES)
    .map(
      (i) => `  ${capText(i.path, 120)}: expected ${capText(i.expected, 400)}, got ${capText(i.actual, 80)}`,
    );
  const more = issues.length - lines.length + omitted;
  if (more > 0) lines.push(`  … and ${plural(more, 'more issue')}`);
  return `${title}:\n${lines.join('\n')}`;
}
