/**
 * io-ts codecs of the Aivvm protocol's JSON: the `/api/models` answer and the `POST /api/chat` body.
 *
 * @packageDocumentation
 */
import * as t from 'io-ts';
import { Role } from '../../core/codecs';

/** A model as the server describes it in `/api/models`. */
export const ServerModel = /*#__PURE__*/ t.intersection(
  [
    /*#__PURE__*/ t.type({
      /** The model's id, sent back in a chat request (e.g. `gpt-3.5-turbo`). */
      id: t.string,
      /** The model's display name. */
      name: t.string,
    }),
    /*#__PURE__*/ t.partial({
      /** The longest message the chatbot-ui front end lets a user type, in characters. */
      maxLength: t.number,
      /** The model's context window in tokens; the server drops the oldest messages to fit it. */
      tokenLimit: t.number,
    }),
  ],
  'ServerModel',
);
/** A model as the server describes it in `/api/models`. */
export type ServerModel = t.TypeOf<typeof ServerModel>;

/** The `/api/models` response body. */
export const ModelsResponse = /*#__PURE__*/ t.readonlyArray(ServerModel, 'ModelsResponse');
/** The `/api/models` response body. */
export type ModelsResponse = t.TypeOf<typeof ModelsResponse>;

/** The JSON body of `POST /api/chat`, exactly as the seed sends it. */
export const ChatPayload = /*#__PURE__*/ t.type(
  {
    /** The model to answer with. */
    model: /*#__PURE__*/ t.type({
      /** The model's id, e.g. `gpt-3.5-turbo`. */
      id: t.string,
      /** The model's display name. */
      name: t.string,
    }),
    /** The conversation so far; the system prompt goes in `prompt`. */
    messages: /*#__PURE__*/ t.readonlyArray(
      /*#__PURE__*/ t.type({
        /** Who wrote the message. */
        role: Role,
        /** The message text. */
        content: t.string,
      }),
    ),
    /** The API key field of chatbot-ui; always empty, the server holds the key. */
    key: /*#__PURE__*/ t.literal(''),
    /** The system message. */
    prompt: t.string,
    /** Sampling temperature in [0, 2]. */
    temperature: t.number,
  },
  'ChatPayload',
);
/** The JSON body of `POST /api/chat`. */
export type ChatPayload = t.TypeOf<typeof ChatPayload>;
