/**
 * io-ts codecs for everything that crosses the API boundary: the caller's arguments and the server's JSON.
 * Each codec has a type of the same name (fp-ts/io-ts habit).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import type {
  ReliabilityOptions,
  RetryOptions as RetryOptionsShape,
  TimeoutOptions as TimeoutOptionsShape,
} from './reliability/policy';

/** The role of a chat message. */
export const Role = /*#__PURE__*/ t.keyof(
  { system: null, user: null, assistant: null },
  '"system" | "user" | "assistant"',
);
/** The role of a chat message. */
export type Role = t.TypeOf<typeof Role>;

/** The most characters one message's content may have (10 MB messages are a mistake, not a prompt). */
export const MAX_CONTENT_CHARS = 1_000_000;

interface BoundedStringBrand {
  readonly BoundedString: unique symbol;
}

// MAX_CONTENT_CHARS spelled out: a template literal would keep every codec in bundles that use none (not pure).
const CONTENT_NAME = 'string of at most 1000000 characters';

/** A string of at most {@link MAX_CONTENT_CHARS} characters. */
const Content = /*#__PURE__*/ t.brand(
  t.string,
  (s): s is t.Branded<string, BoundedStringBrand> => s.length <= MAX_CONTENT_CHARS,
  'BoundedString',
);

/** One chat message: `{ role, content }`. Extra properties are dropped, not sent. */
export const Message = /*#__PURE__*/ t.exact(
  /*#__PURE__*/ t.type({
    role: Role,
    content: /*#__PURE__*/ withName(Content, CONTENT_NAME),
  }),
  'Message',
);
/** One chat message: `{ role, content }`. */
export interface Message {
  readonly role: Role;
  readonly content: string;
}

interface NonEmptyBrand {
  readonly NonEmptyMessages: unique symbol;
}

/** A non-empty array of messages (the server cannot answer nothing). */
export const Messages = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    /*#__PURE__*/ t.readonlyArray(Message),
    (ms): ms is t.Branded<typeof ms, NonEmptyBrand> => ms.length > 0,
    'NonEmptyMessages',
  ),
  'a non-empty array of { role, content } messages',
);
/** A non-empty array of messages. */
export type Messages = readonly Message[];

interface TemperatureBrand {
  readonly Temperature: unique symbol;
}

/** A finite number in [0, 2]. */
export const Temperature = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    t.number,
    (n): n is t.Branded<number, TemperatureBrand> => Number.isFinite(n) && n >= 0 && n <= 2,
    'Temperature',
  ),
  'a finite number in [0, 2]',
);

/** A duration in milliseconds: a positive number, `Infinity` for "no deadline". */
export const Milliseconds = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(t.number, (n): n is t.Branded<number, MillisecondsBrand> => n > 0, 'Milliseconds'),
  'a positive number of milliseconds (Infinity for none)',
);
interface MillisecondsBrand {
  readonly Milliseconds: unique symbol;
}

/** A delay in milliseconds: a finite number ≥ 0. */
const Delay = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    t.number,
    (n): n is t.Branded<number, DelayBrand> => Number.isFinite(n) && n >= 0,
    'Delay',
  ),
  'a finite number of milliseconds ≥ 0',
);
interface DelayBrand {
  readonly Delay: unique symbol;
}

/** A whole number in [0, 100]. */
const RetryCount = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    t.number,
    (n): n is t.Branded<number, CountBrand> => Number.isInteger(n) && n >= 0 && n <= 100,
    'Count',
  ),
  'a whole number in [0, 100]',
);
interface CountBrand {
  readonly Count: unique symbol;
}

/** A whole positive number of bytes. */
const ByteCount = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    t.number,
    (n): n is t.Branded<number, BytesBrand> => Number.isSafeInteger(n) && n > 0,
    'Bytes',
  ),
  'a whole number of bytes > 0',
);
interface BytesBrand {
  readonly Bytes: unique symbol;
}

