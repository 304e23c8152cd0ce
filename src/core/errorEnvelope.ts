import { isPlainObject } from './snapshot';

/** What a JSON error body says: its message, `code` (as sent: text or a number) and `type`, each when given. */
export interface ErrorEnvelope {
  /** The server's message. */
  readonly message?: string;
  /** A machine-readable code as sent, e.g. `'invalid_api_key'` or `503`. */
  readonly code?: string | number;
  /** The kind of error, e.g. `invalid_request_error`. */
  readonly type?: string;
}

/**
 * The error a JSON body carries, whatever the status it came with: `{ "error": { "message", "type", "code" } }`
 * (OpenAI, and gateways that answer `200` with it) or `{ "error": "…" }` (Ollama). `undefined` when the value is
 * not such a body (`{ "error": null }` beside an answer is not an error).
 *
 * @example
 * ```ts
 * errorEnvelopeOf({ error: { message: 'upstream overloaded', code: 503 } }); // { message: 'upstream overloaded', code: 503 }
 * errorEnvelopeOf({ error: 'model "x" not found' });                        // { message: 'model "x" not found' }
 * errorEnvelopeOf({ choices: [] });                                         // undefined
 * ```
 */
export function errorEnvelopeOf(json: unknown): ErrorEnvelope | undefined {
  if (!isPlainObject(json) || !Object.prototype.hasOwnProperty.call(json, 'error')) return undefined;
  const error: unknown = json['error'];
  if (typeof error === 'string') return error === '' ? {} : { message: error };
  if (!isPlainObject(error)) return undefined;
  const { message, code, type } = error;
  return {
    ...(typeof message === 'string' && message !== '' ? { message } : {}),
    ...(typeof code === 'string' || (typeof code === 'number' && Number.isFinite(code)) ? { code } : {}),
    ...(typeof type === 'string' ? { type } : {}),
  };
}

/**
 * {@link errorEnvelopeOf} of a body's text; `undefined` when the text is not JSON or not an error body.
 *
 * @example
 * ```ts
 * parseErrorEnvelope('{"error":{"message":"slow down","type":"rate_limit"}}'); // { message: 'slow down', type: 'rate_limit' }
 * ```
 */
export function parseErrorEnvelope(text: string): ErrorEnvelope | undefined {
  // Only what can be a JSON object: an HTML page or a plain "Error" is not parsed at all.
  if (!/^\s*\{/.test(text)) return undefined;
  try {
    return errorEnvelopeOf(JSON.parse(text));
  } catch {
    return undefined;
  }
}
