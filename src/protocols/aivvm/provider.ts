import { either as E } from 'fp-ts';
import { catchError, defer, map, Observable, throwError } from 'rxjs';
import type { CompletionOptions, Messages } from '../../core/codecs';
import { ModelsResponse, type ServerModel } from './codecs';
import {
  AIVVM_PUBLIC_URL,
  defaultConfig,
  validateConfig,
  type AivvmConfig,
  type ResolvedConfig,
} from '../../core/config';
import { HttpError, InvalidResponseError, MAX_ERROR_BODY_BYTES, renderValue } from '../../errors';
import { errorEnvelopeOf } from '../../core/errorEnvelope';
import { capUtf8 } from '../../core/transport/errorBody';
import { models } from './models';
import { decodeText } from '../../operators/decodeText';
import { toText } from '../../operators/toText';
import { chatPayload, httpRequestBuilder } from './request';
import { createSender } from '../../core/sendRequest';
import { headerSecrets, withoutSecrets } from '../../core/redact';
import { toIssues } from '../../core/toIssues';
import type { ReliabilityOptions } from '../../core/reliability/policy';
import { validateRequest } from './validateRequest';

/**
 * An Aivvm provider: the seed's `Aivvm` class as a value. Its methods are plain functions (safe to destructure)
 * returning cold Observables.
 */
export interface AivvmProvider {
  /** The server's base URL. */
  readonly url: string;
  /** Completions can stream. */
  readonly supportsStream: true;
  /** Whether the provider is expected to work: false for the defunct public service, true for your own server. */
  readonly working: boolean;
  /** gpt-3.5-turbo models are supported. */
  readonly supportsGpt35Turbo: true;
  /** gpt-4 models are supported. */
  readonly supportsGpt4: true;
  /** The model table. */
  readonly models: typeof models;
  /** The supported parameters, as the seed's `params` string. */
  readonly params: string;
  /**
   * A chat completion as a cold Observable of text (the seed's `create_completion`). Nothing is sent before
   * subscribe; each subscription sends its own request; unsubscribing aborts it and closes the socket.
   * `stream: true` emits decoded chunks as they arrive; `stream: false` emits the whole text once.
   * Invalid arguments error at subscribe time with an `UnsupportedModelError` / `InvalidRequestError`, and
   * nothing is sent.
   *
   * @example
   * ```ts
   * const aivvm = createAivvm({ baseURL: 'http://127.0.0.1:8787' });
   * aivvm.createCompletion('gpt-4', [{ role: 'user', content: 'Hello' }], true)
   *   .subscribe((chunk) => process.stdout.write(chunk));
   * ```
   */
  createCompletion(
    model: string | null | undefined,
    messages: Messages,
    stream: boolean,
    options?: CompletionOptions,
  ): Observable<string>;
  /**
   * The same request as {@link AivvmProvider.createCompletion}, as raw body bytes for custom decoding.
   *
   * @example
   * ```ts
   * aivvm.createCompletionBytes(null, messages, true).pipe(decodeText({ fallback: 'fatal' }));
   * ```
   */
  createCompletionBytes(
    model: string | null | undefined,
    messages: Messages,
    stream: boolean,
    options?: CompletionOptions,
  ): Observable<Uint8Array>;
  /**
   * The server's models (`POST /api/models`), checked with io-ts. A body that is not the expected JSON is an
   * `InvalidResponseError` naming the bad path.
   *
   * @example
   * ```ts
   * aivvm.listModels().subscribe((list) => console.log(list.map((m) => m.id)));
   * ```
   */
  listModels(): Observable<readonly ServerModel[]>;
}

const PARAMS =
  'aivvm-rx Aivvm supports: (model: string, messages: { role: string, content: string }[], stream: boolean, ' +
  'systemMessage?: string, temperature?: number)';

/**
 * Creates a provider for an Aivvm-compatible (chatbot-ui) server. Throws an `InvalidRequestError` for an
 * invalid configuration (use `validateConfig` to get an `Either` instead).
 *
 * @example
 * ```ts
 * import { createAivvm, toText } from 'aivvm-rx';
 * const aivvm = createAivvm({ baseURL: process.env.AIVVM_BASE_URL ?? 'http://127.0.0.1:8787' });
 * aivvm.createCompletion(null, [{ role: 'user', content: 'Hi' }], true).pipe(toText()).subscribe(console.log);
 * ```
 */
