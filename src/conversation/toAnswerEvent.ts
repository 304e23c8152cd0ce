import { describeValue, InvalidResponseError, renderValue, type ValidationIssue } from '../errors';
import type { AnswerEvent, AnswerUsage } from './types';

const TEXT_TYPES = new Set(['text', 'reasoning', 'refusal']);

/**
 * Checks one value a `Complete` function emitted, as an {@link AnswerEvent}: a string is a text event, a known
 * `type` is checked field by field, another `type` is `undefined` (ignored: a newer provider may send more kinds).
 * Throws an `InvalidResponseError` naming the value's position and each bad field (`values[3].text: expected a
 * string, got 5`); contents are described, never shown.
 *
 * @example
 * ```ts
 * toAnswerEvent('Hel', 0);                             // { type: 'text', text: 'Hel' }
 * toAnswerEvent({ type: 'logprobs', values: [] }, 1);  // undefined
 * toAnswerEvent({ type: 'text', text: 5 }, 2);         // throws InvalidResponseError (values[2].text)
 * ```
 */
export function toAnswerEvent(value: unknown, position: number): AnswerEvent | undefined {
  if (typeof value === 'string') return { type: 'text', text: value };
  const at = `values[${position}]`;
  if (typeof value !== 'object' || value === null || typeof (value as { type?: unknown }).type !== 'string') {
    throw invalid(position, [
      {
        path: at,
        expected: 'a string, or an answer event ({ type: "text", text } …)',
        actual: describeValue(value),
      },
    ]);
  }
  const event = value as Record<string, unknown>;
  const type = event['type'] as string;
  const issues: ValidationIssue[] = [];
  const check = (key: string, ok: (v: unknown) => boolean, expected: string): void => {
    if (!ok(event[key])) issues.push({ path: `${at}.${key}`, expected, actual: describeValue(event[key]) });
  };
  const isString = (v: unknown): boolean => typeof v === 'string';
  const optionalString = (v: unknown): boolean => v === undefined || typeof v === 'string';
  const isIndex = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;

  if (TEXT_TYPES.has(type)) check('text', isString, 'a string');
  else if (type === 'tool-call-delta') {
    check('index', isIndex, 'a whole number ≥ 0');
    check('id', optionalString, 'a string or undefined');
    check('name', optionalString, 'a string or undefined');
    check('argumentsDelta', isString, 'a string');
  } else if (type === 'tool-call') {
    check('index', isIndex, 'a whole number ≥ 0');
    check('id', isString, 'a string');
    check('name', isString, 'a string');
    check('arguments', isString, 'a string');
    check('generatedId', (v) => v === undefined || typeof v === 'boolean', 'a boolean or undefined');
  } else if (type === 'tool-start' || type === 'tool-result' || type === 'tool-error') {
    check('id', isString, 'a string');
    check('name', isString, 'a string');
    if (type !== 'tool-start') check('content', isString, 'a string');
  } else if (type === 'finish' || type === 'step-finish') {
    check('reason', (v) => v === null || typeof v === 'string', 'a string or null');
    check(
      'usage',
      (v) => v === undefined || isUsage(v),
      'undefined or { promptTokens, completionTokens, totalTokens }',
    );
  } else return undefined;
  if (issues.length > 0) throw invalid(position, issues, type);
  return value as AnswerEvent;
}

/** Usage is shown to people and summed: its three counts must be numbers ≥ 0. */
function isUsage(value: unknown): value is AnswerUsage {
  if (typeof value !== 'object' || value === null) return false;
  const usage = value as Record<string, unknown>;
  return ['promptTokens', 'completionTokens', 'totalTokens'].every((key) => {
    const n = usage[key];
    return typeof n === 'number' && Number.isFinite(n) && n >= 0;
  });
}

function invalid(position: number, issues: readonly ValidationIssue[], type?: string): InvalidResponseError {
  return new InvalidResponseError(
    `the conversation's complete function emitted a bad value (#${position}` +
      (type === undefined ? '' : `, type ${renderValue(type)}`) +
      '), so the answer stopped there; emit text chunks or answer events (see AnswerEvent)',
    issues,
  );
}
