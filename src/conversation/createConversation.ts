import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { defer, distinctUntilChanged, map, Subscription, type Observable } from 'rxjs';
import { Message } from '../core/codecs';
import { describeValue, InvalidRequestError, renderValue } from '../errors';
import { IssueList } from '../core/toIssues';
import { applyAnswerEvent, endStatus } from './applyAnswerEvent';
import { fitMessages } from './fitHistory';
import { OrderedState } from './OrderedState';
import { historyOf } from './requestHistory';
import { toAnswerEvent } from './toAnswerEvent';
import type {
  AnswerEvent,
  AnswerStatus,
  ConversationToolMessage,
  Complete,
  ContextBudget,
  ConversationAnswer,
  ConversationMessage,
  ConversationState,
  ConversationStatus,
  HistoryMessage,
} from './types';

/**
 * Options of {@link createConversation}.
 *
 * @example
 * ```ts
 * const options: ConversationOptions = { systemMessage: 'Be brief.', budget: budgetFor('gpt-3.5-turbo') };
 * ```
 */
export interface ConversationOptions {
  /** Becomes `messages[0]` (role `'system'`); it is always sent, whatever the budget. */
  readonly systemMessage?: string;
  /** The history to start from (after `systemMessage`); its answers get status `'done'`. */
  readonly initialMessages?: readonly Message[];
  /** Fit each request to this budget (see `fitHistory`); without one the whole history is sent. */
  readonly budget?: ContextBudget;
  /**
   * Send each answer's `reasoning` back with it in the history (as `HistoryMessage.reasoning`, counted in the
   * budget), for servers that want it; default false: reasoning is shown, not sent.
   */
  readonly sendReasoning?: boolean;
}

/**
 * A chat history as reactive state, asking `complete` for each answer. A state holder, hence hot: `state$`
 * (and `messages$`, `status$`, `error$` derived from it) emits the current state to each new subscriber at once,
 * then every change, like a `BehaviorSubject`; it completes on `dispose()`. Every change emits a new array whose
 * changed messages are new objects; emitted arrays and messages are frozen and never mutated.
 *
 * In order, whatever a subscriber calls back: a subscriber may call `send`, `stop`, `regenerate`, `edit` or
 * `dispose` from inside its callback. `state` changes at once, and the states that follow are delivered after
 * the current one has reached every subscriber: each subscriber sees the same states in the same order, and the
 * last one it sees is `state` (a `BehaviorSubject` would leave the subscribers after the caller on an older state).
 * `send`, `regenerate`, `edit` and `dispose` are each one step: the cut of the answer that was streaming and what
 * follows are delivered together, so that a subscriber reacting to the cut acts on the conversation after the call.
 *
 * @example
 * ```ts
 * conversation.messages$.subscribe((messages) => render(messages));
 * conversation.send('Hello');
 * ```
 */
export interface Conversation {
  /** Messages, status and error together, replayed to each new subscriber. */
  readonly state$: Observable<ConversationState>;
  /** The messages (system, user, answers with their status), replayed to each new subscriber. */
  readonly messages$: Observable<readonly ConversationMessage[]>;
  /** `'idle'`, `'streaming'` or `'error'`, without repeats. */
  readonly status$: Observable<ConversationStatus>;
  /** The last answer's failure while the status is `'error'`, else `undefined`; without repeats. */
  readonly error$: Observable<unknown>;
  /** The current state, read synchronously. */
  readonly state: ConversationState;
  /**
   * Appends a user message and asks for its answer. An answer still streaming is stopped first (its text stays,
   * marked `'cut'`). When the message does not fit the budget, nothing is sent and the new answer is empty with
   * status `'error'` and a `ContextBudgetError` (or an `InvalidRequestError` when the budget's `countTokens`
   * returned something other than a finite number ≥ 0, or the error it threw). Throws an `InvalidRequestError` (path `content`) when `content`
   * is not a string (from plain JavaScript), and changes nothing.
   */
  send(content: string): void;
  /**
   * Stops the streaming answer (the request is cancelled; its text stays, marked `'cut'`), or the tools running
   * (their `signal` is aborted; each is marked `'stopped'`, finished ones keep their result). No-op otherwise.
   */
  stop(): void;
  /**
   * Asks again for the last answer: everything after the last user message (the answer, or with tools every step
   * of the turn: answers and `tool` messages) is replaced by a new answer (a streaming one is stopped first). No-op
   * when there is no user message.
   */
  regenerate(): void;
  /**
   * Replaces the user message at `index` with `content`, drops every message after it and asks for a new answer.
   * Throws an `InvalidRequestError` (path `index`) when `messages[index]` is not a user message, and (path
   * `content`) when `content` is not a string.
   */
  edit(index: number, content: string): void;
  /** Stops the streaming answer and completes the Observables; later calls do nothing. */
  dispose(): void;
}

