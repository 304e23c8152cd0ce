import { either as E } from 'fp-ts';
import {
  asapScheduler,
  catchError,
  concat,
  defer,
  filter,
  from,
  mergeMap,
  type Observable,
  of,
  subscribeOn,
  tap,
  throwError,
} from 'rxjs';
import { MAX_CONTENT_CHARS } from '../core/codecs';
import type { OpenAIAssistantMessage, OpenAIMessage, OpenAIToolMessage } from '../protocols/openai/messages';
import { extendOpenAIRequest, stepEventsOf, type StepEvents } from '../protocols/openai/stepEvents';
import type {
  CompletionEvent,
  OpenAICompletionOptions,
  ToolCallEvent,
  Usage,
} from '../protocols/openai/types';
import type { ValidatedOpenAIRequest } from '../protocols/openai/validateOpenAIRequest';
import { checkRunToolsOptions, type CheckedRunTools } from './checkRunToolsOptions';
import { decodeArguments } from './decodeArguments';
import { executeTool } from './executeTool';
import { resultContent } from './resultContent';
import { sumUsage } from './sumUsage';
import type { ToolCallError } from '../errors';
import { toolFailed, unknownTool } from './toolCallErrors';
import type { RunToolsEvent, RunToolsOptions, ToolsProvider } from './types';

/** How one call ended: its result (as sent to the model) or its error. */
type Outcome =
  { readonly ok: true; readonly content: string } | { readonly ok: false; readonly error: ToolCallError };

/**
 * Lets a model call tools until it answers: a cold Observable of the events of every step. Each step is one
 * streamed completion with the tools; its events come as they arrive (text, reasoning, tool-call deltas, then the
 * whole `tool-call`s once the stream ended properly); then its calls run concurrently (`concurrency`, default
 * unbounded), each emitting `tool-result` or `tool-error` as it ends; then `step-finish`. The assistant message
 * (with `tool_calls`, and `reasoning_content` when the step reasoned, as DeepSeek requires; never on the final
 * answer; a refusal goes as its content, after any text) and one `tool` message per call, in the order of the
 * calls, extend the history sent by the next step.
 *
 * A step without tool calls ends the run: `finish` with its reason. At `maxSteps` (default 10) with the model
 * still calling tools, the calls of that last step run, then `finish` with reason `'max-steps'`: never a silent
 * stop, and `finish.messages` can start another run. Arguments that are not JSON or fail the tool's codec, an
 * unknown tool, or a tool that throws go back to the model as the call's answer (a `tool-error`), so it can
 * correct itself; `onToolError: 'fail'` ends the run with the {@link ToolCallError} when a tool throws.
 *
 * A `toolChoice` that forces a call (`'required'`, or a named function) is sent with the first step only; later
 * steps let the model answer.
 *
 * Nothing is sent before subscribe. Unsubscribing aborts the request in flight (the socket closes) and the
 * `signal` of every running tool. Invalid options are an `InvalidRequestError` at subscribe time.
 *
 * @example
 * ```ts
 * const ai = createOpenAICompatible({ baseURL: 'http://127.0.0.1:11434/v1' });
 * const weather = defineTool({
 *   description: 'Current weather in a city',
 *   parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
 *   codec: t.type({ city: t.string }),
 *   execute: ({ city }, { signal }) => fetch(`https://wttr.in/${city}?format=j1`, { signal }).then((r) => r.json()),
 * });
 * runTools(ai, 'llama3.2', [{ role: 'user', content: 'Weather in Oslo?' }], { tools: { weather } }).subscribe((e) => {
 *   if (e.type === 'text') process.stdout.write(e.text);
 *   if (e.type === 'finish') console.log(`\n${e.reason} after ${e.steps} steps`);
 * });
 * ```
 */
