import { readFileSync } from 'node:fs';
import type { OpenAIReply } from './types';

/** Fields that shape the generated answer: a replayed body is sent as it is, so none of them may come with it. */
const GENERATED: readonly (keyof OpenAIReply)[] = [
  'bytes',
  'text',
  'echo',
  'body',
  'deltas',
  'deltaChars',
  'finishReason',
  'done',
  'lineEnding',
  'comments',
  'error',
  'usage',
  'reasoning',
  'reasoningField',
  'refusal',
  'toolCalls',
  'toolCallStyle',
  'firstToolCallIndex',
  'contentParts',
  'filterResults',
  'contentFilter',
  'sendUsage',
  'usageChunk',
  'usageOnEveryChunk',
];

/**
 * Checks the rules between {@link OpenAIReply} fields (their values are already checked by the codecs) and
 * reads a `replay.file`, replacing it with its bytes, so that a later check of the same reply does not read it
 * again. Throws a `RangeError` naming the field. Mutates `reply` (the caller's private copy).
 *
 * @example
 * ```ts
 * checkOpenAIReply({ perEvent: true, chunkSize: 3 }, 'reply'); // throws: reply.perEvent cannot be combined with chunkSize …
 * ```
 */
export function checkOpenAIReply(reply: OpenAIReply, where: string): void {
  if (reply.replay !== undefined) {
    const kept = GENERATED.find((key) => reply[key] !== undefined && reply[key] !== false);
    if (kept !== undefined)
      throw new RangeError(
        `${where}.${kept} cannot be combined with replay: the recorded body is sent as it is (remove one of them)`,
      );
    if (reply.replay.file !== undefined) reply.replay = { bytes: readReplay(reply.replay.file, where) };
  }
  if (reply.perEvent === true) {
    if (reply.chunkSize !== undefined)
      throw new RangeError(`${where}.perEvent cannot be combined with chunkSize: each event is one write`);
    if (reply.encoding !== undefined)
      throw new RangeError(
        `${where}.perEvent cannot be combined with encoding: compressed bytes have no events`,
      );
  }
  if (reply.contentFilter === true && reply.finishReason !== undefined)
    throw new RangeError(
      `${where}.contentFilter cannot be combined with finishReason: it sets the finish reason 'content_filter'`,
    );
  needs(reply, where, 'reasoningField', 'reasoning', reply.reasoning !== undefined);
  if (reply.reasoningField !== undefined && reply.contentParts === true)
    throw new RangeError(
      `${where}.reasoningField has no effect with contentParts: reasoning is sent as thinking parts`,
    );
  needs(reply, where, 'toolCallStyle', 'toolCalls', reply.toolCalls !== undefined);
  needs(reply, where, 'firstToolCallIndex', 'toolCalls', reply.toolCalls !== undefined);
  if (reply.firstToolCallIndex !== undefined && reply.toolCallStyle === 'ollama')
    throw new RangeError(
      `${where}.firstToolCallIndex has no effect with toolCallStyle 'ollama' (no index is sent)`,
    );
  for (const key of ['usageChunk', 'usageOnEveryChunk'] as const) {
    if (reply[key] !== undefined && reply[key] !== false && reply.sendUsage === 'never')
      throw new RangeError(`${where}.${key} has no effect with sendUsage: 'never'`);
  }
}

function needs(
  reply: OpenAIReply,
  where: string,
  key: keyof OpenAIReply,
  other: string,
  present: boolean,
): void {
  if (reply[key] !== undefined && !present) throw new RangeError(`${where}.${key} needs ${other}`);
}

function readReplay(file: string, where: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const reason = (error as { code?: unknown }).code ?? (error as Error).message;
    throw new RangeError(`${where}.replay.file cannot be read (${String(reason)}): ${JSON.stringify(file)}`);
  }
}
