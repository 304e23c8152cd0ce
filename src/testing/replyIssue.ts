import type * as t from 'io-ts';

/**
 * The one problem an invalid reply is reported with: where (`deltas[1]`), what was expected (a codec's name, in
 * words) and the value found.
 *
 * @example
 * ```ts
 * const issue: ReplyIssue = { path: 'deltaChars', expected: 'a positive integer', value: 0 };
 * ```
 */
export interface ReplyIssue {
  /** Path inside the reply, e.g. `usage.prompt_tokens` or `deltas[1]`. */
  readonly path: string;
  /** What the value must be, in words. */
  readonly expected: string;
  /** The value found there. */
  readonly value: unknown;
}

/**
 * Picks the issue to report from io-ts errors: the deepest place in the value (so `[2, 0]` blames its `[1]`,
 * not the whole field), named by the outermost codec at that place (so a union reads "a string or null", not
 * one of its members). Ties go to the first error.
 *
 * @example
 * ```ts
 * const issue = firstIssue(errors); // { path: 'chunkSize[1]', expected: 'a positive integer', value: 0 }
 * ```
 */
export function firstIssue(errors: t.Errors): ReplyIssue | undefined {
  let best: (ReplyIssue & { depth: number }) | undefined;
  for (const error of errors) {
    const issue = toIssue(error);
    if (best === undefined || issue.depth > best.depth) best = issue;
  }
  return best === undefined ? undefined : { path: best.path, expected: best.expected, value: best.value };
}

function toIssue(error: t.ValidationError): ReplyIssue & { depth: number } {
  const { context } = error;
  let path = '';
  let depth = 0;
  let expected: string | undefined;
  for (let i = 1; i < context.length; i++) {
    const entry = context[i];
    const parentTag = (context[i - 1]?.type as { _tag?: string } | undefined)?._tag;
    if (entry === undefined) continue;
    // Union and intersection members are keyed by member index: not a place in the value.
    if (parentTag === 'UnionType' || parentTag === 'IntersectionType') continue;
    path += /^\d+$/.test(entry.key)
      ? `[${entry.key}]`
      : /^[A-Za-z_$][\w$]*$/.test(entry.key)
        ? `${path === '' ? '' : '.'}${entry.key}`
        : `[${JSON.stringify(entry.key)}]`;
    depth++;
    expected = entry.type.name;
  }
  return { path, depth, expected: error.message ?? expected ?? 'valid', value: error.value };
}

/**
 * Shows a reply value in an error message: strings quoted and capped, numbers as themselves (`NaN`, `-1`),
 * small arrays and objects as JSON, anything else by its kind. Reply values are test fixtures, not secrets.
 * Never throws.
 *
 * @example
 * ```ts
 * showValue('\n\n'); // '"\\n\\n"'
 * showValue(NaN);    // 'NaN'
 * ```
 */
export function showValue(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(cap(value, 60));
    if (typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null)
      return String(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'symbol') return 'a symbol';
    if (typeof value === 'function') return 'a function';
    if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of ${value.byteLength} bytes`;
    const json = JSON.stringify(value);
    return json === undefined ? 'an object' : cap(json, 80);
  } catch {
    return 'a value that cannot be read';
  }
}

function cap(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
