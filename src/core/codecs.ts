/**
 * io-ts codecs for everything that crosses the API boundary: the caller's arguments and the server's JSON.
 * Each codec has a type of the same name (fp-ts/io-ts habit).
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { isPlainObject } from './snapshot';
import type { RetryWhen as RetryWhenFn } from './reliability/defaultRetryWhen';
import type {
  ReliabilityOptions,
  RetryOptions as RetryOptionsShape,
  TimeoutOptions as TimeoutOptionsShape,
} from './reliability/policy';

/** The role of a chat message. */
export const Role = /*#__PURE__*/ t.keyof(
  {
    /** Instructions that set how the assistant behaves. */
    system: null,
    /** A message the person wrote. */
    user: null,
    /** A message the model answered. */
    assistant: null,
  },
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
    /** Who wrote the message. */
    role: Role,
    /** The message text, at most {@link MAX_CONTENT_CHARS} characters. */
    content: /*#__PURE__*/ withName(Content, CONTENT_NAME),
  }),
  'a message { role, content }',
);
/** One chat message: `{ role, content }`. */
export interface Message {
  /** Who wrote the message. */
  readonly role: Role;
  /** The message text, at most {@link MAX_CONTENT_CHARS} characters. */
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
  /** From subscribe (of each attempt) to the first body byte. */
  firstByte: Milliseconds,
  /** Between two body bytes: catches a 200 that never ends. */
  idle: Milliseconds,
  /** For the whole completion, retries included. */
  total: Milliseconds,
});
/** Deadlines: `{ firstByte?, idle?, total? }` in milliseconds. */
export type TimeoutOptions = TimeoutOptionsShape;

/**
 * A retry decision `(error, attempt) => boolean`; only its being a function can be checked.
 *
 * @example
 * ```ts
 * RetryWhen.is((error, attempt) => attempt < 2); // true
 * ```
 */
export const RetryWhen = /*#__PURE__*/ new t.Type<RetryWhenFn>(
  'a function (error, attempt) => boolean',
  (u): u is RetryWhenFn => typeof u === 'function',
  (u, c) => (typeof u === 'function' ? t.success(u as RetryWhenFn) : t.failure(u, c)),
  t.identity,
);

/** A retry decision `(error, attempt) => boolean` (see `defaultRetryWhen`). */
export type RetryWhen = RetryWhenFn;

/** Retries: `{ count?, baseDelayMs?, maxDelayMs?, when? }`. */
export const RetryOptions = /*#__PURE__*/ strictPartial({
  /** Retries after the first attempt, a whole number in [0, 100]; 0 disables retrying. */
  count: RetryCount,
  /** The first delay in milliseconds; each further one doubles, with jitter. */
  baseDelayMs: Delay,
  /** No backoff is longer than this many milliseconds. */
  maxDelayMs: Delay,
  /** Which failures are retried, replacing the protocol's default (see `defaultRetryWhen`). */
  when: RetryWhen,
});
/** Retries: `{ count?, baseDelayMs?, maxDelayMs?, when? }`. */
export type RetryOptions = RetryOptionsShape;

/** The reliability settings shared by the config and each call. */
export const reliabilityProps = {
  /** Deadlines for the first byte, between two bytes and for the whole completion. */
  timeout: TimeoutOptions,
  /** When and how often to retry a failure that came before any body byte. */
  retry: RetryOptions,
  /** Past this many body bytes the request is aborted with a `ResponseTooLargeError`. */
  maxResponseBytes: ByteCount,
};

