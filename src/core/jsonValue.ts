import * as t from 'io-ts';
import { isPlainObject } from './snapshot';

/**
 * JSON data as a caller passes it: `null`, a boolean, a finite number, a string, an array or a plain object of
 * them.
 *
 * @example
 * ```ts
 * const schema: JsonValue = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
 * ```
 */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

/**
 * A plain object of {@link JsonValue}s (a property whose value is `undefined` counts as absent, as in
 * `JSON.stringify`).
 *
 * @example
 * ```ts
 * const extra: JsonObject = { top_k: 40, repetition_penalty: 1.1 };
 * ```
 */
export interface JsonObject {
  readonly [key: string]: JsonValue | undefined;
}

/** How deep JSON data may nest (a JSON Schema rarely goes past 10). */
export const MAX_JSON_DEPTH = 64;

/** The most items one array, or keys one object, of JSON data may have. */
export const MAX_JSON_ITEMS = 100_000;

const JSON_DATA = 'JSON data (null, a boolean, a finite number, a string, an array or a plain object)';

/**
 * io-ts codec of {@link JsonValue}, for caller input sent as JSON: what `JSON.stringify` would change or drop is
 * refused (`NaN`, `Infinity`, `undefined` or a hole in an array, a function, a `Date`, a `Map`, a class instance,
 * a bigint), each at its path; so are more than 64 (MAX_JSON_DEPTH) levels and arrays or objects of more than
 * 100 000 (MAX_JSON_ITEMS) entries (the cost stays bounded, and nothing beyond them is read). Decoding returns a
 * copy (keys like `__proto__` stay keys), so what is sent is what was checked.
 *
 * @example
 * ```ts
 * JsonValue.decode({ a: [1, 'x', null] }); // Right({ a: [1, 'x', null] })
 * JsonValue.decode({ a: NaN });            // Left: a: a finite number (JSON has no NaN or Infinity)
 * ```
 */
export const JsonValue = /*#__PURE__*/ new t.Type<JsonValue, JsonValue, unknown>(
  JSON_DATA,
  (u): u is JsonValue => check(u, [], 0, []) !== undefined,
  (u, c) => {
    const errors: t.ValidationError[] = [];
    const copy = check(u, c, 0, errors);
    return errors.length > 0 || copy === undefined ? t.failures(errors) : t.success(copy);
  },
  t.identity,
);

/**
 * {@link JsonValue} restricted to a plain object (a JSON Schema, an `extraBody`), named `name`.
 *
 * @example
 * ```ts
 * const Schema = jsonObject('a JSON Schema object, e.g. { "type": "object", "properties": { … } }');
 * ```
 */
export function jsonObject(name: string): t.Type<JsonObject, JsonObject, unknown> {
  return new t.Type<JsonObject, JsonObject, unknown>(
    name,
    (u): u is JsonObject => isPlainObject(u) && JsonValue.is(u),
    (u, c) => (isPlainObject(u) ? (JsonValue.validate(u, c) as t.Validation<JsonObject>) : t.failure(u, c)),
    t.identity,
  );
}

/** A checked copy of `u`, or `undefined` after pushing its errors (with a context, `errors` may stay empty for `is`). */
function check(u: unknown, c: t.Context, depth: number, errors: t.ValidationError[]): JsonValue | undefined {
  const fail = (message: string): undefined => void errors.push({ value: u, context: c, message });
  switch (typeof u) {
    case 'string':
    case 'boolean':
      return u;
    case 'number':
      return Number.isFinite(u) ? u : fail('a finite number (JSON has no NaN or Infinity)');
    case 'object':
      break;
    default:
      return fail(JSON_DATA);
  }
  if (u === null) return null;
  if (depth >= MAX_JSON_DEPTH) return fail(`JSON data nested at most ${MAX_JSON_DEPTH} levels deep`);
  if (Array.isArray(u)) {
    if (u.length > MAX_JSON_ITEMS) return fail(`an array of at most ${MAX_JSON_ITEMS} items`);
    const copy: JsonValue[] = [];
    let ok = true;
    for (let i = 0; i < u.length; i++) {
      const item: unknown = u[i];
      const at = t.appendContext(c, String(i), JsonValue, item);
      if (item === undefined) {
        // JSON.stringify would send null in its place.
        errors.push({ value: item, context: at, message: `${JSON_DATA}; an array item cannot be undefined` });
        ok = false;
        continue;
      }
      const value = check(item, at, depth + 1, errors);
      if (value === undefined) ok = false;
      else copy.push(value);
    }
    return ok ? copy : undefined;
  }
  if (!isPlainObject(u)) return fail(JSON_DATA);
  const keys = Object.keys(u);
  if (keys.length > MAX_JSON_ITEMS) return fail(`an object of at most ${MAX_JSON_ITEMS} keys`);
  const copy: Record<string, JsonValue> = {};
  let ok = true;
  for (const key of keys) {
    const item: unknown = u[key];
    if (item === undefined) continue; // absent, as JSON.stringify has it
    const value = check(item, t.appendContext(c, key, JsonValue, item), depth + 1, errors);
    if (value === undefined) ok = false;
    // defineProperty, not assignment: a key named `__proto__` stays a key.
    else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return ok ? copy : undefined;
}
