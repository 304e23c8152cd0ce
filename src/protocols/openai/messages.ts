/**
 * The messages an OpenAI-compatible request can carry, in the wire's own shape (snake_case, as the OpenAI API
 * documents them, so messages can be copied from its docs or an earlier answer): text or content parts (text and
 * `image_url`), assistant messages with `tool_calls`, and `tool` messages answering one with `tool_call_id`.
 * Plain `{ role, content }` messages are a special case of them. Types and their io-ts codecs, strict: a field in
 * the wrong role is an error; other unknown fields are left out (not sent), as for every message.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { boundedArray } from '../../core/boundedArray';
import { MAX_CONTENT_CHARS, withName } from '../../core/codecs';
import { isPlainObject, readMessageList, snapshotData, type ReadingAt } from '../../core/snapshot';
import { byTag, strictObject } from '../../core/strictObject';

/**
 * A text part of a message's content.
 *
 * @example
 * ```ts
 * const part: OpenAITextPart = { type: 'text', text: 'What is in this picture?' };
 * ```
 */
export interface OpenAITextPart {
  /** A text part. */
  readonly type: 'text';
  /** The text, at most 1 000 000 characters. */
  readonly text: string;
}

/**
 * An image part of a user message: an `http(s)` URL or a `data:` URL (base64).
 *
 * @example
 * ```ts
 * const part: OpenAIImagePart = { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } };
 * ```
 */
export interface OpenAIImagePart {
  /** An image part. */
  readonly type: 'image_url';
  /** Where the image is. */
  readonly image_url: {
    /** An `http://`, `https://` or `data:` URL, at most 20 000 000 characters. */
    readonly url: string;
    /** How closely the model looks: `'auto'`, `'low'` or `'high'`. */
    readonly detail?: 'auto' | 'low' | 'high';
  };
}

/** A part of a user message's content: text or an image. */
export type OpenAIContentPart = OpenAITextPart | OpenAIImagePart;

/**
 * A call the assistant made to one of the request's tools, as it is sent back in the history.
 *
 * @example
 * ```ts
 * const call: OpenAIToolCall = { id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } };
 * ```
 */
export interface OpenAIToolCall {
  /** The call's id; the `tool` message answering it repeats it as `tool_call_id`. */
  readonly id: string;
  /** Always `'function'`. */
  readonly type: 'function';
  /** The function called. */
  readonly function: {
    /** The tool's name. */
    readonly name: string;
    /** The arguments as the model wrote them: a JSON text (not parsed, so it is sent back exactly). */
    readonly arguments: string;
  };
}

/**
 * A system message: instructions.
 *
 * @example
 * ```ts
 * const message: OpenAISystemMessage = { role: 'system', content: 'Answer in French.' };
 * ```
 */
export interface OpenAISystemMessage {
  /** Instructions. */
  readonly role: 'system';
  /** The text, or text parts. */
  readonly content: string | readonly OpenAITextPart[];
}

/**
 * A user message: text, or parts of text and images.
 *
 * @example
 * ```ts
 * const message: OpenAIUserMessage = {
 *   role: 'user',
 *   content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }],
 * };
 * ```
 */
export interface OpenAIUserMessage {
  /** Written by the person. */
  readonly role: 'user';
  /** The text, or parts of text and images. */
  readonly content: string | readonly OpenAIContentPart[];
}

/**
 * An assistant message of the history: its text, and the tool calls it made (then `content` may be `null`).
 *
 * @example
 * ```ts
 * const message: OpenAIAssistantMessage = {
 *   role: 'assistant',
 *   content: null,
 *   tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }],
 * };
 * ```
 */
export interface OpenAIAssistantMessage {
  /** Answered by the model. */
  readonly role: 'assistant';
  /** The text, or text parts; `null` (or left out) only when the message has `tool_calls`. */
  readonly content?: string | readonly OpenAITextPart[] | null;
  /** The tool calls the model made, 1 to 1 000. */
  readonly tool_calls?: readonly OpenAIToolCall[];
  /**
   * The reasoning the model streamed before this message, sent back as it is: DeepSeek's thinking mode answers
   * 400 unless an assistant message with `tool_calls` carries it. Other servers ignore it.
   */
  readonly reasoning_content?: string;
}

