import { config, interval, map, of, take, type Observable } from 'rxjs';
import {
  createConversation,
  type ConversationMessage,
  type ConversationState,
  type ConversationStatus,
} from '../../src';
import { testScheduler } from '../helpers/marbles';

/** `U:hi`, `A:Hel~` (streaming), `A:Hello` (done), `A:Hel/cut`, `A:Hel!` (error). */
function short(message: ConversationMessage): string {
  if (message.role !== 'assistant') return `${message.role === 'user' ? 'U' : 'S'}:${message.content}`;
  const mark = { streaming: '~', done: '', truncated: '/len', filtered: '/filter', cut: '/cut', error: '!' };
  return `A:${message.content}${mark[message.status]}`;
}
const render = (messages: readonly ConversationMessage[]): string => messages.map(short).join(' ');

/** Records every value an Observable emits, and whether it completed. */
function record<T>(source: Observable<T>): { readonly values: T[]; completed: boolean } {
  const log = { values: [] as T[], completed: false };
  source.subscribe({ next: (value) => log.values.push(value), complete: () => (log.completed = true) });
  return log;
}

describe('a conversation whose subscribers call it back (issue 22 point 1)', () => {
  it('a state$ subscriber that stops a long answer: every later subscriber and status$ end on idle', () => {
    // The outside round's repro, in virtual time: interval(5) × 100 chunks, a length guard stops at > 20 chars.
    testScheduler().run(({ flush }) => {
      const c = createConversation(() =>
        interval(5).pipe(
          map((i) => 'w' + i + ' '),
          take(100),
        ),
      );
      c.state$.subscribe((s) => {
        const a = s.messages.at(-1);
        if (a?.role === 'assistant' && a.status === 'streaming' && a.content.length > 20) c.stop();
      });
      let last: ConversationStatus | undefined;
      c.status$.subscribe((s) => (last = s));
      const states = record(c.state$);
      const messages = record(c.messages$);
      c.send('go');
      flush();
      expect(c.state.status).toBe('idle');
      expect(render(c.state.messages)).toBe('U:go A:w0 w1 w2 w3 w4 w5 w6 /cut');
      expect(last).toBe('idle');
      expect(states.values.at(-1)).toBe(c.state);
      expect(messages.values.at(-1)).toBe(c.state.messages);
    });
  });

  it('a state$ subscriber that sends a follow-up (synchronous answers): every subscriber ends on all 8 messages', () => {
    const c = createConversation((history) => of('answer ', `${history.length}`));
    c.state$.subscribe((s) => {
      const a = s.messages.at(-1);
      if (a?.role === 'assistant' && a.status === 'done' && s.messages.length < 8) c.send('more');
    });
    const messages = record(c.messages$);
    const statuses = record(c.status$);
    const states = record(c.state$);
    c.send('go');
    expect(render(c.state.messages)).toBe(
      'U:go A:answer 1 U:more A:answer 3 U:more A:answer 5 U:more A:answer 7',
    );
    expect(messages.values.at(-1)).toBe(c.state.messages);
    expect(statuses.values.at(-1)).toBe('idle');
    expect(states.values.at(-1)).toBe(c.state);
    // in order: never a state older than one already seen, and status$ alternates without repeats
    expect(statuses.values).toEqual([
      'idle',
      'streaming',
      'idle',
      'streaming',
      'idle',
      'streaming',
      'idle',
      'streaming',
      'idle',
    ]);
    expect(messages.values.map((m) => m.length)).toEqual(
      [...messages.values.map((m) => m.length)].sort((a, b) => a - b),
    );
  });

  it('every subscriber sees the same states in the same order, whoever calls back', () => {
    const c = createConversation(() => of('a', 'b', 'c'));
    const before = record(c.state$);
    let stopped = false;
    c.state$.subscribe((s) => {
      if (!stopped && s.messages.at(-1)?.content === 'ab') {
        stopped = true;
        c.stop();
      }
    });
    const after = record(c.state$);
    c.send('hi');
    expect(render(c.state.messages)).toBe('U:hi A:ab/cut');
    expect(before.values).toEqual(after.values);
    expect(before.values.map((s) => render(s.messages))).toEqual([
      '',
      'U:hi A:~',
      'U:hi A:a~',
      'U:hi A:ab~',
      'U:hi A:ab/cut',
    ]);
    for (const [i, state] of after.values.entries()) expect(state).toBe(before.values[i]);
  });

  it('dispose from a subscriber: every subscriber gets the cut state, then completes; later calls do nothing', () => {
    testScheduler().run(({ cold, flush }) => {
      const c = createConversation(() => cold('-a-b-c|', { a: 'one ', b: 'two ', c: 'three' }));
      c.messages$.subscribe((messages) => {
        if (messages.at(-1)?.content === 'one two ') c.dispose();
      });
      const states = record(c.state$);
      const statuses = record(c.status$);
      c.send('hi');
      flush();
      expect(render(c.state.messages)).toBe('U:hi A:one two /cut');
      expect(states.values.at(-1)).toBe(c.state);
      expect(states.completed).toBe(true);
      expect(statuses.values).toEqual(['idle', 'streaming', 'idle']);
      expect(statuses.completed).toBe(true);
      c.send('ignored');
      expect(render(c.state.messages)).toBe('U:hi A:one two /cut');
    });
  });

  it('dispose while a subscriber sends on every cut answer: nothing starts after dispose, no request stays open', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush, expectSubscriptions }) => {
      const answer = cold('-a-----b|', { a: 'one', b: 'two' });
      const asked: string[] = [];
      const c = createConversation((history) => {
        asked.push(history.at(-1)?.content ?? '');
        return answer;
      });
      c.state$.subscribe((s) => {
        const a = s.messages.at(-1);
        if (a?.role === 'assistant' && a.status === 'cut') c.send('again');
      });
      const states = record(c.state$);
      c.send('hi');
      scheduler.schedule(() => c.dispose(), 3);
      flush();
      expect(render(c.state.messages)).toBe('U:hi A:one/cut');
      expect(c.state.status).toBe('idle');
      expect(states.values.at(-1)).toBe(c.state);
      expect(states.completed).toBe(true);
      expect(asked).toEqual(['hi']);
      expectSubscriptions(answer.subscriptions).toBe('^--!');
    });
  });

  it('a subscriber that subscribes during an emission gets the current state, then only newer ones', () => {
    const c = createConversation(() => of('x', 'y'));
    const late: ConversationState[] = [];
    let subscribed = false;
    c.state$.subscribe((s) => {
      if (subscribed || s.messages.at(-1)?.content !== 'x') return;
      subscribed = true;
      c.state$.subscribe((state) => late.push(state));
    });
    const all = record(c.state$);
    c.send('hi');
    expect(late[0]).toBe(all.values[2]);
    expect(late).toEqual(all.values.slice(2));
    expect(late.at(-1)).toBe(c.state);
  });

  it('a subscriber that throws breaks neither the others nor the conversation (the error is reported)', async () => {
    const reported: unknown[] = [];
    const previous = config.onUnhandledError;
    // RxJS reports an error thrown by a subscriber asynchronously (config.onUnhandledError, else a global throw)
    const allReported = new Promise<void>((resolve) => {
      config.onUnhandledError = (error) => {
        reported.push(error);
        if (reported.length === 5) resolve();
      };
    });
    try {
      const c = createConversation(() => of('a', 'b'));
      c.state$.subscribe(() => {
        throw new Error('render failed');
      });
      const states = record(c.state$);
      c.send('hi');
      expect(render(c.state.messages)).toBe('U:hi A:ab');
      expect(states.values.at(-1)).toBe(c.state);
      expect(states.values).toHaveLength(5);
      await allReported;
      expect(reported).toEqual(Array.from({ length: 5 }, () => new Error('render failed')));
    } finally {
      config.onUnhandledError = previous;
    }
  });
});
