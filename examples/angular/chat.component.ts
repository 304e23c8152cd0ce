import { Component, computed, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import { isAivvmError, type AnyAivvmError, type Message, type ServerModel } from '../../src';
import { AivvmService, completionResource, type CompletionRequest } from '../../src/angular';
import { AnswerMarkdown } from './answerMarkdown';

/**
 * One question and its answer: `'done'`, `'cut'` (stopped), `'truncated'` (the server's token limit cut it),
 * `'filtered'` (a content filter stopped it), `'refused'` (the model declined), or, for the turn in flight,
 * streaming or failed. The reasoning is shown, collapsed, above the answer; it is not sent back with the history.
 */
export interface Turn {
  readonly id: number;
  readonly question: string;
  readonly answer: string;
  readonly reasoning: string;
  readonly state: 'streaming' | 'error' | TurnEnd;
}

/** How a finished turn ended. */
export type TurnEnd = 'done' | 'cut' | 'truncated' | 'filtered' | 'refused';

/** Where the chat is, for the status line (and the specs: `[data-status=…]`). */
export type ChatState = 'idle' | 'streaming' | 'done' | 'cancelled' | 'error';

interface Pending {
  readonly id: number;
  readonly question: string;
}

/**
 * A chat: pick a model (from the server's `/api/models`), ask, watch the answer stream in as markdown, ask a
 * follow-up (the conversation so far is sent with each question), stop an answer (the partial answer stays,
 * marked as cut), see an error's reason and retry. The answer is a `completionResource`; its text updates at
 * most once per animation frame and is rendered append-only (`AnswerMarkdown`).
 */
@Component({
  selector: 'aivvm-chat',
  imports: [AnswerMarkdown],
  template: `
    <main>
      <h1>Aivvm chat <small>aivvm-rx/angular</small></h1>
      <section class="conversation" data-testid="conversation" aria-live="polite">
        @for (turn of shown(); track turn.id) {
          <article class="turn" data-testid="turn" [attr.data-state]="turn.state">
            <p class="question" data-testid="question">{{ turn.question }}</p>
            @if (turn.reasoning !== '') {
              <details class="reasoning" data-testid="reasoning">
                <summary>
                  {{ turn.state === 'streaming' && turn.answer === '' ? 'Thinking…' : 'Reasoning' }}
                </summary>
                <p>{{ turn.reasoning }}</p>
              </details>
            }
            <div class="answer" data-testid="answer" [answerMarkdown]="turn.answer"></div>
            @switch (turn.state) {
              @case ('cut') {
                <p class="cut" data-testid="cut">Stopped: the answer is cut here.</p>
              }
              @case ('truncated') {
                <p class="cut" data-testid="truncated">The answer reached the token limit: it is cut here.</p>
              }
              @case ('filtered') {
                <p class="cut" data-testid="filtered">The server's content filter stopped this answer.</p>
              }
              @case ('refused') {
                <p class="cut" data-testid="refused">The model declined to answer.</p>
              }
            }
          </article>
        } @empty {
          <p class="empty">Ask anything. Answers stream in as they are written.</p>
        }
      </section>
      @if (banner(); as message) {
        <div class="error" role="alert" data-testid="banner">
          <span data-testid="error">{{ message }}</span>
          @if (status() === 'error') {
            <button data-testid="retry" type="button" (click)="retry()">Retry</button>
          }
        </div>
      }
      <form (submit)="send($event)">
        <textarea
          data-testid="prompt"
          rows="3"
          aria-label="Your question"
          placeholder="Your question"
          [value]="prompt()"
          (input)="prompt.set($any($event.target).value)"
          (keydown.enter)="enter($event)"
        ></textarea>
        <div class="actions">
          <label>
            Model
            <select data-testid="model" (change)="model.set($any($event.target).value)">
              @for (m of models(); track m.id) {
                <option [value]="m.id" [selected]="m.id === model()">{{ m.name }}</option>
              }
            </select>
          </label>
          <button data-testid="new" type="button" (click)="clear()" [disabled]="status() === 'streaming'">
            New chat
          </button>
          <span class="status" data-testid="status" [attr.data-status]="status()">{{ status() }}</span>
          <button data-testid="stop" type="button" (click)="stop()" [disabled]="status() !== 'streaming'">
            Stop
          </button>
          <button data-testid="send" type="submit" [disabled]="status() === 'streaming'">Send</button>
        </div>
      </form>
    </main>
  `,
  styles: `
    main {
      max-width: 760px;
      margin: 24px auto;
      padding: 0 16px;
      display: grid;
      gap: 12px;
    }
    h1 {
      font-size: 22px;
      margin: 0;
    }
    h1 small {
      font-size: 13px;
      font-weight: normal;
      color: #6b7385;
    }
    .conversation {
      display: grid;
      gap: 12px;
    }
    .empty {
      color: #6b7385;
    }
    .turn {
      display: grid;
      gap: 6px;
    }
    .question {
      justify-self: end;
      max-width: 80%;
      margin: 0;
      padding: 8px 12px;
      border-radius: 12px;
      background: #3b5bdb;
      color: #fff;
      white-space: pre-wrap;
    }
    .answer {
      padding: 4px 14px;
      background: #fff;
      border-radius: 10px;
      box-shadow: 0 1px 3px #0002;
      word-break: break-word;
      font:
        15px/1.5 system-ui,
        'Noto Sans',
        'Noto Sans CJK SC',
        'Noto Color Emoji',
        sans-serif;
    }
    .answer:empty::before {
      content: '…';
      color: #6b7385;
    }
    .turn:is([data-state='cut'], [data-state='truncated'], [data-state='filtered'], [data-state='refused'])
      .answer {
      border-left: 3px solid #f08c00;
    }
    .reasoning {
      font-size: 13px;
      color: #4a5163;
      padding: 0 14px;
    }
    .reasoning summary {
      cursor: pointer;
    }
    .reasoning p {
      margin: 4px 0;
      white-space: pre-wrap;
    }
    .cut {
      margin: 0;
      font-size: 13px;
      color: #b35900;
    }
    form {
      display: grid;
      gap: 10px;
      background: #fff;
      padding: 14px;
      border-radius: 10px;
      box-shadow: 0 1px 3px #0002;
    }
    label {
      display: flex;
      gap: 8px;
      align-items: center;
      font-size: 14px;
    }
    select,
    textarea,
    button {
      font: inherit;
    }
    textarea {
      resize: vertical;
      padding: 8px;
      border: 1px solid #c9cedb;
      border-radius: 6px;
    }
    .actions {
      display: flex;
      gap: 8px;
      align-items: center;
    }
    button {
      padding: 6px 16px;
      border-radius: 6px;
      border: 1px solid #3b5bdb;
      background: #3b5bdb;
      color: #fff;
      cursor: pointer;
    }
    button[type='button'] {
      background: #fff;
      color: #3b5bdb;
    }
    button:disabled {
      opacity: 0.45;
      cursor: default;
    }
    .status {
      margin-left: auto;
      font-size: 13px;
      color: #6b7385;
    }
    .error {
      display: flex;
      gap: 12px;
      align-items: center;
      justify-content: space-between;
      padding: 10px 14px;
      border-radius: 8px;
      background: #ffe3e3;
      color: #a61e1e;
      border: 1px solid #ffa8a8;
    }
  `,
})
export class ChatComponent {
  private readonly aivvm = inject(AivvmService);

  readonly models = signal<readonly ServerModel[]>([]);
  readonly model = signal('gpt-3.5-turbo');
  readonly prompt = signal('Привет! Tell me about streams 🌊');
  /** The finished turns: their questions and answers are sent with the next question. */
  readonly turns = signal<readonly Turn[]>([]);
  private readonly pending = signal<Pending | undefined>(undefined);
  /** What was submitted: the resource sends it, and aborts it when it changes (or becomes undefined). */
  private readonly asked = signal<CompletionRequest | undefined>(undefined);
  readonly answer = completionResource(() => this.asked());
  private readonly ended = signal<ChatState>('idle');
  private readonly modelsError = signal<AnyAivvmError | undefined>(undefined);
  private nextId = 1;

  readonly status = computed<ChatState>(() => {
    if (this.pending() === undefined) return this.ended();
    return this.answer.status() === 'error' ? 'error' : 'streaming';
  });
  /** The conversation on screen: the finished turns, then the one in flight (its text grows once per frame). */
  readonly shown = computed<readonly Turn[]>(() => {
    const pending = this.pending();
    if (pending === undefined) return this.turns();
    const state = this.answer.status() === 'error' ? 'error' : 'streaming';
    return [...this.turns(), { ...pending, ...this.answerParts(), state }];
  });
  /** The error banner: for an HTTP failure, the server's reason phrase (chatbot-ui puts the message there). */
  readonly banner = computed(() => {
    const error = (this.pending() === undefined ? undefined : this.answer.error()) ?? this.modelsError();
    if (error === undefined) return undefined;
    return isAivvmError(error) && error._tag === 'HttpError'
      ? `${error.status} ${error.statusText}`
      : error.message;
  });

  constructor() {
    const subscription = this.aivvm.listModels().subscribe({
      next: (list) => {
        this.models.set(list);
        if (!list.some((m) => m.id === this.model()) && list[0] !== undefined) this.model.set(list[0].id);
      },
      error: (error: unknown) => this.modelsError.set(isAivvmError(error) ? error : undefined),
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
    // The answer is complete: it joins the conversation (same id, same text: its DOM is kept as is).
    effect(() => {
      const pending = this.pending();
      if (pending !== undefined && this.answer.status() === 'resolved' && !this.answer.streaming())
        untracked(() => this.settle(pending, endOf(this.answer.finishReason(), this.answer.refusal())));
    });
  }

  /** Enter sends, Shift+Enter starts a new line (and Enter that ends an IME composition only confirms it). */
  enter(event: Event): void {
    const key = event as KeyboardEvent;
    if (key.shiftKey || key.isComposing) return;
    this.send(event);
  }

  send(event: Event): void {
    event.preventDefault();
    const question = this.prompt().trim();
    if (question === '' || this.status() === 'streaming') return;
    const history: Message[] = this.turns().flatMap((turn) => [
      { role: 'user' as const, content: turn.question },
      // The reasoning stays on screen: only the answer is sent back.
      ...(turn.answer === '' ? [] : [{ role: 'assistant' as const, content: turn.answer }]),
    ]);
    this.pending.set({ id: this.nextId++, question });
    this.asked.set({ model: this.model(), messages: [...history, { role: 'user', content: question }] });
    this.prompt.set('');
  }

  /** Aborts the answer (the server sees its socket close); what arrived stays, marked as cut. */
  stop(): void {
    const pending = this.pending();
    if (pending !== undefined && this.status() === 'streaming') this.settle(pending, 'cut');
  }

  /** Sends the failed question again. */
  retry(): void {
    this.answer.reload();
  }

  clear(): void {
    this.pending.set(undefined);
    this.asked.set(undefined);
    this.turns.set([]);
    this.ended.set('idle');
  }

  /** The answer's text (a refusal's, when the model declined) and its reasoning. */
  private answerParts(): Pick<Turn, 'answer' | 'reasoning'> {
    const refusal = this.answer.refusal();
    return { answer: refusal === '' ? this.answer.text() : refusal, reasoning: this.answer.reasoning() };
  }

  private settle(pending: Pending, state: TurnEnd): void {
    this.turns.update((turns) => [...turns, { ...pending, ...this.answerParts(), state }]);
    this.pending.set(undefined);
    this.asked.set(undefined);
    this.ended.set(state === 'cut' ? 'cancelled' : 'done');
  }
}

/** How an answer that ended by itself is shown, from the server's finish reason. */
function endOf(reason: string | null | undefined, refusal: string): TurnEnd {
  if (refusal !== '') return 'refused';
  if (reason === 'length') return 'truncated';
  if (reason === 'content_filter') return 'filtered';
  return 'done';
}
