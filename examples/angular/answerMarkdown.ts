import { Directive, ElementRef, inject, Input, signal } from '@angular/core';
import { appendTo } from '../../src/angular';
import { renderMarkdown } from './renderMarkdown';

/**
 * Shows a growing markdown answer: `appendTo` renders each finished block once and re-renders only the last,
 * open one, so a long answer costs each frame what arrived, not the whole text. When the answer ends and moves
 * into the conversation, the same element keeps its DOM (same text: nothing is rendered again).
 */
@Directive({ selector: '[answerMarkdown]' })
export class AnswerMarkdown {
  private readonly text = signal('');

  // A decorated setter, not `input()`: this example is compiled JIT, where only the Angular CLI's transform
  // would find signal inputs.
  @Input({ required: true })
  set answerMarkdown(text: string) {
    this.text.set(text);
  }

  constructor() {
    appendTo(inject<ElementRef<HTMLElement>>(ElementRef).nativeElement, this.text, {
      render: renderMarkdown,
    });
  }
}
