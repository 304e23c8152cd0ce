import { either as E } from 'fp-ts';
import {
  catchError,
  defer,
  filter,
  map,
  Observable,
  tap,
  throwError,
  type MonoTypeOperatorFunction,
} from 'rxjs';
import { createSender } from '../../core/sendRequest';
import { InvalidResponseError, renderValue } from '../../errors';
import { decodeText } from '../../operators/decodeText';
import { toText } from '../../operators/toText';
import { resolvePolicy } from '../../core/reliability/policy';
import { toIssues } from '../../core/toIssues';
import { ChatCompletion, ModelList, type OpenAIModel } from './codecs';
import { redact, headerSecrets, withoutSecrets } from '../../core/redact';
import { errorInAnswer, toOpenAIError } from './errors';
import { parseServerSentEvents } from './parseServerSentEvents';
import { chatCompletionBody, openAIRequest, type OpenAIEndpoint } from './request';
import { answerProblem, type AnswerSummary } from './events/answerProblem';
import { messageAnswer } from './events/messageAnswer';
import { requireTextAnswer } from './events/requireTextAnswer';
import { toCompletionEvents } from './events/toCompletionEvents';
import type { OpenAIMessage } from './messages';
import { STEP_EVENTS, type StepEvents } from './stepEvents';
import { refusesStreamOptions, withoutStreamOptions } from './streamOptions';
import type { CompletionEvent, OpenAICompletionOptions, OpenAIConfig } from './types';
import { validateOpenAIConfig } from './validateOpenAIConfig';
import { validateOpenAIRequest, type ValidatedOpenAIRequest } from './validateOpenAIRequest';

/**
 * A provider for an OpenAI-compatible chat server (OpenAI, Ollama, vLLM, llama.cpp, LM Studio, …), with the same
 * shape as the Aivvm provider: plain functions (safe to destructure) returning cold Observables.
 */
export interface OpenAICompatibleProvider {
  /** The API root, e.g. `http://127.0.0.1:11434/v1`. */
  readonly url: string;
  /** Completions can stream. */
  readonly supportsStream: true;
  /**
   * A chat completion as a cold Observable of text. Nothing is sent before subscribe; each subscription sends
   * its own request; unsubscribing aborts it and closes the socket. `stream: true` emits the deltas as they
   * arrive; `stream: false` sends `stream: false` and emits the whole answer once. Invalid arguments error at
   * subscribe time with an `InvalidRequestError`, and nothing is sent. Messages are plain `{ role, content }` or
   * any {@link OpenAIMessage} (content parts, assistant `tool_calls`, `tool` results).
   *
   * @example
   * ```ts
   * const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
   * ai.createCompletion('llama3.2', [{ role: 'user', content: 'Hello' }], true).subscribe((t) => process.stdout.write(t));
   * ```
   */
  createCompletion(
    model: string,
    messages: readonly OpenAIMessage[],
    stream: boolean,
    options?: OpenAICompletionOptions,
  ): Observable<string>;
  /**
   * The streamed completion as events: `{ type: 'text', text }` deltas, then one `{ type: 'finish', reason,
   * usage? }` (usage when the server sends it; it is asked for with `stream_options.include_usage`).
   *
   * @example
   * ```ts
   * ai.createCompletionEvents('llama3.2', messages).subscribe((e) => e.type === 'finish' && console.log(e.usage));
   * ```
   */
  createCompletionEvents(
    model: string,
    messages: readonly OpenAIMessage[],
    options?: OpenAICompletionOptions,
  ): Observable<CompletionEvent>;
  /**
   * The server's models (`GET {baseURL}/models`), checked with io-ts. A body that is not the expected JSON is an
   * `InvalidResponseError` naming the bad path.
   *
   * @example
   * ```ts
   * ai.listModels().subscribe((models) => console.log(models.map((m) => m.id)));
   * ```
   */
  listModels(): Observable<readonly OpenAIModel[]>;
}

/**
 * Creates a provider for an OpenAI-compatible server. Throws an `InvalidRequestError` for an invalid
 * configuration (a missing `baseURL`, a bad `apiKey`, an unknown key …). The `apiKey` is sent as
 * `Authorization: Bearer …` and removed from every error message.
 *
 * @example
 * ```ts
 * import { createOpenAICompatible } from 'aivvm-rx';
 * const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1', apiKey: process.env['KEY'] });
 * ai.createCompletion('llama3.2', [{ role: 'user', content: 'Hi' }], true, { temperature: 0.2 }).subscribe(console.log);
 * ```
 */
