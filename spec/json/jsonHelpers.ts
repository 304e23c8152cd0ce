import fc from 'fast-check';
import type * as t from 'io-ts';
import { from } from 'rxjs';
import { streamJson, type StreamJsonEvent, type StreamJsonOptions } from '../../src';
import { runSync } from '../helpers/marbles';

/** What streamJson emitted for `chunks`, split by event type, and how it ended. */
export interface JsonRun<C extends t.Mixed, P extends string> {
  readonly events: StreamJsonEvent<C, P>[];
  readonly partials: unknown[];
  readonly items: Extract<StreamJsonEvent<C, P>, { type: 'item' }>[];
  readonly done: Extract<StreamJsonEvent<C, P>, { type: 'done' }> | undefined;
  readonly error: unknown;
  /** Each partial as JSON text when it was emitted, to check later that none was mutated. */
  readonly partialTexts: string[];
}

/** Runs `streamJson(codec, options)` over the chunks, synchronously. */
export function runJson<C extends t.Mixed, const P extends string = never>(
  chunks: readonly string[],
  codec: C,
  options: StreamJsonOptions<P> = {},
): JsonRun<C, P> {
  const partialTexts: string[] = [];
  const { values, error } = runSync(from(chunks).pipe(streamJson(codec, options)));
  const partials: unknown[] = [];
  for (const event of values) {
    if (event.type === 'partial') {
      partials.push(event.value);
      partialTexts.push(stringify(event.value));
    }
  }
  return {
    events: values,
    partials,
    items: values.filter((event) => event.type === 'item') as JsonRun<C, P>['items'],
    done: values.find((event) => event.type === 'done') as JsonRun<C, P>['done'],
    error,
    partialTexts,
  };
}

/** JSON text, also for values deeper than JSON.stringify's recursion allows (iteratively). */
export function stringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return `<too deep: ${typeof value}>`;
  }
}

/** `text` cut at the given positions (taken modulo its length, sorted, deduplicated); never empty chunks. */
export function cut(text: string, positions: readonly number[]): string[] {
  if (text.length === 0) return [];
  const at = [...new Set(positions.map((p) => p % text.length))].filter((p) => p > 0).sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const p of at) {
    chunks.push(text.slice(start, p));
    start = p;
  }
  chunks.push(text.slice(start));
  return chunks;
}

/** Fixed-size chunks. */
export function chunksOf(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}

/** A chunking: cut positions (the text decides how many apply), or fixed sizes 1, 2, 3 … */
export const chunking = fc.oneof(
  fc.array(fc.nat(), { maxLength: 40 }).map((positions) => (text: string) => cut(text, positions)),
  fc.integer({ min: 1, max: 9 }).map((size) => (text: string) => chunksOf(text, size)),
);

/** JSON text of a value, compact or indented (whitespace between every token). */
export const jsonText = fc
  .tuple(
    fc.oneof(
      fc.jsonValue(),
      fc.jsonValue({ stringUnit: 'binary' }),
      fc.jsonValue({ stringUnit: 'grapheme' }),
    ),
    fc.constantFrom(undefined, 1, 2, '\t', '\r\n '),
  )
  .map(([value, indent]) => JSON.stringify(value, null, indent));

/**
 * `earlier` could have been `later` while it streamed: the same kind of value; strings only grow; arrays and
 * objects keep every element and field, and all of them but one (the one still open) are the very same value
 * (primitives equal, containers the same reference: shared, not copied; with `shared` false, deeply equal).
 */
export function isPrefixOf(earlier: unknown, later: unknown, shared = true): boolean {
  const same = (a: unknown, b: unknown) => Object.is(a, b) || (!shared && sameJson(a, b));
  if (typeof earlier === 'string') return typeof later === 'string' && later.startsWith(earlier);
  if (earlier === null || typeof earlier !== 'object') return Object.is(earlier, later);
  if (Array.isArray(earlier)) {
    if (!Array.isArray(later) || later.length < earlier.length) return false;
    for (let i = 0; i < earlier.length; i++) {
      if (
        !same(earlier[i], later[i]) &&
        (i < earlier.length - 1 || !isPrefixOf(earlier[i], later[i], shared))
      )
        return false;
    }
    return true;
  }
  if (later === null || typeof later !== 'object' || Array.isArray(later)) return false;
  let open = 0;
  for (const [key, value] of Object.entries(earlier)) {
    if (!Object.prototype.hasOwnProperty.call(later, key)) return false;
    const next = (later as Record<string, unknown>)[key];
    if (same(value, next)) continue;
    if (++open > 1 || !isPrefixOf(value, next, shared)) return false;
  }
  return true;
}

/** Every object and array inside `value` is frozen (checked without recursion: values may be 10 000 deep). */
export function isDeepFrozen(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (!Object.isFrozen(current)) return false;
    stack.push(...Object.values(current));
  }
  return true;
}

/** Deep equality of JSON values without recursion (values may be 10 000 deep); `-0` equals `0` as in JSON. */
export function sameJson(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (x === y) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(y, key)) return false;
      stack.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}