export function createAivvm(config?: AivvmConfig): AivvmProvider {
  const checked = validateConfig(config);
  if (E.isLeft(checked)) throw checked.left;
  return providerFor(checked.right);
}

function providerFor(config: ResolvedConfig): AivvmProvider {
  const send = createSender(config);
  // The headers and URL base are the same for every request of this provider: built once.
  const build = httpRequestBuilder({
    baseURL: config.baseURL,
    headers: config.headers,
    browser: config.browser,
  });
  const post = (
    path: string,
    payload: unknown,
    expect: 'text' | 'json',
    reliability: ReliabilityOptions = {},
  ) => send(build(path, payload, expect), reliability);

  const createCompletionBytes: AivvmProvider['createCompletionBytes'] = (model, messages, stream, options) =>
    defer(() => {
      const request = validateRequest(model, messages, stream, options);
      if (E.isLeft(request)) return throwError(() => request.left);
      return post('/api/chat', chatPayload(request.right), 'text', request.right.reliability);
    });

  const createCompletion: AivvmProvider['createCompletion'] = (model, messages, stream, options) => {
    const text$ = createCompletionBytes(model, messages, stream, options).pipe(decodeText());
    return stream ? text$ : text$.pipe(toText());
  };

  const secrets = headerSecrets(config.headers);
  const listModels: AivvmProvider['listModels'] = () =>
    defer(() => post('/api/models', { key: '' }, 'json')).pipe(
      decodeText({ fallback: 'replacement' }),
      toText(),
      map((text) => parseModels(text, `${config.baseURL}/api/models`)),
      // parseModels quotes the body, which may echo a header value.
      catchError((error: unknown) => throwError(() => withoutSecrets(error, secrets))),
    );

  return Object.freeze({
    url: config.baseURL,
    supportsStream: true,
    working: config.baseURL !== AIVVM_PUBLIC_URL,
    supportsGpt35Turbo: true,
    supportsGpt4: true,
    models,
    params: PARAMS,
    createCompletion,
    createCompletionBytes,
    listModels,
  });
}

function parseModels(text: string, url: string): readonly ServerModel[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError(
      `/api/models: expected a JSON array of { id, name } models, got a body that is not JSON ` +
        `(${(error as Error).message}): ${renderValue(text, 80)}`,
    );
  }
  // Rooted at 'body' so issues read `body[1].id: expected string, got undefined`.
  const decoded = ModelsResponse.validate(json, [{ key: 'body', type: ModelsResponse, actual: json }]);
  if (E.isLeft(decoded)) {
    // `200 {"error": …}`: the server's error, with its message, code and type (not "expected an array").
    const wire = errorEnvelopeOf(json);
    if (wire !== undefined) {
      throw new HttpError(200, 'OK', capUtf8(text, MAX_ERROR_BODY_BYTES), url, undefined, {
        method: 'POST',
        ...wire,
      });
    }
    throw new InvalidResponseError('/api/models: unexpected JSON', toIssues(decoded.left));
  }
  return decoded.right;
}

let defaultProvider: AivvmProvider | undefined;
// Built on first use, not at import: the root entry stays side-effect free, so bundlers drop what is unused.
const lazyDefault = (): AivvmProvider => (defaultProvider ??= providerFor(defaultConfig()));

/**
 * The default provider, pointed at the public Aivvm service (which no longer exists: its `working` is false).
 * Use {@link createAivvm} with your own `baseURL`. It is built on first use, so importing it costs nothing.
 *
 * @example
 * ```ts
 * import { Aivvm } from 'aivvm-rx';
 * console.log(Aivvm.url, Aivvm.working); // https://chat.aivvm.com false
 * ```
 */
export const Aivvm: AivvmProvider = /*#__PURE__*/ Object.freeze({
  get url() {
    return lazyDefault().url;
  },
  supportsStream: true,
  get working() {
    return lazyDefault().working;
  },
  supportsGpt35Turbo: true,
  supportsGpt4: true,
  models,
  params: PARAMS,
  createCompletion: (...args) => lazyDefault().createCompletion(...args),
  createCompletionBytes: (...args) => lazyDefault().createCompletionBytes(...args),
  listModels: () => lazyDefault().listModels(),
} satisfies AivvmProvider);
