import { isChatBody } from './chatBody';
import type { Exchange } from './exchange';
import { planReply } from './planReply';
import { sendReply } from './sendReply';
import { sendError, sendInternalServerError, sendText } from './sendText';
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
}

/**
 * Answers one recorded request like chatbot-ui did: `POST /api/chat` plays the scripted reply, `POST /api/models`
 * sends the models, malformed input or another method gets `500 Error`, any other path `404`. Never rejects.
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
  const path = request.path.split('?')[0];
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
    return sendText(exchange, 200, routes.modelsBody, 'application/json');
  }
  sendText(exchange, 404, 'Not Found', 'text/plain; charset=utf-8');
}
