import { AivvmError } from './AivvmError';
import { NetworkError } from './NetworkError';

/** Where a transport failure happened, for {@link fromTransportFailure}. */
export interface FailureContext {
  /** The URL requested. */
  readonly url: string;
  /** Body bytes received (and delivered) before the failure. */
  readonly receivedBytes: number;
  /** The HTTP method of the request; `POST` when left out. */
  readonly method?: 'GET' | 'POST' | 'DELETE';
}

/**
 * The one factory that maps whatever a transport throws (axios errors, Node system errors, fetch's
 * `TypeError('terminated')`, a socket closed without an end) to an {@link AivvmError}. AivvmErrors pass
 * through unchanged. The original error is kept as `cause` stripped to its name, message and code, because
 * axios errors carry the request config (headers, payload) and must not leak into logs.
 *
 * @example
 * ```ts
 * const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
 * fromTransportFailure(refused, { url: 'http://127.0.0.1:1/api/chat', receivedBytes: 0 }).message;
 * // 'POST http://127.0.0.1:1/api/chat failed: connect ECONNREFUSED 127.0.0.1:1 (ECONNREFUSED). Is the server running, …'
 * ```
 */
export function fromTransportFailure(error: unknown, context: FailureContext): AivvmError {
  if (error instanceof AivvmError) return error;
  const { message, code } = describe(error);
  const where =
    context.receivedBytes > 0
      ? `the connection to ${context.url} broke after ${context.receivedBytes} body bytes (the text up to them was delivered)`
      : `${context.method ?? 'POST'} ${context.url} failed`;
  const hint =
    code === 'ERR_NETWORK'
      ? // Browsers report a CORS refusal exactly like a refused connection.
        ' Is the server running, is baseURL right, and does the server allow this origin (CORS)?'
      : code !== undefined && CONNECT_CODES.has(code)
        ? ' Is the server running, and is baseURL right?'
        : '';
  return new NetworkError(
    `${where}: ${message}${code !== undefined ? ` (${code})` : ''}.${hint}`,
    code,
    context.receivedBytes,
    sanitized(error, message, code),
  );
}

const CONNECT_CODES = /*#__PURE__*/ new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function describe(error: unknown): { message: string; code: string | undefined } {
  // Wrappers (axios' 'Network Error', fetch's 'fetch failed') hide the system error in their cause chain:
  // report the innermost code, and every distinct message on the way down.
  const messages: string[] = [];
  let code: string | undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof e.message === 'string' && e.message !== '' && !messages.includes(e.message))
      messages.push(e.message);
    if (typeof e.code === 'string') code = e.code;
    current = e.cause;
  }
  return { message: messages.length > 0 ? messages.join(': ') : String(error), code };
}

function sanitized(error: unknown, message: string, code: string | undefined): Error {
  const copy = new Error(message);
  copy.name = error instanceof Error ? error.name : 'Error';
  if (code !== undefined) (copy as Error & { code?: string }).code = code;
  return copy;
}
