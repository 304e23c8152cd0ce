import { either as E } from 'fp-ts';
import { catchError, concat, defer, finalize, merge, mergeMap, of, Subject, tap, throwError } from 'rxjs';
import type { AnswerEvent, Complete } from '../conversation/types';
import { fromHistory } from '../protocols/openai/fromHistory';
import { checkRunToolsOptions } from './checkRunToolsOptions';
import { resultContent } from './resultContent';
import { runTools } from './runTools';
import { ToolCallError } from '../errors';
import type { RunToolsEvent, RunToolsOptions, ToolsProvider } from './types';

/**
 * The {@link Complete} function of a conversation whose model calls tools: each answer is a {@link runTools} loop
 * over an OpenAI-compatible provider, and the conversation holds its steps as messages — the answer with its tool
 * calls, a `tool` message per call (`'running'`, then `'done'` with the result or `'error'`), the next answer …
 * Later requests send the calls and what the model got back (`fromHistory`). `stop()` while a tool runs aborts its
 * `signal`; the calls that finished keep their results, the others are marked `'stopped'`.
 *
 * Throws an `InvalidRequestError` for invalid options (the tools record, `maxSteps` …), before any conversation.
 *
 * @example
 * ```ts
 * const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
 * const conversation = createConversation(toolsComplete(ai, 'llama3.2', { tools: { weather }, maxSteps: 5 }));
 * conversation.messages$.subscribe((messages) => console.log(messages.at(-1)));
 * conversation.send('Weather in Oslo?'); // answer (tool call) → tool message (running, then done) → answer (text)
 * ```
 */
export function toolsComplete(
  provider: ToolsProvider,
  model: string,
  options: RunToolsOptions,
): Complete<AnswerEvent> {
  const checked = checkRunToolsOptions(options);
  if (E.isLeft(checked)) throw checked.left;
  return (messages) =>
    defer(() => {
      // A step's stream ended (its `finish`, which runTools keeps to itself): the answer is whole, and runTools
      // runs its calls now. Said at once, so that the answer ends before its tools do.
      const ended = new Subject<AnswerEvent>();
      let calls: { readonly id: string; readonly name: string }[] = [];
      const watched: ToolsProvider = {
        createCompletionEvents: (...args) =>
          provider.createCompletionEvents(...args).pipe(
            tap((event) => {
              if (event.type === 'tool-call') calls.push({ id: event.id, name: event.name });
              if (event.type !== 'finish') return;
              const started = calls;
              calls = [];
              ended.next(
                event.usage === undefined
                  ? { type: 'finish', reason: event.reason }
                  : { type: 'finish', reason: event.reason, usage: event.usage },
              );
              for (const call of started) ended.next({ type: 'tool-start', id: call.id, name: call.name });
            }),
          ),
      };
      const run$ = runTools(watched, model, fromHistory(messages), options).pipe(
        mergeMap(toAnswerEvents),
        // With onToolError 'fail', the tool that threw ends the run: its message says so before the turn fails.
        catchError((error: unknown) =>
          error instanceof ToolCallError
            ? concat(
                of<AnswerEvent>({
                  type: 'tool-error',
                  id: error.id,
                  name: error.toolName,
                  error,
                  content: error.message,
                }),
                throwError(() => error),
              )
            : throwError(() => error),
        ),
        finalize(() => ended.complete()),
      );
      return merge(ended, run$);
    });
}

/** One event of the loop as the conversation's protocol-free answer events. */
function toAnswerEvents(event: RunToolsEvent): AnswerEvent[] {
  switch (event.type) {
    case 'tool-result':
      return [{ ...event, content: resultContent(event.result) }];
    case 'tool-error':
      return [{ ...event, content: event.error.message }];
    case 'step-finish':
      return [
        event.usage === undefined
          ? { type: 'step-finish', reason: event.reason }
          : { type: 'step-finish', reason: event.reason, usage: event.usage },
      ];
    case 'finish':
      // Each step's usage is on its own answer: the run's sum is not repeated on the last one.
      return [{ type: 'finish', reason: event.reason }];
    default:
      return [event];
  }
}
