import { map, type Observable } from 'rxjs';
import { createAivvm, createOpenAICompatible, requireTextAnswer, type CompletionEvent } from '..';
import type { Protocol } from './parseCommand';

/** What the CLI needs to reach a server, whatever its protocol. */
export interface ProviderOptions {
  readonly baseURL: string;
  /** openai only: sent as `Authorization: Bearer …`; the provider removes it from every error. */
  readonly apiKey: string | undefined;
  readonly idleTimeoutMs: number | undefined;
}

/** One completion, as the CLI asks for it. */
export interface AnswerRequest {
  readonly prompt: string;
  readonly model: string | undefined;
  readonly system: string | undefined;
  readonly temperature: number | undefined;
  readonly stream: boolean;
}

/** The server's model list: one line each for the terminal, and the JSON `--json` prints. */
export interface ModelListing {
  readonly lines: readonly string[];
  readonly json: unknown;
}

/**
 * A protocol as the CLI sees it: an answer as {@link CompletionEvent}s (text, reasoning, refusals, tool calls, then
 * a `finish` when the protocol reports them) and the model list.
 */
export interface CliProvider {
  answer(request: AnswerRequest): Observable<CompletionEvent>;
  listModels(): Observable<ModelListing>;
}

const text = map((chunk: string): CompletionEvent => ({ type: 'text', text: chunk }));

/**
 * A {@link CliProvider} for each protocol `--protocol` accepts.
 *
 * @example
 * ```ts
 * providers.openai({ baseURL: 'http://127.0.0.1:8787/v1', apiKey: undefined, idleTimeoutMs: undefined })
 *   .answer({ prompt: 'Hi', model: 'llama3.2', system: undefined, temperature: undefined, stream: true })
 *   .subscribe((event) => console.log(event)); // { type: 'text', … } …, { type: 'finish', reason: 'stop', usage }
 * ```
 */
export const providers: Readonly<Record<Protocol, (options: ProviderOptions) => CliProvider>> = {
  aivvm: (options) => {
    const aivvm = createAivvm({ baseURL: options.baseURL, ...timeoutOf(options) });
    return {
      answer: (request) =>
        aivvm
          .createCompletion(
            request.model ?? null,
            [{ role: 'user', content: request.prompt }],
            request.stream,
            completionOptions(request),
          )
          .pipe(text),
      listModels: () =>
        aivvm.listModels().pipe(
          map((models) => ({
            lines: models.map((model) => `${model.id}\t${model.name}`),
            json: models,
          })),
        ),
    };
  },
  openai: (options) => {
    const openai = createOpenAICompatible({
      baseURL: options.baseURL,
      ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
      ...timeoutOf(options),
    });
    return {
      answer: (request) => {
        // The parser requires a model for openai; '' reaches the provider, which names the problem.
        const model = request.model ?? '';
        const messages = [{ role: 'user', content: request.prompt }] as const;
        // Only the streamed form reports a finish reason and usage. Both fail as createCompletion does when the
        // answer is not text (a refusal, a content filter, tool calls), after what arrived.
        return request.stream
          ? openai
              .createCompletionEvents(model, messages, completionOptions(request))
              .pipe(requireTextAnswer())
          : openai.createCompletion(model, messages, false, completionOptions(request)).pipe(text);
      },
      listModels: () =>
        openai.listModels().pipe(map((models) => ({ lines: models.map((model) => model.id), json: models }))),
    };
  },
};

function timeoutOf(options: ProviderOptions): { timeout?: { idle: number } } {
  return options.idleTimeoutMs === undefined ? {} : { timeout: { idle: options.idleTimeoutMs } };
}

function completionOptions(request: AnswerRequest): { systemMessage?: string; temperature?: number } {
  return {
    ...(request.system === undefined ? {} : { systemMessage: request.system }),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
  };
}