/**
 * Creates a {@link Conversation}: message history as reactive state over any `complete(messages)` function, one
 * answer streaming at a time, each request fitted to an optional context budget. Throws an `InvalidRequestError`
 * for invalid options.
 *
 * @example
 * ```ts
 * const aivvm = createAivvm({ baseURL: 'http://127.0.0.1:8787' });
 * const conversation = createConversation(aivvmComplete(aivvm, 'gpt-3.5-turbo'), {
 *   systemMessage: 'Answer in one sentence.',
 *   budget: budgetFor('gpt-3.5-turbo', { reserveForAnswer: 500 }),
 * });
 * conversation.messages$.subscribe((messages) => console.log(messages.at(-1)));
 * conversation.send('What is RxJS?');
 * ```
 */
export function createConversation(complete: Complete, options: ConversationOptions = {}): Conversation {
  const initial = initialMessages(options);
  // Not a BehaviorSubject: a subscriber may stop, send or dispose from inside its callback, and every subscriber
  // must still see every state in order and end on the last one (OrderedState queues re-entrant deliveries).
  const state = new OrderedState<ConversationState>(
    freezeState({ messages: initial, status: 'idle', error: undefined }),
  );
  // `index` is the answer being streamed, or the last one of a tool loop (a step's first event starts a new one).
  let running: { index: number; readonly subscription: Subscription } | undefined;
  let generation = 0;
  let disposed = false;

  const current = (): ConversationState => state.value;
  const emit = (next: ConversationState): void => state.next(freezeState(next));
  const withAnswer = (
    messages: readonly ConversationMessage[],
    index: number,
    change:
      | Partial<Omit<ConversationAnswer, 'role'>>
      | ((answer: ConversationAnswer) => Partial<Omit<ConversationAnswer, 'role'>>),
  ): readonly ConversationMessage[] =>
    messages.map((message, i) =>
      i === index && message.role === 'assistant'
        ? { ...message, ...(typeof change === 'function' ? change(message) : change) }
        : message,
    );

  const stop = (): void => {
    if (running === undefined) return;
    const { index, subscription } = running;
    running = undefined;
    generation++;
    subscription.unsubscribe();
    emit({
      messages: settleTools(
        withAnswer(current().messages, index, (m) => (m.status === 'streaming' ? { status: 'cut' } : {})),
        'stopped',
      ),
      status: 'idle',
      error: undefined,
    });
  };

  /**
   * Puts a new answer to `messages` (which end with the message to answer) into the state, and returns what
   * sends its request; or fails the answer at once when the history does not fit the budget.
   */
  const ask = (messages: readonly ConversationMessage[]): (() => void) | undefined => {
    const index = messages.length;
    let fitted: E.Either<unknown, readonly HistoryMessage[]>;
    try {
      const { sent, positions } = historyOf(messages, { sendReasoning: options.sendReasoning === true });
      fitted =
        options.budget === undefined
          ? E.right(sent)
          : fitMessages(sent, options.budget, (i) => positions[i] ?? i);
    } catch (error) {
      // A count that is not a number (InvalidRequestError), or a countTokens that throws: nothing is sent, and the
      // answer fails as it does when `complete` throws.
      fitted = E.left(error);
    }
    if (E.isLeft(fitted)) {
      const error = fitted.left;
      emit({ messages: [...messages, answer('', 'error', error)], status: 'error', error });
      return undefined;
    }
    const history = fitted.right;
    // `running` is set before anything is emitted or subscribed: a subscriber may stop or replace this answer from
    // the `'streaming'` state (then its request is never sent), or from a synchronous first chunk.
    const mine = ++generation;
    const ours = (): boolean => mine === generation;
    const subscription = new Subscription();
    const run = { index, subscription };
    running = run;
    emit({ messages: [...messages, answer('', 'streaming')], status: 'streaming', error: undefined });
    return () => {
      if (!ours()) return;
      const streamed = (): ConversationAnswer | undefined => {
        const message = current().messages[run.index];
        return message?.role === 'assistant' ? message : undefined;
      };
      const finish = (status: AnswerStatus, error?: unknown): void => {
        if (!ours()) return;
        running = undefined;
        generation++;
        const change = error === undefined ? { status } : { status, error };
        let next = current().messages;
        // A failure after a step's answer ended (a tool that failed the run, the next step's request) is a new,
        // empty answer: the answer before it ended well.
        if (status === 'error' && streamed()?.status !== 'streaming')
          next = [...next, answer('', 'error', error)];
        else next = withAnswer(next, run.index, change);
        emit({
          messages: settleTools(next, 'stopped'),
          status: status === 'error' ? 'error' : 'idle',
          error,
        });
      };
      const onEvent = (event: AnswerEvent): void => {
        const { messages: now } = current();
        let before = streamed();
        if (before === undefined) return;
        if (event.type === 'tool-start') {
          // The step's answer is whole: its calls run now, each answered by a tool message in the order of the calls.
          const started: ConversationToolMessage = {
            role: 'tool',
            toolCallId: event.id,
            name: event.name,
            status: 'running',
            content: '',
          };
          const ended = withAnswer(now, run.index, (m) =>
            m.status === 'streaming' ? { status: 'done' } : {},
          );
          emit({ ...current(), messages: [...ended, started] });
          return;
        }
        if (event.type === 'tool-result' || event.type === 'tool-error') {
          const outcome: ConversationToolMessage =
            event.type === 'tool-result'
              ? {
                  role: 'tool',
                  toolCallId: event.id,
                  name: event.name,
                  status: 'done',
                  content: event.content,
                  result: event.result,
                }
              : {
                  role: 'tool',
                  toolCallId: event.id,
                  name: event.name,
                  status: 'error',
                  content: event.content,
                  error: event.error,
                };
          const at = now.findIndex(
            (m, i) =>
              i > run.index && m.role === 'tool' && m.toolCallId === event.id && m.status === 'running',
          );
          emit({
            ...current(),
            messages: at < 0 ? [...now, outcome] : now.map((m, i) => (i === at ? outcome : m)),
          });
          return;
        }
        let base = now;
        if (before.status !== 'streaming' && event.type !== 'finish' && event.type !== 'step-finish') {
          // The next step of a tool loop: its answer follows the tool messages of the step before.
          before = answer('', 'streaming');
          base = [...now, before];
          run.index = base.length - 1;
        }
        const after = applyAnswerEvent(before, event);
        if (after === before && base === now) return;
        emit({ ...current(), messages: base.map((m, i) => (i === run.index ? after : m)) });
      };
      subscription.add(
        // A bad value throws in `map`: the request is cancelled and the answer fails with the error.
        defer(() => complete(history))
          .pipe(map((value: unknown, position) => toAnswerEvent(value, position)))
          .subscribe({
            next: (event) => {
              if (ours() && event !== undefined) onEvent(event);
            },
            error: (error: unknown) => finish('error', error),
            complete: () => finish(endStatus(streamed()?.finishReason)),
          }),
      );
    };
  };

  /**
   * Runs a transition (stop what streams, then put a new answer in) as one step: subscribers see its states only
   * once it is whole, so that one calling back (send, stop, dispose …) acts on a settled conversation. Then the
   * request is sent, unless a subscriber already replaced or stopped the new answer.
   */
  const transition = (update: () => (() => void) | undefined): void => state.batch(update)?.();

  const conversation: Conversation = {
    state$: state.observable,
    messages$: state.observable.pipe(
      map((s) => s.messages),
      distinctUntilChanged(),
    ),
    status$: state.observable.pipe(
      map((s) => s.status),
      distinctUntilChanged(),
    ),
    error$: state.observable.pipe(
      map((s) => s.error),
      distinctUntilChanged(),
    ),
    get state() {
      return current();
    },
    send(content) {
      if (disposed) return;
      checkContent(content);
      transition(() => {
        stop();
        return ask([...current().messages, { role: 'user', content }]);
      });
    },
    stop() {
      if (!disposed) stop();
    },
    regenerate() {
      if (disposed) return;
      transition(() => {
        stop();
        // Back to the last user message: the answers and tool messages of its turn are asked again.
        const { messages } = current();
        let last = messages.length - 1;
        while (last >= 0 && messages[last]?.role !== 'user') {
          const role = messages[last]?.role;
          if (role !== 'assistant' && role !== 'tool') return undefined;
          last--;
        }
        return last < 0 ? undefined : ask(messages.slice(0, last + 1));
      });
    },
    edit(index, content) {
      if (disposed) return;
      const { messages } = current();
      const target = messages[index];
      if (!Number.isInteger(index) || target?.role !== 'user') {
        const users = messages.flatMap((m, i) => (m.role === 'user' ? [i] : []));
        throw new InvalidRequestError([
          {
            path: 'index',
            expected: `the index of a user message (${users.join(', ') || 'none yet'})`,
            actual: `${renderValue(index)}, where there is ${target === undefined ? 'no message' : target.role === 'assistant' ? 'an answer' : `a ${target.role} message`}`,
          },
        ]);
      }
      checkContent(content);
      transition(() => {
        stop();
        return ask([...current().messages.slice(0, index), { role: 'user', content }]);
      });
    },
    dispose() {
      if (disposed) return;
      // The cut state and the completion are delivered together: a subscriber cannot start an answer in between.
      transition(() => {
        stop();
        disposed = true;
        state.complete();
        return undefined;
      });
    },
  };
  return conversation;
}