/**
 * A tool's result, answering one tool call of the assistant message before it.
 *
 * @example
 * ```ts
 * const message: OpenAIToolMessage = { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":7}' };
 * ```
 */
export interface OpenAIToolMessage {
  /** A tool's result. */
  readonly role: 'tool';
  /** The `id` of the tool call this answers. */
  readonly tool_call_id: string;
  /** The result as text, or text parts. */
  readonly content: string | readonly OpenAITextPart[];
}

/**
 * One message of an OpenAI-compatible request. A plain `{ role: 'user', content: 'Hi' }` is one, so the
 * protocol-free `Message` of the Aivvm provider and of conversations is accepted as it is.
 *
 * @example
 * ```ts
 * const history: OpenAIMessage[] = [
 *   { role: 'user', content: 'Weather in Oslo?' },
 *   { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] },
 *   { role: 'tool', tool_call_id: 'call_1', content: '{"celsius":7}' },
 * ];
 * ```
 */
export type OpenAIMessage =
  OpenAISystemMessage | OpenAIUserMessage | OpenAIAssistantMessage | OpenAIToolMessage;

/** The most content parts one message may have. */
export const MAX_CONTENT_PARTS = 10_000;
/** The most tool calls one assistant message may have. */
export const MAX_TOOL_CALLS = 1_000;
/** The longest image URL (a `data:` URL holds the whole image, base64). */
export const MAX_IMAGE_URL_CHARS = 20_000_000;

const Text = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.string, (s) => s.length <= MAX_CONTENT_CHARS),
  'string of at most 1000000 characters',
);
const Id = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.string, (s) => s.length > 0 && s.length <= 1_000),
  'a non-empty string of at most 1000 characters',
);
// A called function's name in the history repeats what the server sent, which may be empty (a call without a name
// goes back to the model as an error, with its call): refusing it would fail the next step.
const CalledName = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(t.string, (s) => s.length <= 1_000),
  'a string of at most 1000 characters',
);

const TextPart: t.Type<OpenAITextPart, OpenAITextPart, unknown> = /*#__PURE__*/ strictObject(
  { type: /*#__PURE__*/ t.literal('text'), text: Text },
  {},
  'a text part { type: "text", text }',
);

const ImageURL = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.refinement(
    t.string,
    (s) => s.length <= MAX_IMAGE_URL_CHARS && /^(https?:\/\/|data:)/i.test(s),
  ),
  'an http(s) or data: URL of at most 20000000 characters',
);

const ImagePart: t.Type<OpenAIImagePart, OpenAIImagePart, unknown> = /*#__PURE__*/ strictObject(
  {
    type: /*#__PURE__*/ t.literal('image_url'),
    image_url: /*#__PURE__*/ strictObject(
      { url: ImageURL },
      { detail: /*#__PURE__*/ t.keyof({ auto: null, low: null, high: null }) },
      'an object { url, detail? }',
    ),
  },
  {},
  'an image part { type: "image_url", image_url: { url } }',
);

const ContentPart = /*#__PURE__*/ byTag<OpenAIContentPart>(
  'type',
  { text: TextPart, image_url: ImagePart },
  'a content part { type: "text", text } or { type: "image_url", image_url }',
);

/** `content` of a user message: a string, or 1 to MAX_CONTENT_PARTS text and image parts. */
const UserContent = /*#__PURE__*/ oneOf(
  Text,
  /*#__PURE__*/ boundedArray(ContentPart, 1, MAX_CONTENT_PARTS, 'an array of 1 to 10000 content parts'),
  'a string of at most 1000000 characters, or an array of 1 to 10000 text and image_url parts',
);

/** A part of a system, assistant or tool message: text only. */
const TextOnlyPart = /*#__PURE__*/ byTag<OpenAITextPart>(
  'type',
  { text: TextPart },
  'a text part { type: "text", text }',
  '"text" (image parts only in user messages)',
);

