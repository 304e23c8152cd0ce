/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// completionResource in an app that uses zone.js: the stream runs outside the Angular zone, the signal writes
// still refresh the view, and destroying the component aborts.
import './jsdomGlobals';
import 'zone.js';
import './testBed';
import { Component, NgZone, provideZoneChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { completionResource, provideAivvm } from '../../src/angular';
import { useAivvmServer } from '../helpers/server';
import { until } from './signals';

const server = useAivvmServer();

class ResourceAnswer {
  readonly answer = completionResource(() => ({
    model: 'gpt-4',
    messages: [{ role: 'user', content: 'Привет!' }],
  }));
}
// The call form of the decorator: the root tsconfig has no experimentalDecorators, and JIT needs none.
Component({
  selector: 'test-resource-answer',
  template:
    '<p class="status">{{ answer.status() }} {{ answer.streaming() }}</p><pre>{{ answer.text() }}</pre>',
})(ResourceAnswer);

describe('completionResource with zone.js', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZoneChangeDetection(),
        provideAivvm({ baseURL: server.current.url, transport: 'node' }),
      ],
    });
  });

  it('renders the whole answer in a real NgZone', async () => {
    expect(TestBed.inject(NgZone)).toBeInstanceOf(NgZone);
    server.current.setReply({ text: 'Привет, 世界! 👋 Zones are fine.', chunkSize: 3, chunkDelayMs: 2 });
    const fixture = TestBed.createComponent(ResourceAnswer);
    fixture.autoDetectChanges();
    const { answer } = fixture.componentInstance;
    await until(fixture.componentRef.injector, answer.value, (text) => text.endsWith('fine.'));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.status')?.textContent).toBe('resolved false');
    expect(element.querySelector('pre')?.textContent).toBe('Привет, 世界! 👋 Zones are fine.');
  });

  it('aborts the request when the component is destroyed', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.current.nextRequest('POST /api/chat');
    const fixture = TestBed.createComponent(ResourceAnswer);
    fixture.autoDetectChanges();
    await request;
    fixture.destroy();
    expect(fixture.componentInstance.answer.streaming()).toBe(false);
    await (
      await request
    ).socketClosed;
  });
});