/** The messages with every tool message still running marked `status` (its signal was aborted). */
function settleTools(
  messages: readonly ConversationMessage[],
  status: 'stopped',
): readonly ConversationMessage[] {
  if (!messages.some((m) => m.role === 'tool' && m.status === 'running')) return messages;
  return messages.map((m) =>
    m.role === 'tool' && m.status === 'running' ? { ...m, status, content: STOPPED_TOOL } : m,
  );
}

/** What the model is told, in later requests, for a call stopped while it ran. */
const STOPPED_TOOL = 'The call was stopped before it finished: no result.';

function answer(content: string, status: AnswerStatus, error?: unknown): ConversationAnswer {
  return error === undefined
    ? { role: 'assistant', content, status }
    : { role: 'assistant', content, status, error };
}

/** Freezes the array and each message: they are shared with every subscriber and must never change. */
function freezeState(state: ConversationState): ConversationState {
  for (const message of state.messages) {
    if (
      message.role === 'assistant' &&
      message.toolCalls !== undefined &&
      !Object.isFrozen(message.toolCalls)
    ) {
      for (const call of message.toolCalls) Object.freeze(call);
      Object.freeze(message.toolCalls);
    }
    Object.freeze(message);
  }
  return Object.freeze({ ...state, messages: Object.freeze([...state.messages]) });
}