/** `content` of the other roles: a string, or text parts only. */
const TextContent = /*#__PURE__*/ oneOf(
  Text,
  /*#__PURE__*/ boundedArray(TextOnlyPart, 1, MAX_CONTENT_PARTS, 'an array of 1 to 10000 text parts'),
  'a string of at most 1000000 characters, or an array of 1 to 10000 text parts',
);

const ToolCall: t.Type<OpenAIToolCall, OpenAIToolCall, unknown> = /*#__PURE__*/ strictObject(
  {
    id: Id,
    type: /*#__PURE__*/ t.literal('function'),
    function: /*#__PURE__*/ strictObject(
      { name: CalledName, arguments: t.string },
      {},
      'an object { name, arguments } (arguments: the JSON text the model wrote)',
    ),
  },
  {},
  'a tool call { id, type: "function", function: { name, arguments } }',
);

const ToolCalls = /*#__PURE__*/ boundedArray(ToolCall, 1, MAX_TOOL_CALLS, 'an array of 1 to 1000 tool calls');

/** The fields each role may have; a known field in another role is an error, unknown fields are left out. */
const ROLE_FIELDS: Readonly<Record<OpenAIMessage['role'], readonly string[]>> = {
  system: ['role', 'content'],
  user: ['role', 'content'],
  assistant: ['role', 'content', 'tool_calls', 'reasoning_content'],
  tool: ['role', 'content', 'tool_call_id'],
};
const KNOWN_FIELDS = ['role', 'content', 'tool_calls', 'tool_call_id', 'reasoning_content'];
/** Why a known field is refused on another role. */
const ONLY_ON: Readonly<Record<string, string>> = {
  tool_calls: 'only assistant messages make tool calls',
  tool_call_id: 'only tool messages answer a tool call',
  reasoning_content: 'only assistant messages carry reasoning',
};
const ROLES = '"system" | "user" | "assistant" | "tool"';

/**
 * One OpenAI message, checked by its role. The decoded message has only the fields its role sends.
 *
 * @example
 * ```ts
 * OpenAIMessage.decode({ role: 'tool', tool_call_id: 'call_1', content: '7' }); // Right(…)
 * OpenAIMessage.decode({ role: 'user', content: 'x', tool_call_id: 'c' });      // Left: tool_call_id: not on a user message
 * ```
 */
export const OpenAIMessage = /*#__PURE__*/ new t.Type<OpenAIMessage, OpenAIMessage, unknown>(
  'a message { role, content }',
  (u): u is OpenAIMessage => E.isRight(validateMessage(u, [])),
  (u, c) => validateMessage(u, c),
  t.identity,
);

/** A non-empty array of OpenAI messages (the error when `messages` is not one). */
export const OpenAIMessages = /*#__PURE__*/ new t.Type<
  readonly OpenAIMessage[],
  readonly OpenAIMessage[],
  unknown
>(
  'a non-empty array of messages { role, content }',
  (u): u is readonly OpenAIMessage[] =>
    Array.isArray(u) && u.length > 0 && u.every((m) => OpenAIMessage.is(m)),
  (u, c) => (Array.isArray(u) && u.length > 0 ? t.success(u as readonly OpenAIMessage[]) : t.failure(u, c)),
  t.identity,
);

