import { isChatBody } from './chatBody';
import { preflightHeaders } from './cors';
import type { Exchange } from './exchange';
import { planReply } from './planReply';
import { sendReply } from './sendReply';
import { sendError, sendInternalServerError, sendText } from './sendText';
import { routeOpenAI } from './openai/routeOpenAI';
import { serveStatic } from './serveStatic';
import type { RecordedRequest, Reply } from './types';
import { validateReply } from './validateReply';

/**
 * What the router needs from the server: the scripted chat replies and the models answer.
 *
 * @example
 * ```ts
 * const routes: Routes = { modelsBody: '[]', chatReply: () => ({ text: 'Hi' }) };
 * ```
 */
export interface Routes {
  /** The reply for the next well-formed `/api/chat` request (queue first, then the default). May throw. */
  chatReply(request: RecordedRequest): Reply;
  /** The `/api/models` body, already serialised. */
  readonly modelsBody: string;
  /** Real path of the directory whose files `GET`/`HEAD` outside `/api/` serve; none when undefined. */
  readonly staticRoot?: string | undefined;
  /** Answer `OPTIONS` preflights (the CORS headers themselves are already on the exchange). */
  readonly cors?: boolean;
}

/**
 * Answers one recorded request like chatbot-ui did: `POST /api/chat` plays the scripted reply, `POST /api/models`
 * sends the models, malformed input or another method gets `500 Error`, any other path `404`. With CORS on, any
 * `OPTIONS` is a `204` preflight; with a static root, `GET`/`HEAD` outside `/api/` serve its files. Never rejects.
 *
 * @example
 * ```ts
 * await routeRequest(exchange, request, routes);
 * ```
 */
export async function routeRequest(
  exchange: Exchange,
  request: RecordedRequest,
  routes: Routes,
): Promise<void> {
  const path = request.path.split('?')[0] ?? '';
  if (routes.cors === true && request.method === 'OPTIONS') {
    exchange.res.writeHead(204, { ...exchange.headers, ...preflightHeaders(request.headers) });
    exchange.res.end();
    return;
  }
  if (path.startsWith('/v1/')) return routeOpenAI(exchange, request, path, routes);
  if (path === '/api/chat') {
    if (request.method !== 'POST' || !isChatBody(request.json)) return sendError(exchange);
    let reply: Reply;
    try {
      reply = validateReply(routes.chatReply(request));
    } catch (error) {
      // A broken reply function is a bug of the test that set it: say so in the body.
      return sendInternalServerError(exchange, error instanceof Error ? error.message : String(error));
    }
    return sendReply(exchange, planReply(reply, request.json));
  }
  if (path === '/api/models') {
    // chatbot-ui destructured `{ key }` from the JSON body: no JSON object, no models.
    if (request.method !== 'POST' || request.json === undefined || request.json === null)
      return sendError(exchange);
    // As chatbot-ui's `new Response(JSON.stringify(models))`: JSON in a text/plain response (PROTOCOL.md).
    return sendText(exchange, 200, routes.modelsBody, 'text/plain;charset=UTF-8');
  }
  if (
    routes.staticRoot !== undefined &&
    (request.method === 'GET' || request.method === 'HEAD') &&
    !path.startsWith('/api/')
  ) {
    return serveStatic(exchange, request.path, routes.staticRoot);
  }
  sendText(exchange, 404, 'Not Found', 'text/plain; charset=utf-8');
}
