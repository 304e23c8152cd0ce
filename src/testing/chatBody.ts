/**
 * A message of a `/api/chat` body, as far as the server looks at it.
 *
 * @example
 * ```ts
 * const message: ChatMessage = { role: 'user', content: 'Привет!' };
 * ```
 */
export interface ChatMessage {
  readonly role?: unknown;
  readonly content: string;
}

/**
 * A `/api/chat` body the real server would accept: a model and an array of messages with string contents.
 *
 * @example
 * ```ts
 * if (isChatBody(request.json)) lastUserContent(request.json);
 * ```
 */
export interface ChatBody {
  readonly model: unknown;
  readonly messages: readonly ChatMessage[];
}

/**
 * True when `json` is a body chatbot-ui's handler would not crash on: `model` present, `messages` an array of
 * objects whose `content` is a string. Everything else is answered `500 Error`.
 *
 * @example
 * ```ts
 * isChatBody({ model: { id: 'gpt-4' }, messages: [{ role: 'user', content: 'hi' }] }); // true
 * isChatBody({ messages: [] }); // false: no model
 * ```
 */
export function isChatBody(json: unknown): json is ChatBody {
  if (!isRecord(json) || json['model'] === undefined || json['model'] === null) return false;
  const messages = json['messages'];
  return Array.isArray(messages) && messages.every((m) => isRecord(m) && typeof m['content'] === 'string');
}

/**
 * The content of the last message whose role is `user`, or `''` when there is none.
 *
 * @example
 * ```ts
 * lastUserContent({ model: 'x', messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }); // 'a'
 * ```
 */
export function lastUserContent(body: ChatBody): string {
  for (let i = body.messages.length - 1; i >= 0; i--) {
    const message = body.messages[i];
    if (message?.role === 'user') return message.content;
  }
  return '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