function validateMessage(u: unknown, c: t.Context): t.Validation<OpenAIMessage> {
  // io-ts' own test for an object, as for the Aivvm messages.
  if (!isPlainObject(u)) return t.failure(u, c);
  const errors: t.ValidationError[] = [];
  const field = (key: string, codec: t.Mixed): unknown => {
    const value = u[key];
    const result = codec.validate(value, t.appendContext(c, key, codec, value));
    if (E.isLeft(result)) for (const error of result.left) errors.push(error);
    return E.isRight(result) ? result.right : undefined;
  };
  const role = u['role'];
  if (role !== 'system' && role !== 'user' && role !== 'assistant' && role !== 'tool') {
    errors.push({ value: role, context: t.appendContext(c, 'role', t.never, role), message: ROLES });
    // The content is checked all the same (as the widest role takes it): every problem is reported at once.
    field('content', UserContent);
    return t.failures(errors);
  }
  for (const key of KNOWN_FIELDS) {
    if (ROLE_FIELDS[role].includes(key) || u[key] === undefined) continue;
    errors.push({
      value: u[key],
      context: t.appendContext(c, key, t.never, u[key]),
      message: `no ${key} on ${role === 'assistant' ? 'an' : 'a'} ${role} message (${ONLY_ON[key] ?? ''})`,
    });
  }
  let message: OpenAIMessage | undefined;
  switch (role) {
    case 'system':
    case 'user': {
      const content = field('content', role === 'user' ? UserContent : TextContent);
      message = { role, content } as OpenAIMessage;
      break;
    }
    case 'tool': {
      const content = field('content', TextContent);
      const id = field('tool_call_id', Id);
      message = { role, tool_call_id: id, content } as OpenAIToolMessage;
      break;
    }
    case 'assistant': {
      const calls = u['tool_calls'] === undefined ? undefined : field('tool_calls', ToolCalls);
      const reasoning = u['reasoning_content'] === undefined ? undefined : field('reasoning_content', Text);
      const hasCalls = u['tool_calls'] !== undefined;
      const raw = u['content'];
      let content: unknown = raw;
      if (raw === null || raw === undefined) {
        if (!hasCalls) {
          errors.push({
            value: raw,
            context: t.appendContext(c, 'content', TextContent, raw),
            message: `${TextContent.name} (null or left out only with tool_calls)`,
          });
        }
      } else content = field('content', TextContent);
      message = {
        role,
        ...(content !== undefined
          ? { content: content as NonNullable<OpenAIAssistantMessage['content']> | null }
          : {}),
        ...(calls !== undefined ? { tool_calls: calls as readonly OpenAIToolCall[] } : {}),
        ...(typeof reasoning === 'string' ? { reasoning_content: reasoning } : {}),
      };
      break;
    }
  }
  return errors.length > 0 || message === undefined ? t.failures(errors) : t.success(message);
}

/** `a` or `b` by shape: an array goes to `b` (its items' errors at their index), anything else to `a`. */
function oneOf<A, B>(
  a: t.Type<A, A, unknown>,
  b: t.Type<B, B, unknown>,
  name: string,
): t.Type<A | B, A | B, unknown> {
  return new t.Type<A | B, A | B, unknown>(
    name,
    (u): u is A | B => a.is(u) || b.is(u),
    (u, c) => {
      if (Array.isArray(u)) {
        const result = b.validate(u, c);
        // A wrong length is the whole field's failure: say what the field takes.
        return E.isLeft(result) && result.left.every((e) => e.context.length === c.length)
          ? t.failure(u, c)
          : result;
      }
      return a.is(u) ? t.success(u) : t.failure(u, c);
    },
    t.identity,
  );
}

/**
 * The messages argument read once, as plain data: each message's `role`, `content`, `tool_calls`,
 * `tool_call_id` and `reasoning_content`, each read once and copied (content parts and tool calls included), so what is checked is what is
 * sent. Other fields are not read (they are not sent). Anything else is kept for the codec to refuse.
 *
 * @example
 * ```ts
 * readArguments(messages, options, check, { messages: readOpenAIMessages });
 * ```
 */
export function readOpenAIMessages(messages: unknown, at: ReadingAt): unknown {
  return readMessageList(messages, at, (m, i) => {
    const read: Record<string, unknown> = {};
    for (const key of KNOWN_FIELDS) {
      at.path = `messages[${i}].${key}`;
      const value = m[key];
      // Content parts → image_url → url; tool calls → call → function → name.
      if (value !== undefined) read[key] = snapshotData(value, 4, at.path, at, MAX_CONTENT_PARTS);
    }
    return read;
  });
}
