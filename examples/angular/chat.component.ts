import { Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { isAivvmError, type AnyAivvmError, type ServerModel } from '../../src';
import { AivvmService, type AivvmChat } from '../../src/angular';

/**
 * A one-question chat: pick a model (from the server's `/api/models`), ask, watch the answer stream in, stop it.
 * The answer's text updates at most once per animation frame (`AivvmService.chat`'s default), so a fast stream
 * costs at most 60 renders a second.
 */
@Component({
  selector: 'aivvm-chat',
  template: `
    <main>
      <h1>Aivvm chat <small>aivvm-rx/angular</small></h1>
      <form (submit)="send($event)">
        <label>
          Model
          <select data-testid="model" (change)="model.set($any($event.target).value)">
            @for (m of models(); track m.id) {
              <option [value]="m.id" [selected]="m.id === model()">{{ m.name }}</option>
            }
          </select>
        </label>
        <textarea
          data-testid="prompt"
          rows="3"
          aria-label="Your question"
          [value]="prompt()"
          (input)="prompt.set($any($event.target).value)"
        ></textarea>
        <div class="actions">
          <button data-testid="send" type="submit" [disabled]="status() === 'streaming'">Send</button>
          <button data-testid="stop" type="button" (click)="stop()" [disabled]="status() !== 'streaming'">
            Stop
          </button>
          <span class="status" data-testid="status" [attr.data-status]="status()">{{ status() }}</span>
        </div>
      </form>
      @if (banner(); as message) {
        <div class="error" role="alert" data-testid="error">{{ message }}</div>
      }
      <pre class="answer" data-testid="answer">{{ chat()?.text() }}</pre>
    </main>
  `,
  styles: `
    main {
      max-width: 760px;
      margin: 24px auto;
      padding: 0 16px;
    }
    h1 {
      font-size: 22px;
      margin: 0 0 16px;
    }
    h1 small {
      font-size: 13px;
      font-weight: normal;
      color: #6b7385;
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
    button[data-testid='stop'] {
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
      margin-top: 12px;
      padding: 10px 14px;
      border-radius: 8px;
      background: #ffe3e3;
      color: #a61e1e;
      border: 1px solid #ffa8a8;
    }
    .answer {
      margin-top: 12px;
      min-height: 120px;
      padding: 14px;
      background: #fff;
      border-radius: 10px;
      box-shadow: 0 1px 3px #0002;
      white-space: pre-wrap;
      word-break: break-word;
      font:
        15px/1.5 system-ui,
        'Noto Sans',
        'Noto Sans CJK SC',
        'Noto Color Emoji',
        sans-serif;
    }
  `,
})
export class ChatComponent {
  private readonly aivvm = inject(AivvmService);
  private readonly destroyRef = inject(DestroyRef);

  readonly models = signal<readonly ServerModel[]>([]);
  readonly model = signal('gpt-3.5-turbo');
  readonly prompt = signal('Привет! Tell me about streams 🌊');
  readonly chat = signal<AivvmChat | undefined>(undefined);
  private readonly modelsError = signal<AnyAivvmError | undefined>(undefined);
  readonly status = computed(() => this.chat()?.status() ?? 'idle');
  /** The error banner: for an HTTP failure, the server's reason phrase (chatbot-ui puts the message there). */
  readonly banner = computed(() => {
    const error = this.chat()?.error() ?? this.modelsError();
    if (error === undefined) return undefined;
    return error._tag === 'HttpError' ? `${error.status} ${error.statusText}` : error.message;
  });

  constructor() {
    const subscription = this.aivvm.listModels().subscribe({
      next: (list) => {
        this.models.set(list);
        if (!list.some((m) => m.id === this.model()) && list[0] !== undefined) this.model.set(list[0].id);
      },
      error: (error: unknown) => this.modelsError.set(isAivvmError(error) ? error : undefined),
    });
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  send(event: Event): void {
    event.preventDefault();
    const content = this.prompt().trim();
    if (content === '') return;
    this.chat()?.cancel();
    this.chat.set(
      this.aivvm.chat(this.model(), [{ role: 'user', content }], { destroyRef: this.destroyRef }),
    );
  }

  stop(): void {
    this.chat()?.cancel();
  }
}
