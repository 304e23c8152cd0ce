import { Component, inject } from '@angular/core';
import { AivvmService } from '../../src/angular';

/** A component that asks at creation: `chat()` runs in its injection context, so its destruction cancels. */
export class AnswerComponent {
  readonly chat = inject(AivvmService).chat('gpt-4', [{ role: 'user', content: 'Привет!' }]);
}
// The call form of the decorator: the root tsconfig has no experimentalDecorators, and JIT needs none.
Component({
  selector: 'test-answer',
  template: '<p class="status">{{ chat.status() }}</p><pre>{{ chat.text() }}</pre>',
})(AnswerComponent);
