/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
import './jsdomGlobals';
import './testBed';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideAivvm } from '../../src/angular';
import { multilingualText } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { AnswerComponent } from './answerComponent';
import { until } from './signals';

const server = useAivvmServer();

describe('a zoneless component showing a chat', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideAivvm({ baseURL: server.current.url, transport: 'node' }),
      ],
    });
  });

  it('renders the streamed answer as it grows, without any manual change detection', async () => {
    const answer = multilingualText(300, 7);
    server.current.setReply({ text: answer, chunkSize: [2, 5], chunkDelayMs: 2 });
    const fixture = TestBed.createComponent(AnswerComponent);
    const element = fixture.nativeElement as HTMLElement;
    const pre = element.querySelector('pre') as HTMLPreElement;
    const rendered: string[] = [];
    new MutationObserver(() => rendered.push(pre.textContent ?? '')).observe(pre, {
      subtree: true,
      childList: true,
      characterData: true,
    });
    await until(
      fixture.componentRef.injector,
      fixture.componentInstance.chat.status,
      (s) => s !== 'streaming',
    );
    await fixture.whenStable();
    expect(element.querySelector('.status')?.textContent).toBe('done');
    expect(pre.textContent).toBe(answer);
    const partial = rendered.filter((text) => text !== '' && text !== answer);
    expect(partial.length).toBeGreaterThanOrEqual(1);
    for (const text of partial) expect(answer.startsWith(text)).toBe(true);
  });

  it('cancels the request when the component is destroyed', async () => {
    server.current.setReply({ text: 'tick ', endless: true, chunkSize: 5, chunkDelayMs: 5 });
    const request = server.current.nextRequest('/api/chat');
    const fixture = TestBed.createComponent(AnswerComponent);
    const { chat } = fixture.componentInstance;
    await request;
    fixture.destroy();
    expect(chat.status()).toBe('cancelled');
    await (
      await request
    ).socketClosed;
  });
});
