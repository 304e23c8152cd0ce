import { HttpError } from '../../errors';

/**
 * True when a server refused the request because of `stream_options` (some Azure deployments and gateways answer
 * `400 Unrecognized request argument supplied: stream_options`, pydantic-based ones `422` naming it in `detail`):
 * a `400` or `422` whose message or body names it.
 *
 * @example
 * ```ts
 * refusesStreamOptions(new HttpError(400, 'Bad Request', '{"error":{"message":"Unrecognized request argument supplied: stream_options"}}', url)); // true
 * ```
 */
export function refusesStreamOptions(error: unknown): boolean {
  return (
    error instanceof HttpError &&
    (error.status === 400 || error.status === 422) &&
    (error.message.includes('stream_options') || error.body.includes('stream_options'))
  );
}

/**
 * The same request body without `stream_options` (the answer then has no usage unless the server sends it anyway).
 *
 * @example
 * ```ts
 * withoutStreamOptions({ model: 'm', stream: true, stream_options: { include_usage: true } }); // { model: 'm', stream: true }
 * ```
 */
export function withoutStreamOptions(body: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { stream_options: _dropped, ...rest } = body;
  return rest;
}
