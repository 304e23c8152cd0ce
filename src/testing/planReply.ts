import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { lastUserContent, type ChatBody } from './chatBody';
import type { Reply, ReplyEncoding } from './types';

/**
 * What happens once the body (or its first `limit` bytes) has been written: end the response, keep it open
 * forever, or destroy the socket.
 *
 * @example
 * ```ts
 * planReply({ stallAfterBytes: 3 }, chat).ending; // 'stall'
 * ```
 */
export type ReplyEnding = 'end' | 'close' | 'stall';

/**
 * A {@link Reply} resolved against one request: the bytes to send, encoded once, and how to send them.
 *
 * @example
 * ```ts
 * const plan: ReplyPlan = planReply({ text: 'Hi', chunkSize: [1, 2] }, chat); // plan.chunkSizes: [1, 2]
 * ```
 */
export interface ReplyPlan {
  readonly status: number;
  readonly reason: string | undefined;
  /** Response headers, names lower-cased. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body, encoded once; chunks are views into it. */
  readonly body: Buffer;
  readonly chunkSizes: readonly number[];
  readonly chunkDelayMs: number;
  readonly headersDelayMs: number;
  readonly endless: boolean;
  /** Body bytes to write before `ending` applies (`Infinity`: the whole body, or forever when endless). */
  readonly limit: number;
  readonly ending: ReplyEnding;
  readonly stallBeforeHeaders: boolean;
}

const DEFAULT_CHUNK_SIZE = 8;
const ERROR_CONTENT_TYPE = 'text/plain;charset=UTF-8';
/** An endless body shorter than this is pre-repeated, so big chunks stay zero-copy views. */
const MIN_ENDLESS_BYTES = 64 * 1024;
/** Statuses that cannot carry a body. */
const BODYLESS = new Set([204, 205, 304]);

/**
 * Resolves a reply against a well-formed chat body: status, headers, body bytes and the fault to apply.
 *
 * @example
 * ```ts
 * planReply({ text: 'hé', chunkSize: 1 }, body).body; // <Buffer 68 c3 a9>
 * ```
 */
export function planReply(reply: Reply, chat: ChatBody): ReplyPlan {
  const status = reply.status ?? 200;
  const success = status >= 200 && status < 300;
  const headers: Record<string, string> = success ? {} : { 'content-type': ERROR_CONTENT_TYPE };
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;

  let body = BODYLESS.has(status)
    ? Buffer.alloc(0)
    : success
      ? successBody(reply, chat)
      : toBuffer(reply.body ?? 'Error');
  if (reply.encoding !== undefined && body.length > 0) {
    headers['content-encoding'] = reply.encoding;
    body = compress(body, reply.encoding).subarray(0, reply.truncateCompressedAt ?? Infinity);
  }
  const endless = reply.endless === true;
  if (endless && body.length > 0 && body.length < MIN_ENDLESS_BYTES) {
    body = Buffer.alloc(Math.ceil(MIN_ENDLESS_BYTES / body.length) * body.length, body);
  }

  const close = reply.closeAfterBytes ?? Infinity;
  const stall = reply.stallAfterBytes ?? Infinity;
  const ending: ReplyEnding =
    close <= stall && close !== Infinity ? 'close' : stall !== Infinity ? 'stall' : 'end';
  const chunkSize = reply.chunkSize ?? DEFAULT_CHUNK_SIZE;

  return {
    status,
    reason: reply.reason,
    headers,
    body,
    chunkSizes: typeof chunkSize === 'number' ? [chunkSize] : chunkSize,
    chunkDelayMs: reply.chunkDelayMs ?? 0,
    headersDelayMs: reply.headersDelayMs ?? 0,
    endless,
    limit: Math.min(close, stall),
    ending,
    stallBeforeHeaders: reply.stallBeforeHeaders === true,
  };
}

function successBody(reply: Reply, chat: ChatBody): Buffer {
  if (reply.bytes !== undefined) return toBuffer(reply.bytes);
  if (reply.text !== undefined) return toBuffer(reply.text);
  return toBuffer(lastUserContent(chat));
}

function toBuffer(value: string | Uint8Array): Buffer {
  return typeof value === 'string'
    ? Buffer.from(value, 'utf8')
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function compress(body: Buffer, encoding: ReplyEncoding): Buffer {
  switch (encoding) {
    case 'gzip':
      return gzipSync(body);
    case 'deflate':
      return deflateSync(body);
    case 'br':
      return brotliCompressSync(body);
  }
}