export function runTools(
  provider: ToolsProvider,
  model: string,
  messages: readonly OpenAIMessage[],
  options: RunToolsOptions,
): Observable<RunToolsEvent> {
  return defer(() => {
    const checked = checkRunToolsOptions(options);
    if (E.isLeft(checked)) return throwError(() => checked.left);
    const history = Array.isArray(messages) ? [...messages] : (messages as never);
    const steps = stepEventsOf(provider);
    if (steps === undefined) return step(provider, model, checked.right, history, 1, undefined, undefined);
    // Our own provider: the caller's model, messages and options are checked once, whole, here (the same check
    // createCompletionEvents makes); later steps check only the messages they append (see nextRequest).
    const request = steps.validate(model, messages, stepOptions(checked.right, 1));
    if (E.isLeft(request)) return throwError(() => request.left);
    return step(provider, model, checked.right, history, 1, undefined, { steps, request: request.right });
  });
}

/** The checked request of a step, with the provider half that sends it (our own OpenAI-compatible provider). */
interface CheckedStep {
  readonly steps: StepEvents;
  readonly request: ValidatedOpenAIRequest;
}

/**
 * The checked request of step `n` (≥ 2): the last one with the step's assistant message and tool answers
 * appended, and without a forcing `toolChoice` (see stepOptions).
 *
 * Why checking only the appended messages is safe: the earlier ones are the checked copies in the last request
 * (validateOpenAIRequest copies the caller's messages before it checks them, so a caller who changes their
 * array or objects during the run changes nothing that is sent), and the options (the tools' schemas included)
 * were checked whole at step 1 and are the same at every step. The appended messages are built by us, but from
 * what the server sent (text, call ids, names, arguments) and from tool results: they are checked by the same
 * io-ts codec as the caller's messages, at their own paths, so anything the whole check would refuse is still
 * refused, with the same error.
 */
function nextRequest(
  run: CheckedRunTools,
  last: CheckedStep,
  appended: readonly OpenAIMessage[],
  n: number,
): E.Either<unknown, CheckedStep> {
  const changes = 'toolChoice' in stepOptions(run, n) ? {} : { toolChoice: undefined };
  const request = extendOpenAIRequest(last.request, appended, changes);
  return E.isLeft(request) ? request : E.right({ steps: last.steps, request: request.right });
}

function step(
  provider: ToolsProvider,
  model: string,
  run: CheckedRunTools,
  history: readonly OpenAIMessage[],
  n: number,
  usageSoFar: Usage | undefined,
  checked: CheckedStep | undefined,
): Observable<RunToolsEvent> {
  return defer(() => {
    let text = '';
    let reasoning = '';
    let refusal = '';
    const calls: ToolCallEvent[] = [];
    let reason: string | null = null;
    let usage: Usage | undefined;
    const events$ =
      checked === undefined
        ? provider.createCompletionEvents(model, history, stepOptions(run, n))
        : checked.steps.events(checked.request);
    const completion$ = events$.pipe(
      tap((event: CompletionEvent) => {
        if (event.type === 'text') text += event.text;
        else if (event.type === 'reasoning') reasoning += event.text;
        else if (event.type === 'refusal') refusal += event.text;
        else if (event.type === 'tool-call') calls.push(event);
        else if (event.type === 'finish') {
          reason = event.reason;
          usage = event.usage;
        }
      }),
      filter((event): event is Exclude<CompletionEvent, { type: 'finish' }> => event.type !== 'finish'),
    );
    return concat(
      completion$,
      defer(() => {
        // A refusal is what the model said: it goes back as the message's content, after any text (as a
        // conversation sends it), so that the next question sees it.
        const said = [text, refusal].filter((part) => part !== '').join('\n\n');
        const total = sumUsage(usageSoFar, usage);
        const stepFinish: RunToolsEvent = {
          type: 'step-finish',
          step: n,
          reason,
          ...(usage ? { usage } : {}),
        };
        const finish = (why: string | null, all: readonly OpenAIMessage[]): RunToolsEvent => ({
          type: 'finish',
          reason: why,
          steps: n,
          ...(total ? { usage: total } : {}),
          messages: all,
        });
        if (calls.length === 0) {
          // No reasoning_content on a final answer: DeepSeek wants it back only within a tool loop, and its
          // reasoner answers 400 when an earlier turn's reasoning is sent with a new question.
          const answer: OpenAIAssistantMessage = { role: 'assistant', content: said };
          return of(stepFinish, finish(reason, [...history, answer]));
        }
        const assistant: OpenAIAssistantMessage = {
          role: 'assistant',
          content: said === '' ? null : said,
          tool_calls: calls.map((call) => ({
            id: call.id,
            type: 'function',
            function: { name: call.name, arguments: call.arguments },
          })),
          ...(reasoning !== '' ? { reasoning_content: reasoning } : {}),
        };
        const outcomes: Outcome[] = new Array<Outcome>(calls.length);
        const results$ = from(calls.map((call, i) => [call, i] as const)).pipe(
          mergeMap(([call, i]) => callTool(run, call, (outcome) => (outcomes[i] = outcome)), run.concurrency),
        );
        return concat(
          results$,
          defer(() => {
            // The answers in the order of the calls, whatever order they finished in.
            const answers: OpenAIToolMessage[] = calls.map((call, i) => {
              const outcome = outcomes[i]!;
              return {
                role: 'tool',
                tool_call_id: call.id,
                content: outcome.ok ? outcome.content : outcome.error.message,
              };
            });
            const next = [...history, assistant, ...answers];
            if (n >= run.maxSteps) return of(stepFinish, finish('max-steps', next));
            let following: CheckedStep | undefined;
            if (checked !== undefined) {
              const request = nextRequest(run, checked, [assistant, ...answers], n + 1);
              // As createCompletionEvents would have refused this history: after step-finish, as its error.
              if (E.isLeft(request))
                return concat(
                  of(stepFinish),
                  throwError(() => request.left),
                );
              following = request.right;
            }
            // The next step starts on a fresh stack: a provider and tools that answer synchronously would
            // otherwise nest one subscribe per step (about 127 steps overflowed it, silently).
            return concat(
              of(stepFinish),
              step(provider, model, run, next, n + 1, total, following).pipe(subscribeOn(asapScheduler)),
            );
          }),
        );
      }),
    );
  });
}

