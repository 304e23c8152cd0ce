import type { Exchange } from '../exchange';
import { planReply } from '../planReply';
import { sendReply } from '../sendReply';
import { sendText } from '../sendText';
import type { RecordedRequest, Reply } from '../types';
import { validateReply } from '../validateReply';
import { completionBody } from './completionBody';
import { errorBody } from './errorBody';
import { eventSizes } from './eventSizes';
import { readOpenAIChat } from './readOpenAIChat';
import { sseBody } from './sseBody';
import type { OpenAIReply } from './types';

/** What the OpenAI routes need from the server: the shared reply queue and the models body. */
export interface OpenAIRoutes {
  chatReply(request: RecordedRequest): Reply;
  readonly modelsBody: string;
}

const JSON_TYPE = 'application/json';

/**
 * Answers the OpenAI-compatible routes under `/v1/`: `POST /v1/chat/completions` plays the next scripted reply
 * (from the same queue as `/api/chat`) as server-sent events, or as one JSON answer for `stream: false`;
 * `GET /v1/models` lists the models as `{ object: 'list', data: [{ id, … }] }`. A malformed request is a `400`,
 * another method a `405`, another path a `404`, each with an OpenAI JSON error body. Never rejects.
 *
 * @example
 * ```ts
 * if (path.startsWith('/v1/')) return routeOpenAI(exchange, request, path, routes);
 * ```
 */
export async function routeOpenAI(
  exchange: Exchange,
  request: RecordedRequest,
  path: string,
  routes: OpenAIRoutes,
): Promise<void> {
  if (path === '/v1/chat/completions') {
    if (request.method !== 'POST') return fail(exchange, 405, 'Use POST for /v1/chat/completions.');
    const chat = readOpenAIChat(request.json);
    if (chat === undefined) {
      return fail(
        exchange,
        400,
        'Expected a JSON body with a non-empty "model" and "messages" whose contents are strings, arrays of ' +
          'content parts or null.',
      );
    }
    let reply: OpenAIReply;
    try {
      reply = validateReply(routes.chatReply(request));
    } catch (error) {
      return fail(
        exchange,
        500,
        `The scripted reply is invalid: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const status = reply.status ?? 200;
    const success = status >= 200 && status < 300;
    const streaming = chat.stream === true;
    const replayed = reply.replay?.bytes;
    const body =
      replayed !== undefined
        ? replayed
        : reply.bytes !== undefined
          ? reply.bytes
          : !success
            ? (reply.body ?? errorBody(reply.error ?? { message: reply.reason ?? 'Error' }))
            : streaming
              ? sseBody(reply, chat)
              : completionBody(reply, chat);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const sse = replayed !== undefined || (streaming && success);
    const sizes = reply.perEvent === true ? eventSizes(bytes) : [];
    const planned: Reply = {
      ...reply,
      ...(success ? { bytes } : { body: bytes }),
      ...(sizes.length > 0 ? { chunkSize: sizes } : {}),
      headers: {
        'content-type': sse ? 'text/event-stream; charset=utf-8' : JSON_TYPE,
        'cache-control': 'no-cache',
        ...reply.headers,
      },
    };
    return sendReply(exchange, planReply(planned, chat));
  }
  if (path === '/v1/models') {
    if (request.method !== 'GET') return fail(exchange, 405, 'Use GET for /v1/models.');
    return sendText(exchange, 200, modelList(routes.modelsBody), JSON_TYPE);
  }
  return fail(exchange, 404, `Unknown path ${path}: this server has /v1/chat/completions and /v1/models.`);
}

function fail(exchange: Exchange, status: number, message: string): void {
  sendText(exchange, status, errorBody({ message, type: 'invalid_request_error' }), JSON_TYPE);
}

/**
 * The `/v1/models` body: the server's models (an array of `{ id, … }`, as `/api/models` has them) as an OpenAI
 * list; any other `models` value (an object, malformed JSON) is sent as it is, to test clients against it.
 */
function modelList(modelsBody: string): string {
  let json: unknown;
  try {
    json = JSON.parse(modelsBody);
  } catch {
    return modelsBody;
  }
  if (
    !Array.isArray(json) ||
    !json.every((m) => typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string')
  ) {
    return modelsBody;
  }
  const data = json.map((m: { id: string }) => ({
    id: m.id,
    object: 'model',
    created: 0,
    owned_by: 'aivvm-rx',
  }));
  return JSON.stringify({ object: 'list', data });
}