export function createOpenAICompatible(config: OpenAIConfig): OpenAICompatibleProvider {
  const checked = validateOpenAIConfig(config);
  if (E.isLeft(checked)) throw checked.left;
  const { config: resolved, apiKey } = checked.right;
  const send = createSender(resolved);
  const endpoint: OpenAIEndpoint = {
    baseURL: resolved.baseURL,
    apiKey,
    headers: resolved.headers,
    browser: resolved.browser,
  };
  const chatURL = `${resolved.baseURL}/chat/completions`;
  // Last line of defence: whatever the server echoed, neither the key nor a header value reaches an error.
  const secrets = [...(apiKey === undefined ? [] : [apiKey]), ...headerSecrets(resolved.headers)];
  const hideKey = <T>(): MonoTypeOperatorFunction<T> =>
    catchError((error: unknown) => throwError(() => withoutSecrets(error, secrets)));

  /** The request's bytes, with their count (for `IncompleteResponseError`). */
  const chatBytes = (
    request: ValidatedOpenAIRequest,
    body: Readonly<Record<string, unknown>>,
    count: (n: number) => void,
  ) =>
    send(
      openAIRequest(endpoint, 'POST', '/chat/completions', body, request.stream ? 'text' : 'json'),
      request.reliability,
      (error) => toOpenAIError(error, 'POST', apiKey),
    ).pipe(tap((chunk) => count(chunk.byteLength)));

  // Set once a server refused `stream_options` (a 400/422 naming it): later requests leave it out.
  let streamOptionsRefused = false;

  /** A streaming request's bytes; `stream_options` refused → exactly one retry without it, and remembered. */
  const streamBytes = (request: ValidatedOpenAIRequest, count: (n: number) => void) => {
    const body = chatCompletionBody(request);
    if (streamOptionsRefused) return chatBytes(request, withoutStreamOptions(body), count);
    return chatBytes(request, body, count).pipe(
      catchError((error: unknown) => {
        if (!refusesStreamOptions(error)) return throwError(() => error);
        streamOptionsRefused = true;
        return chatBytes(request, withoutStreamOptions(body), count);
      }),
    );
  };

  const streamEvents = (request: ValidatedOpenAIRequest): Observable<CompletionEvent> =>
    defer(() => {
      let received = 0;
      const limit = resolvePolicy(resolved.policy, request.reliability).maxResponseBytes;
      return streamBytes(request, (n) => (received += n)).pipe(
        // SSE is UTF-8 by definition, and its decoder replaces invalid bytes: do the same (JSON stays JSON).
        decodeText({ fallback: 'replacement' }),
        parseServerSentEvents(limit, chatURL),
        toCompletionEvents({ url: chatURL, apiKey, receivedBytes: () => received }),
        hideKey(),
      );
    });

  // The whole answer once (even ''), then the error when it is not a text answer (a refusal, tool calls …).
  const wholeAnswer = (request: ValidatedOpenAIRequest): Observable<string> =>
    chatBytes(request, chatCompletionBody(request), () => undefined).pipe(
      decodeText({ fallback: 'replacement' }),
      toText(),
      (body$) =>
        new Observable<string>((subscriber) =>
          body$.subscribe({
            next: (text) => {
              let answer: AnswerSummary;
              try {
                const { message, reason } = completionOf(
                  parseJson(text, 'POST', chatURL, 'a chat completion', apiKey),
                  text,
                  chatURL,
                  apiKey,
                );
                answer = messageAnswer(message, reason);
              } catch (error) {
                // Thrown here would not reach the subscriber (rxjs reports errors thrown in an observer).
                return subscriber.error(error);
              }
              const problem = answerProblem(answer);
              // The text first, as streamed; but, as streamed, no empty string before the error of a non-text answer.
              if (problem === undefined || answer.text.length !== 0) subscriber.next(answer.text);
              if (problem !== undefined) subscriber.error(problem);
            },
            error: (error: unknown) => subscriber.error(error),
            complete: () => subscriber.complete(),
          }),
        ),
      hideKey(),
    );

  const createCompletionEvents: OpenAICompatibleProvider['createCompletionEvents'] = (
    model,
    messages,
    options,
  ) =>
    defer(() => {
      const request = validateOpenAIRequest(model, messages, true, options);
      return E.isLeft(request) ? throwError(() => request.left) : streamEvents(request.right);
    });

  const createCompletion: OpenAICompatibleProvider['createCompletion'] = (model, messages, stream, options) =>
    defer(() => {
      const request = validateOpenAIRequest(model, messages, stream, options);
      if (E.isLeft(request)) return throwError(() => request.left);
      if (!request.right.stream) return wholeAnswer(request.right);
      return streamEvents(request.right).pipe(
        requireTextAnswer(),
        // Its errors carry what the server sent, which may echo the key.
        hideKey(),
        filter((event): event is Extract<CompletionEvent, { type: 'text' }> => event.type === 'text'),
        map((event) => event.text),
      );
    });

  const modelsURL = `${resolved.baseURL}/models`;
  const listModels: OpenAICompatibleProvider['listModels'] = () =>
    defer(() =>
      send(openAIRequest(endpoint, 'GET', '/models', undefined, 'json'), {}, (error) =>
        toOpenAIError(error, 'GET', apiKey),
      ),
    ).pipe(
      decodeText({ fallback: 'replacement' }),
      toText(),
      map((text) => {
        const json = parseJson(text, 'GET', modelsURL, 'a JSON model list { data: [{ id }] }', apiKey);
        const decoded = ModelList.validate(json, [{ key: 'body', type: ModelList, actual: json }]);
        if (E.isLeft(decoded)) {
          // `200 {"error": …}` from a gateway: the server's error, not a malformed list.
          throw (
            errorInAnswer(json, text, 'GET', modelsURL, apiKey) ??
            new InvalidResponseError(`GET ${modelsURL}: unexpected JSON`, toIssues(decoded.left))
          );
        }
        return decoded.right.data;
      }),
      hideKey(),
    );

  // For runTools: the same check and the same events as createCompletionEvents, in two halves (see stepEvents).
  const stepEvents: StepEvents = Object.freeze({
    validate: (model: unknown, messages: unknown, options: OpenAICompletionOptions) =>
      validateOpenAIRequest(model, messages, true, options),
    events: streamEvents,
  });

  return Object.freeze({
    url: resolved.baseURL,
    supportsStream: true as const,
    createCompletion,
    createCompletionEvents,
    listModels,
    [STEP_EVENTS]: stepEvents,
  });
}

