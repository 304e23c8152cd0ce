import { capText } from './capText';
import { plural } from './groupDigits';

/**
 * Describes a value by its type and size, never by its content: `a string of 1 048 577 characters`,
 * `an array of 3 items`, `a Date`, `an instance of Foo`; numbers, booleans, `null` and `undefined` as
 * themselves. For error messages about values that may be secret (message content, system message, headers).
 * Never throws, not even for a hostile Proxy.
 *
 * @example
 * ```ts
 * describeValue('sk-SECRET'); // 'a string of 9 characters'
 * describeValue(42);          // '42'
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    switch (typeof value) {
      case 'string':
        return value.length === 0 ? 'an empty string' : `a string of ${plural(value.length, 'character')}`;
      case 'number':
      case 'boolean':
      case 'undefined':
        return String(value);
      case 'bigint':
        return capText(`${value}n`, 40);
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
    }
    if (value === null) return 'null';
    if (Array.isArray(value)) return `an array of ${plural(value.length, 'item')}`;
    if (value instanceof Date) return 'a Date';
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === null || Object.getPrototypeOf(proto) === null) return 'an object';
    const name: unknown = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && /^[A-Za-z_$][\w$]{0,40}$/.test(name)
      ? `an instance of ${name}`
      : 'an object';
  } catch {
    return 'a value that cannot be read';
  }
}
