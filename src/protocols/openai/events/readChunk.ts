import { either as E } from 'fp-ts';
import type { EventSourceMessage } from 'eventsource-parser';
import { InvalidResponseError, renderValue, type HttpError } from '../../../errors';
import { redact } from '../../../core/redact';
import { toIssues } from '../../../core/toIssues';
import { errorEnvelopeOf } from '../../../core/errorEnvelope';
import { ChatChunk } from '../codecs';
import { streamError } from '../errors';

/** Where a chunk comes from, for its errors. */
export interface ChunkSource {
  /** The URL that answered. */
  readonly url: string;
  /** Removed from whatever an error quotes. */
  readonly apiKey: string | undefined;
}

/**
 * One server-sent event's data → a checked {@link ChatChunk}, or the error it stands for: data that is not JSON
 * is an {@link InvalidResponseError} quoting its start (key removed); an `event: error` or an `{ error }` payload
 * is the `HttpError` of {@link streamError}; a chunk of the wrong shape is an `InvalidResponseError` naming each
 * bad path (`data.choices[0].delta.content`). `count` numbers the event in messages.
 *
 * @example
 * ```ts
 * readChunk({ data: '{"choices":[{"delta":{"content":"Hi"}}]}' }, 1, { url, apiKey: undefined }); // Right(chunk)
 * readChunk({ data: '{"error":{"message":"overloaded"}}' }, 2, { url, apiKey: undefined });       // Left(HttpError)
 * ```
 */
export function readChunk(
  event: EventSourceMessage,
  count: number,
  source: ChunkSource,
): E.Either<InvalidResponseError | HttpError, ChatChunk> {
  const data = event.data;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    // The key is removed from the whole event before it is cut short (a cut could keep part of it).
    return E.left(
      new InvalidResponseError(
        `POST ${source.url}: server-sent event #${count} is not JSON; ` +
          `it starts ${renderValue(redact(data, source.apiKey), 80)}. Is baseURL an OpenAI-compatible API (with its /v1 prefix)?`,
      ),
    );
  }
  if (event.event === 'error' || hasError(json)) {
    // Read as every JSON error body is (Ollama's `{ error: "…" }` too); an unreadable one shows its data.
    const wire = errorEnvelopeOf(json) ?? { message: data };
    return E.left(streamError(wire, data, source.url, source.apiKey));
  }
  // The cheap check first (these codecs return their input unchanged): a context is built only for a bad chunk.
  const decoded = ChatChunk.is(json)
    ? E.right(json)
    : ChatChunk.validate(json, [{ key: 'data', type: ChatChunk, actual: json }]);
  if (E.isLeft(decoded)) {
    return E.left(
      new InvalidResponseError(
        `POST ${source.url}: server-sent event #${count} is not a chat completion chunk`,
        toIssues(decoded.left),
      ),
    );
  }
  return decoded;
}

function hasError(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as { error?: unknown }).error != null;
}
