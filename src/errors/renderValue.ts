import { capText } from './capText';
import { describeValue } from './describeValue';

/**
 * Renders a value for an error message: short, single-line, strings quoted and cut at `max` characters, other
 * values described by {@link describeValue}. Never throws. Use it only for values that cannot be secret (a
 * server's reason phrase, a model id); message content goes through {@link describeValue}.
 *
 * @example
 * ```ts
 * renderValue('gpt-5'); // '"gpt-5"'
 * renderValue([1, 2]);  // 'an array of 2 items'
 * ```
 */
export function renderValue(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value.slice(0, max)) : describeValue(value);
  return capText(text, max);
}

/**
 * Renders a string that is harmless to show (a role, a model id, a transport name) only when it looks like
 * one: a short identifier. Anything else, secrets pasted in the wrong place included, is described instead.
 *
 * @example
 * ```ts
 * renderIdentifier('robot');            // '"robot"'
 * renderIdentifier('my secret prompt'); // 'a string of 16 characters'
 * ```
 */
export function renderIdentifier(value: unknown): string {
  return typeof value === 'string' && /^[\w.:/@+-]{1,64}$/.test(value)
    ? JSON.stringify(value)
    : describeValue(value);
}

/**
 * Renders a model id as asked for: shown (quoted, capped) when it is one word, stray spaces around it included,
 * so `" gpt-4"` reads as the typo it is; described when it looks like a sentence (a prompt in the wrong place).
 *
 * @example
 * ```ts
 * renderModelId(' gpt-4');                  // '" gpt-4"'
 * renderModelId('You are a helpful pirate'); // 'a string of 24 characters'
 * ```
 */
export function renderModelId(value: unknown): string {
  return typeof value === 'string' && /^\s*\S{1,60}\s*$/.test(value) && value.length <= 64
    ? renderValue(value, 70)
    : describeValue(value);
}