function parseJson(
  text: string,
  method: string,
  url: string,
  expected: string,
  apiKey: string | undefined,
): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON.parse's message: it quotes the body's start, where a server may have echoed the key. The body is
    // shown only after the key is removed from all of it, so truncation cannot cut the key into a visible part.
    throw new InvalidResponseError(
      `${method} ${url}: expected ${expected}, got a body that is not JSON: ${renderValue(redact(text, apiKey), 80)}`,
    );
  }
}

/** The first choice of a `stream: false` answer, checked: its message and `finish_reason`. */
function completionOf(
  json: unknown,
  text: string,
  url: string,
  apiKey: string | undefined,
): { message: ChatCompletion['choices'][number]['message']; reason: string | null } {
  const decoded = ChatCompletion.validate(json, [{ key: 'body', type: ChatCompletion, actual: json }]);
  if (E.isLeft(decoded)) {
    // `200 {"error": …}` from a gateway: the server's error (its message, code, type), not a malformed answer.
    throw (
      errorInAnswer(json, text, 'POST', url, apiKey) ??
      new InvalidResponseError(`POST ${url}: unexpected JSON`, toIssues(decoded.left))
    );
  }
  const choice = decoded.right.choices[0];
  if (choice === undefined) {
    throw new InvalidResponseError(`POST ${url}: the answer has no choices`, [
      { path: 'body.choices', expected: 'at least one choice', actual: 'an array of 0' },
    ]);
  }
  if (decoded.right.choices.length > 1) {
    // The request asks for one answer (`n` is refused): a second one would be dropped, so it is an error.
    throw new InvalidResponseError(
      `POST ${url}: the answer has ${decoded.right.choices.length} choices; aivvm-rx asks for one and would drop ` +
        'the others. Is a gateway asking for more (n > 1)? Set it to 1 there.',
    );
  }
  return { message: choice.message, reason: choice.finish_reason ?? null };
}