/** Options of one completion. Unknown keys are rejected: a typo must not be silently ignored. */
export const CompletionOptions = /*#__PURE__*/ strictPartial(
  /*#__PURE__*/ withReliability({
    /** The system prompt; defaults to `DEFAULT_SYSTEM_MESSAGE`. */
    systemMessage: /*#__PURE__*/ withName(Content, CONTENT_NAME),
    /** Sampling temperature in [0, 2]; defaults to `DEFAULT_TEMPERATURE`. */
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

interface BaseURLBrand {
  readonly BaseURL: unique symbol;
}

/** An http(s) URL without credentials, query or fragment, decoded to `origin + path` without a trailing slash. */
export type BaseURL = t.Branded<string, BaseURLBrand>;

const URL_EXPECTED = 'an http(s) URL such as "http://127.0.0.1:8787", without query or fragment';

/**
 * The server's base URL. Credentials in it (`http://user:pw@host`) are refused: axios and fetch drop them
 * silently, so they would never reach the server; send them as a header instead.
 *
 * @example
 * ```ts
 * BaseURL.decode('http://127.0.0.1:8787/'); // Right('http://127.0.0.1:8787')
 * BaseURL.decode('http://me:pw@host');     // Left: no user or password
 * ```
 */
export const BaseURL = /*#__PURE__*/ new t.Type<BaseURL, string, unknown>(
  URL_EXPECTED,
  (u): u is BaseURL => typeof u === 'string' && E.isRight(parseBaseURL(u)),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    const parsed = parseBaseURL(u);
    return E.isRight(parsed) ? t.success(parsed.right) : t.failure(u, c, parsed.left);
  },
  (url) => url,
);

function parseBaseURL(text: string): E.Either<string, BaseURL> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return E.left(URL_EXPECTED);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return E.left(URL_EXPECTED);
  if (url.search !== '' || url.hash !== '') return E.left(URL_EXPECTED);
  if (url.username !== '' || url.password !== '')
    return E.left(
      'an http(s) URL without user or password: they would be dropped, not sent. ' +
        "Send credentials as a header, e.g. headers: { authorization: 'Basic …' }",
    );
  // Paths are joined as `${baseURL}/api/chat`: keep any prefix, drop trailing slashes.
  return E.right(`${url.origin}${url.pathname}`.replace(/\/+$/, '') as BaseURL);
}

interface HeaderNameBrand {
  readonly HeaderName: unique symbol;
}

/**
 * An HTTP header name: RFC 9110 token characters only (anything else is a bug or an injection attempt).
 *
 * @example
 * ```ts
 * HeaderName.is('x-api-key'); // true
 * HeaderName.is('bad name');  // false
 * ```
 */
export const HeaderName = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    t.string,
    (s): s is t.Branded<string, HeaderNameBrand> => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(s),
    'HeaderName',
  ),
  'a header name made of token characters',
);

interface HeaderValueBrand {
  readonly HeaderValue: unique symbol;
}

/**
 * A header value HTTP can carry: Latin-1 characters (a ByteString) without CR, LF, NUL or other controls but
 * tab. Node refuses anything else and fetch alters it (`Bearer 🔑` arrives as `Bearer`).
 *
 * @example
 * ```ts
 * HeaderValue.is('Bearer sk-abc'); // true
 * HeaderValue.is('Bearer 🔑');     // false
 * ```
 */
export const HeaderValue = /*#__PURE__*/ withName(
  /*#__PURE__*/ t.brand(
    t.string,
    (s): s is t.Branded<string, HeaderValueBrand> => /^[\t\x20-\x7e\x80-\xff]*$/.test(s),
    'HeaderValue',
  ),
  'a header value of Latin-1 characters without CR, LF, NUL or other control characters (encode others, e.g. Base64)',
);

/** Names axios drops without sending them (its guard against prototype pollution): refused, never lost. */
const DROPPED_NAMES = /*#__PURE__*/ new Set(['__proto__', 'constructor', 'prototype']);
const DROPPED_EXPECTED =
  'a header name other than __proto__, constructor or prototype (in any case): axios drops them without sending them';

/**
 * Extra request headers: a plain object of {@link HeaderName} → {@link HeaderValue}. A name is sent or refused,
 * never dropped: `__proto__`, `constructor` and `prototype` (which axios drops) and two spellings of one name
 * (`X-Token` and `x-token`) are refused.
 *
 * @example
 * ```ts
 * RequestHeaders.is({ authorization: 'Bearer sk-abc' }); // true
 * ```
 */
export const RequestHeaders = /*#__PURE__*/ new t.Type<
  Readonly<Record<string, string>>,
  Readonly<Record<string, string>>,
  unknown
