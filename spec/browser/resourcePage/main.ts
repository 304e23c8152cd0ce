/**
 * A page for spec/browser/completionResource.spec.ts: one zoneless component whose `completionResource` follows
 * `window.ask(content)`, recording each distinct [status, streaming, text length] and the animation frames.
 */
import '@angular/compiler';
import { Component, effect, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { completionResource, provideAivvm, type CompletionRequest } from '../../../src/angular';

interface Probe {
  ask(content: string | undefined): void;
  states: string[];
  frames: number;
  ready: boolean;
}
const probe = window as unknown as Probe;
probe.states = [];
probe.frames = 0;
const countFrames = (): void => {
  probe.frames++;
  requestAnimationFrame(countFrames);
};
requestAnimationFrame(countFrames);

class Answer {
  readonly asked = signal<CompletionRequest | undefined>(undefined);
  readonly answer = completionResource(() => this.asked());
  constructor() {
    probe.ask = (content) =>
      this.asked.set(
        content === undefined ? undefined : { model: 'gpt-4', messages: [{ role: 'user', content }] },
      );
    effect(() =>
      probe.states.push(`${this.answer.status()} ${this.answer.streaming()} ${this.answer.text().length}`),
    );
  }
}
Component({
  selector: 'resource-answer',
  template: '<p>{{ answer.status() }}</p><pre>{{ answer.text() }}</pre>',
})(Answer);

void bootstrapApplication(Answer, {
  providers: [provideZonelessChangeDetection(), provideAivvm({ baseURL: location.origin })],
}).then(() => (probe.ready = true));
