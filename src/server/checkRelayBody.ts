import { either as E } from 'fp-ts';
import { validateOpenAIRequest, type OpenAICompletionOptions, type OpenAIMessage } from '..';
import type { Checked } from './readJsonBody';
import type { ResolvedLimits } from './RelayLimits';

/**
 * The checked body of `POST /`, as `complete` receives it: the fields the browser sent, each checked by the
 * OpenAI-compatible provider's own validation (`validateOpenAIRequest`).
 *
 * @example
 * ```ts
 * const complete = (body: RelayRequest) => ai.createCompletionEvents(body.model, body.messages);
 * ```
 */
export interface RelayRequest {
  /** The model name the browser asked for (non-empty); `complete` may ignore it and pick its own. */
  readonly model: string;
  /** The messages, checked like the provider checks them. */
  readonly messages: readonly OpenAIMessage[];
  /** The options, checked like the provider checks them, when sent. Pass on only those you allow. */
  readonly options?: OpenAICompletionOptions;
}

const KEYS = new Set(['model', 'messages', 'options']);

const refuse = (status: number, message: string): Checked<never> => ({
  ok: false,
  refusal: { status, message },
});

/**
 * Characters of a message's content: a string, or the strings inside its parts (a text part's text, an image's
 * URL), not the parts' `type` names.
 */
function contentChars(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (depth > 4 || typeof value !== 'object' || value === null) return 0;
  let sum = 0;
  if (Array.isArray(value)) for (const item of value) sum += contentChars(item, depth + 1);
  else
    for (const [key, item] of Object.entries(value)) if (key !== 'type') sum += contentChars(item, depth + 1);
  return sum;
}

/**
 * Checks a parsed `POST` body: the limits first (cheap, before any message is read), then every field with the
 * provider's validation. Unknown top-level fields are refused (user input is checked strictly).
 */
export function checkRelayBody(body: unknown, limits: ResolvedLimits): Checked<RelayRequest> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return refuse(400, 'body: expected a JSON object { "model", "messages", "options"? }');
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !KEYS.has(key));
  if (unknown.length > 0) {
    const shown = unknown.slice(0, 3).map((key) => JSON.stringify(key.slice(0, 40)));
    return refuse(
      400,
      `body.${unknown[0]?.slice(0, 40)}: unknown field (${shown.join(', ')}); send only model, messages and options`,
    );
  }
  const messages = fields['messages'];
  if (Array.isArray(messages)) {
    if (messages.length > limits.maxMessages) {
      return refuse(
        413,
        `messages: ${messages.length} messages, more than the relay's limit of ${limits.maxMessages} (limits.maxMessages); send a shorter history`,
      );
    }
    let chars = 0;
    for (const message of messages) {
      chars +=
        typeof message === 'object' && message !== null
          ? contentChars((message as Record<string, unknown>)['content'])
          : 0;
    }
    if (chars > limits.maxChars) {
      return refuse(
        413,
        `messages: ${chars} characters of content, more than the relay's limit of ${limits.maxChars} (limits.maxChars); send a shorter history`,
      );
    }
  }
  const checked = validateOpenAIRequest(fields['model'], messages, true, fields['options']);
  if (E.isLeft(checked)) return refuse(400, checked.left.message);
  const options = fields['options'];
  const value: RelayRequest = {
    model: checked.right.model,
    messages: checked.right.messages,
    ...(options === undefined || options === null ? {} : { options: options as OpenAICompletionOptions }),
  };
  return { ok: true, value };
}
