/**
 * The body the AI SDK's `DefaultChatTransport` posts (`{ id, messages: UIMessage[], trigger, messageId, …body }`)
 * as the relay's `{ model, messages, options? }`: `id`, `trigger` and `messageId` are dropped, and each UI message
 * becomes `{ role, content }` with the text of its `text` parts (other parts — reasoning, step markers, files —
 * are not sent upstream). `model` comes from the transport's `body` option. Anything else is left for the normal
 * checks to judge.
 */
export function fromUIMessages(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const { id: _id, trigger: _trigger, messageId: _messageId, ...rest } = body as Record<string, unknown>;
  const messages = rest['messages'];
  if (!Array.isArray(messages)) return rest;
  return { ...rest, messages: messages.map(fromUIMessage) };
}

function fromUIMessage(message: unknown): unknown {
  if (typeof message !== 'object' || message === null) return message;
  const { role, parts, content } = message as Record<string, unknown>;
  if (!Array.isArray(parts) || content !== undefined) return message;
  const text = parts
    .filter(
      (part): part is { type: 'text'; text: string } =>
        typeof part === 'object' &&
        part !== null &&
        (part as Record<string, unknown>)['type'] === 'text' &&
        typeof (part as Record<string, unknown>)['text'] === 'string',
    )
    .map((part) => part.text)
    .join('');
  return { role, content: text };
}