>(
  'an object of header name → string',
  (u): u is Readonly<Record<string, string>> => {
    if (!isPlainObject(u)) return false;
    const names = new Set<string>();
    return Object.entries(u).every(([k, v]) => {
      const lower = k.toLowerCase();
      if (names.has(lower) || DROPPED_NAMES.has(lower)) return false;
      names.add(lower);
      return HeaderName.is(k) && HeaderValue.is(v);
    });
  },
  (u, c) => {
    if (!isPlainObject(u)) return t.failure(u, c);
    const errors: t.ValidationError[] = [];
    // Lower-cased name → the name as given: HTTP names are case-insensitive, so two spellings are one header.
    const given = new Map<string, string>();
    for (const [name, value] of Object.entries(u)) {
      const at: t.Context = [...c, { key: name, type: HeaderValue, actual: value }];
      const lower = name.toLowerCase();
      const twin = given.get(lower);
      given.set(lower, twin ?? name);
      if (!HeaderName.is(name)) errors.push({ value: name, context: at, message: HeaderName.name });
      else if (DROPPED_NAMES.has(lower)) errors.push({ value: name, context: at, message: DROPPED_EXPECTED });
      else if (twin !== undefined) {
        const message = `a header name given once (names are case-insensitive: ${JSON.stringify(twin)} is given too)`;
        errors.push({ value: name, context: at, message });
      } else if (!HeaderValue.is(value)) errors.push({ value, context: at, message: HeaderValue.name });
    }
    return errors.length > 0 ? t.failures(errors) : t.success(u as Readonly<Record<string, string>>);
  },
  (headers) => headers,
);

/**
 * `props` plus {@link reliabilityProps}: a function, so bundlers can drop the codec (an object spread is not pure).
 *
 * @example
 * ```ts
 * const Options = strictPartial(withReliability({ temperature: Temperature }));
 * ```
 */
export function withReliability<P extends t.Props>(props: P): P & typeof reliabilityProps {
  return { ...props, ...reliabilityProps };
}

/**
 * Re-labels a codec so validation messages say what is expected in words, not io-ts type syntax. What describes
 * its structure (`_tag`, members, item type, props) is kept: error paths skip a union's member index by it.
 *
 * @example
 * ```ts
 * const Temperature = withName(t.refinement(t.number, (n) => n >= 0 && n <= 2), 'a finite number in [0, 2]');
 * ```
 */
export function withName<C extends t.Any>(codec: C, name: string): C {
  const named = new t.Type(name, codec.is, codec.validate, codec.encode);
  const { _tag, types, type, props } = codec as {
    _tag?: unknown;
    types?: unknown;
    type?: unknown;
    props?: unknown;
  };
  return Object.assign(named, { _tag, types, type, props }) as unknown as C;
}

/**
 * Like `t.partial`, but an unknown key is an error naming it (`options.topP: expected no such option …`), and the
 * value must be a plain object (not an array, a `Date` or a class instance). Its name lists the known keys, so a
 * wrong type reads well too.
 *
 * @example
 * ```ts
 * const Options = strictPartial({ temperature: t.number });
 * Options.decode({ temperature: 0.2 }); // Right({ temperature: 0.2 })
 * Options.decode({ temprature: 0.2 });  // Left: temprature: no such option (known: temperature)
 * ```
 */
export function strictPartial<P extends t.Props>(props: P): t.PartialC<P> {
  const partial = /*#__PURE__*/ t.partial(props);
  const known = Object.keys(props);
  const name = `an object { ${known.map((k) => `${k}?`).join(', ')} }`;
  const validate: t.Validate<unknown, t.TypeOf<typeof partial>> = (input, context) => {
    // A Date, a Map, a class instance or an array is not options: its fields would be silently ignored.
    if (!isPlainObject(input)) return t.failure(input, context);
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
  const codec = /*#__PURE__*/ new t.Type(name, partial.is, validate, partial.encode);
  return Object.assign(codec, { _tag: 'PartialType', props }) as unknown as t.PartialC<P>;
}
