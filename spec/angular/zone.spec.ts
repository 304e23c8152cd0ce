/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// The same component in an app that uses zone.js: the stream runs outside the Angular zone, and the signal
// writes still get the view refreshed.
import './jsdomGlobals';
import 'zone.js';
import './testBed';
import { NgZone, provideZoneChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideAivvm } from '../../src/angular';
import { useAivvmServer } from '../helpers/server';
import { AnswerComponent } from './answerComponent';
import { until } from './signals';

const server = useAivvmServer();

describe('with zone.js', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZoneChangeDetection(),
        provideAivvm({ baseURL: server.current.url, transport: 'node' }),
      ],
    });
  });

  it('runs in a real NgZone and renders the whole answer', async () => {
    expect(TestBed.inject(NgZone)).toBeInstanceOf(NgZone);
    expect(typeof (globalThis as { Zone?: unknown }).Zone).toBe('function');
    server.current.setReply({ text: 'Привет, 世界! 👋 Zones are fine.', chunkSize: 3, chunkDelayMs: 2 });
    const fixture = TestBed.createComponent(AnswerComponent);
    fixture.autoDetectChanges();
    const element = fixture.nativeElement as HTMLElement;
    await until(
      fixture.componentRef.injector,
      fixture.componentInstance.chat.status,
      (s) => s !== 'streaming',
    );
    await fixture.whenStable();
    expect(element.querySelector('.status')?.textContent).toBe('done');
    expect(element.querySelector('pre')?.textContent).toBe('Привет, 世界! 👋 Zones are fine.');
  });

  it('cancels the request when the component is destroyed', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.current.nextRequest('/api/chat');
    const fixture = TestBed.createComponent(AnswerComponent);
    fixture.autoDetectChanges();
    await request;
    fixture.destroy();
    expect(fixture.componentInstance.chat.status()).toBe('cancelled');
    await (
      await request
    ).socketClosed;
  });
});
