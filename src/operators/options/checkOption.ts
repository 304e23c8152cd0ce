/**
 * Type checks of operator options, made when the operator is called (as rxjs's own operators fail at once): a
 * wrong type is a `TypeError` naming the operator, the option and the value, never a quiet coercion (`'5'` taken as
 * 5) or a failure later, inside a subscription. Range checks stay with each operator.
 *
 * Internal to the operators folder (not exported from the package).
 */

/**
 * The value as an error message shows it: strings quoted (the first 60 characters), objects and functions by kind.
 * Not `errors/renderValue`: its fuller descriptions added 0.6 kB to an app that imports only `decodeText`.
 */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 60));
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'object' && value !== null) return Array.isArray(value) ? 'an array' : 'an object';
  return String(value);
}

/**
 * Throws a `TypeError` unless `value` is `undefined` or of one of the `kinds` (`typeof` names). `expected` says
 * what is accepted, in words.
 */
export function checkOption(
  operator: string,
  name: string,
  value: unknown,
  kinds: readonly ('boolean' | 'number' | 'function')[],
  expected: string,
): void {
  if (value === undefined || (kinds as readonly string[]).includes(typeof value)) return;
  throw new TypeError(`${operator}: ${name} must be ${expected}, got ${shown(value)}.`);
}

/** Throws a `TypeError` unless `value` is `undefined` or has the `now()` and `schedule()` of a `SchedulerLike`. */
export function checkScheduler(operator: string, value: unknown): void {
  if (value === undefined) return;
  const scheduler = value as { now?: unknown; schedule?: unknown } | null;
  if (typeof scheduler?.now === 'function' && typeof scheduler.schedule === 'function') return;
  throw new TypeError(
    `${operator}: scheduler must be an RxJS scheduler (with now() and schedule()), got ${shown(value)}.`,
  );
}
