/**
 * The JSON error body OpenAI-compatible servers send: `{ error: { message, type, code } }`.
 *
 * @example
 * ```ts
 * errorBody({ message: 'model not found', type: 'invalid_request_error' }); // '{"error":{…}}'
 * ```
 */
export function errorBody(error: { message: string; type?: string; code?: string | number | null }): string {
  return JSON.stringify({
    error: { message: error.message, type: error.type ?? 'server_error', code: error.code ?? null },
  });
}