const Options = /*#__PURE__*/ t.partial({
  systemMessage: t.string,
  initialMessages: /*#__PURE__*/ t.readonlyArray(Message),
  sendReasoning: t.boolean,
});

function initialMessages(options: ConversationOptions): readonly ConversationMessage[] {
  // Kept and counted, never spread into a call: 100 000 bad initial messages are a count, not a stack overflow.
  const issues = new IssueList();
  const checked = Options.validate(options, [{ key: 'options', type: Options, actual: options }]);
  if (E.isLeft(checked)) issues.addErrors(checked.left);
  const { budget } = options;
  if (budget !== undefined) {
    const { maxTokens, reserveForAnswer, countTokens } = budget;
    if (!Number.isSafeInteger(maxTokens) || maxTokens <= 0)
      issues.add({
        path: 'options.budget.maxTokens',
        expected: 'a whole number > 0',
        actual: renderValue(maxTokens),
      });
    if (!Number.isSafeInteger(reserveForAnswer) || reserveForAnswer < 0 || reserveForAnswer >= maxTokens)
      issues.add({
        path: 'options.budget.reserveForAnswer',
        expected: `a whole number in [0, maxTokens)`,
        actual: renderValue(reserveForAnswer),
      });
    if (countTokens !== undefined && typeof countTokens !== 'function')
      issues.add({
        path: 'options.budget.countTokens',
        expected: 'a function',
        actual: renderValue(countTokens),
      });
  }
  if (issues.size > 0) throw issues.toError();
  const system: ConversationMessage[] =
    options.systemMessage === undefined ? [] : [{ role: 'system', content: options.systemMessage }];
  const history = (options.initialMessages ?? []).map(({ role, content }): ConversationMessage =>
    role === 'assistant' ? { role, content, status: 'done' } : { role, content },
  );
  return [...system, ...history];
}

/** A message's content from plain JavaScript may be anything: only a string is a message. */
function checkContent(content: unknown): void {
  if (typeof content !== 'string') {
    throw new InvalidRequestError([
      { path: 'content', expected: 'a string', actual: describeValue(content) },
    ]);
  }
}
