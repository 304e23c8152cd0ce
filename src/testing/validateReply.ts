import * as t from 'io-ts';
import { checkOpenAIReply } from './openai/checkOpenAIReply';
import { openaiReplyFields } from './openai/openaiReplyCodecs';
import { replyFields } from './replyCodecs';
import { firstIssue, showValue } from './replyIssue';
import type { Reply } from './types';

/** Every option a reply may have: the Aivvm route's and the OpenAI route's (they share one queue). */
const FIELDS: Readonly<Record<string, t.Mixed>> = { ...replyFields, ...openaiReplyFields };
const ReplyCodec = t.partial(FIELDS);

/**
 * Checks a scripted {@link Reply} (and the {@link OpenAIReply} fields riding along) with io-ts codecs, and throws
 * an error naming the field, the value and what it must be, so a typo in a test fails at
 * `enqueue`/`setReply`/`openaiReply` time rather than as a hang or a crash of the server: a `TypeError` when the
 * reply is not an object, a `RangeError` for a bad or unknown field. Returns a shallow copy of the checked
 * reply, so later changes to the caller's object cannot undo the check.
 *
 * @param where - how the message names the reply: `reply`, `enqueue[0]`, `replies[2]`
 *
 * @example
 * ```ts
 * validateReply({ chunkSize: 0 }); // throws RangeError: reply.chunkSize must be a positive integer, got 0
 * validateReply({ deltaChars: -1 } as OpenAIReply, 'enqueue[0]');
 * // throws RangeError: enqueue[0].deltaChars must be a positive integer (code points per delta), got -1
 * ```
 */
export function validateReply(reply: Reply, where = 'reply'): Reply {
  const copy = snapshot(reply, where);
  const decoded = ReplyCodec.decode(copy);
  if (decoded._tag === 'Left') {
    const issue = firstIssue(decoded.left);
    const path = issue === undefined || issue.path === '' ? '' : `.${issue.path}`.replace('.[', '[');
    throw new RangeError(
      `${where}${path} must be ${issue?.expected ?? 'a valid reply'}, got ${showValue(issue?.value)}`,
    );
  }
  checkCombinations(copy, where);
  checkOpenAIReply(copy, where);
  return copy;
}

/** Reads the reply's own fields once, refusing a non-object, an unknown field or one whose getter throws. */
function snapshot(reply: unknown, where: string): Record<string, unknown> {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw new TypeError(`${where} must be an object, got ${showValue(reply)}`);
  }
  const copy: Record<string, unknown> = {};
  let keys: string[];
  try {
    keys = Object.keys(reply);
  } catch (error) {
    throw new TypeError(`${where} could not be read: ${messageOf(error)}`);
  }
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(FIELDS, key)) {
      const near = suggestion(key);
      throw new RangeError(
        `${where}.${key} is not a reply option` +
          (near === undefined ? ' (see the Reply and OpenAIReply types)' : ` (did you mean ${near}?)`),
      );
    }
    try {
      copy[key] = (reply as Record<string, unknown>)[key];
    } catch (error) {
      throw new RangeError(`${where}.${key} could not be read: ${messageOf(error)}`);
    }
  }
  return copy;
}

/** Rules between fields: each would otherwise be silently ignored or produce a body that cannot be sent. */
function checkCombinations(reply: Reply, where: string): void {
  if (reply.encoding !== undefined && reply.endless === true)
    throw new RangeError(`${where}.encoding cannot be combined with endless: the body is compressed whole`);
  if (reply.truncateCompressedAt !== undefined && reply.encoding === undefined)
    throw new RangeError(`${where}.truncateCompressedAt needs an encoding ('gzip', 'deflate' or 'br')`);
}

/** The known field closest to a misspelt one (same letters ignoring case, or one edit away), if any. */
function suggestion(key: string): string | undefined {
  const lower = key.toLowerCase();
  return Object.keys(FIELDS).find(
    (field) => field.toLowerCase() === lower || editDistance(field.toLowerCase(), lower) <= 2,
  );
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