/**
 * The completion options of step `n`. A `toolChoice` that forces a call (`'required'` or a named function) holds
 * for the first step only: sent again, it would force a call at every step, and the run could only end at
 * `maxSteps`. Later steps leave `tool_choice` out (the server's default, `auto`).
 */
function stepOptions(run: CheckedRunTools, n: number): OpenAICompletionOptions {
  const { toolChoice, ...rest } = run.completion;
  return n === 1 || toolChoice === undefined || toolChoice === 'none' || toolChoice === 'auto'
    ? run.completion
    : rest;
}

/** One call: decode, execute, and its event; `record` keeps how it ended for the history. */
function callTool(
  run: CheckedRunTools,
  call: ToolCallEvent,
  record: (outcome: Outcome) => void,
): Observable<RunToolsEvent> {
  const failed = (error: ToolCallError): Observable<RunToolsEvent> => {
    record({ ok: false, error });
    return of({ type: 'tool-error', id: call.id, name: call.name, error });
  };
  const tool = Object.prototype.hasOwnProperty.call(run.tools, call.name) ? run.tools[call.name] : undefined;
  if (tool === undefined) return defer(() => failed(unknownTool(call.id, call.name, Object.keys(run.tools))));
  return defer(() => {
    const args = decodeArguments(call, tool);
    if (E.isLeft(args)) return failed(args.left);
    return executeTool(tool, args.right, call.id).pipe(
      mergeMap((result): Observable<RunToolsEvent> => {
        let content: string;
        try {
          content = resultContent(result);
        } catch (error) {
          return throwError(() => error);
        }
        // The next request could not carry it (a message holds at most MAX_CONTENT_CHARS): a tool error instead.
        if (content.length > MAX_CONTENT_CHARS) {
          return throwError(
            () =>
              new RangeError(
                `its result is ${content.length} characters, over the ${MAX_CONTENT_CHARS} a message may carry`,
              ),
          );
        }
        record({ ok: true, content });
        return of({ type: 'tool-result', id: call.id, name: call.name, result });
      }),
      catchError((cause: unknown) => {
        const error = toolFailed(call.id, call.name, cause);
        return run.failOnToolError ? throwError(() => error) : failed(error);
      }),
    );
  });
}