/** Deadlines: `{ firstByte?, idle?, total? }` in milliseconds. */
export const TimeoutOptions = /*#__PURE__*/ strictPartial({
  firstByte: Milliseconds,
  idle: Milliseconds,
  total: Milliseconds,
});
/** Deadlines: `{ firstByte?, idle?, total? }` in milliseconds. */
export type TimeoutOptions = TimeoutOptionsShape;

/** Retries: `{ count?, baseDelayMs?, maxDelayMs? }`. */
export const RetryOptions = /*#__PURE__*/ strictPartial({
  count: RetryCount,
  baseDelayMs: Delay,
  maxDelayMs: Delay,
});
/** Retries: `{ count?, baseDelayMs?, maxDelayMs? }`. */
export type RetryOptions = RetryOptionsShape;

/** The reliability settings shared by the config and each call. */
export const reliabilityProps = {
  timeout: TimeoutOptions,
  retry: RetryOptions,
  maxResponseBytes: ByteCount,
};

/** Options of one completion. Unknown keys are rejected: a typo must not be silently ignored. */
export const CompletionOptions = /*#__PURE__*/ strictPartial(
  /*#__PURE__*/ withReliability({
    systemMessage: /*#__PURE__*/ withName(Content, CONTENT_NAME),
    temperature: Temperature,
  }),
);
/** Options of one completion. */
export interface CompletionOptions extends ReliabilityOptions {
  /** The system prompt; defaults to `DEFAULT_SYSTEM_MESSAGE`. */
  readonly systemMessage?: string;
  /** Sampling temperature in [0, 2]; defaults to `DEFAULT_TEMPERATURE`. */
  readonly temperature?: number;
}

/** A model as the server describes it in `/api/models`. */
export const ServerModel = /*#__PURE__*/ t.intersection(
  [
    /*#__PURE__*/ t.type({ id: t.string, name: t.string }),
    /*#__PURE__*/ t.partial({ maxLength: t.number, tokenLimit: t.number }),
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
    model: /*#__PURE__*/ t.type({ id: t.string, name: t.string }),
    messages: /*#__PURE__*/ t.readonlyArray(/*#__PURE__*/ t.type({ role: Role, content: t.string })),
    key: /*#__PURE__*/ t.literal(''),
    prompt: t.string,
    temperature: t.number,
  },
  'ChatPayload',
);
/** The JSON body of `POST /api/chat`. */
export type ChatPayload = t.TypeOf<typeof ChatPayload>;

/** `props` plus {@link reliabilityProps}: a function, so bundlers can drop the codec (an object spread is not pure). */
function withReliability<P extends t.Props>(props: P): P & typeof reliabilityProps {
  return { ...props, ...reliabilityProps };
}

/** Re-labels a codec so validation messages say what is expected in words, not io-ts type syntax. */
function withName<C extends t.Any>(codec: C, name: string): C {
  return new t.Type(name, codec.is, codec.validate, codec.encode) as unknown as C;
}

/**
 * Like `t.partial`, but an unknown key is an error naming it (`options.topP: expected no such option …`), and the
 * value must be a plain object. Its name lists the known keys, so a wrong type reads well too.
 */
export function strictPartial<P extends t.Props>(props: P): t.PartialC<P> {
  const partial = t.partial(props);
  const known = Object.keys(props);
  const name = `an object { ${known.map((k) => `${k}?`).join(', ')} }`;
  const validate: t.Validate<unknown, t.TypeOf<typeof partial>> = (input, context) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return t.failure(input, context);
    const errors: t.ValidationError[] = [];
    const result = partial.validate(input, context);
    if (E.isLeft(result)) errors.push(...result.left);
    for (const key of Object.keys(input)) {
      if (known.includes(key)) continue;
      const value: unknown = (input as Record<string, unknown>)[key];
      errors.push({
        value,
        context: [...context, { key, type: t.never, actual: value }],
        message: `no such option (known: ${known.join(', ')})`,
      });
    }
    return errors.length > 0 ? t.failures(errors) : result;
  };
  const codec = new t.Type(name, partial.is, validate, partial.encode);
  return Object.assign(codec, { _tag: 'PartialType', props }) as unknown as t.PartialC<P>;
}
