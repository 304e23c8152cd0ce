import { map, Observable, of, throwError } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  ContextBudgetError,
  createConversation,
  InvalidRequestError,
  type Complete,
  type ConversationMessage,
  type ConversationState,
  type Message,
} from '../../src';
import { testScheduler } from '../helpers/marbles';

/** One message as a short string: `U:hi`, `A:Hel~` (streaming), `A:Hello` (done), `A:Hel/cut`, `A:Hel!` (error). */
function short(message: ConversationMessage): string {
  if (message.role !== 'assistant') return `${message.role === 'user' ? 'U' : 'S'}:${message.content}`;
  const mark = { streaming: '~', done: '', truncated: '/len', filtered: '/filter', cut: '/cut', error: '!' }[
    message.status
  ];
  return `A:${message.content}${mark}`;
}
const render = (messages: readonly ConversationMessage[]): string => messages.map(short).join(' ');

/** A `complete` answering each call with the next Observable, recording what it was asked. */
function scripted(...answers: Observable<string>[]): Complete & { readonly calls: (readonly Message[])[] } {
  const calls: (readonly Message[])[] = [];
  const complete = (messages: readonly Message[]): Observable<string> => {
    calls.push(messages);
    const next = answers.shift();
    if (next === undefined) throw new Error('scripted: no more answers');
    return next;
  };
  return Object.assign(complete, { calls });
}

let scheduler: TestScheduler;
beforeEach(() => {
  scheduler = testScheduler();
});
const at = (frame: number, action: () => void): void => void scheduler.schedule(action, frame);

describe('createConversation', () => {
  it('send: the answer streams into a new message, then is done', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold('-a-b-|', { a: 'Hel', b: 'lo' });
      const complete = scripted(answer);
      const conversation = createConversation(complete, { systemMessage: 'Be brief.' });
      at(1, () => conversation.send('hi'));
      expectObservable(conversation.messages$.pipe(map(render))).toBe('isa-b-d', {
        i: 'S:Be brief.',
        s: 'S:Be brief. U:hi A:~',
        a: 'S:Be brief. U:hi A:Hel~',
        b: 'S:Be brief. U:hi A:Hello~',
        d: 'S:Be brief. U:hi A:Hello',
      });
      expectObservable(conversation.status$).toBe('is----d', { i: 'idle', s: 'streaming', d: 'idle' });
      expectSubscriptions(answer.subscriptions).toBe('-^----!');
      scheduler.flush();
      expect(complete.calls).toEqual([
        [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      ]);
    });
  });

  it('stop: cancels the request; the text that arrived stays, marked cut; stop when idle does nothing', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold('-a---b-|', { a: 'Hel', b: 'lo' });
      const conversation = createConversation(scripted(answer));
      at(1, () => conversation.send('hi'));
      at(4, () => conversation.stop());
      at(6, () => conversation.stop());
      expectObservable(conversation.messages$.pipe(map(render))).toBe('isa-c', {
        i: '',
        s: 'U:hi A:~',
        a: 'U:hi A:Hel~',
        c: 'U:hi A:Hel/cut',
      });
      expectObservable(conversation.status$).toBe('is--i', { i: 'idle', s: 'streaming' });
      expectSubscriptions(answer.subscriptions).toBe('-^--!');
    });
  });

  it('send while an answer streams: stops it first (cut, text kept) and sends it as history', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-a---b|', { a: 'One', b: ' more' });
      const second = cold('-----x|', { x: 'Two' });
      const complete = scripted(first, second);
      const conversation = createConversation(complete);
      at(1, () => conversation.send('first'));
      at(4, () => conversation.send('second'));
      expectObservable(conversation.messages$.pipe(map(render))).toBe('isa-(cn)-xd', {
        i: '',
        s: 'U:first A:~',
        a: 'U:first A:One~',
        c: 'U:first A:One/cut',
        n: 'U:first A:One/cut U:second A:~',
        x: 'U:first A:One/cut U:second A:Two~',
        d: 'U:first A:One/cut U:second A:Two',
      });
      expectSubscriptions(first.subscriptions).toBe('-^--!');
      expectSubscriptions(second.subscriptions).toBe('----^-----!');
      scheduler.flush();
      expect(complete.calls[1]).toEqual([
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'One' },
        { role: 'user', content: 'second' },
      ]);
    });
  });

  it('two sends in a row: the first answer is cut before any text, and not sent as history', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const first = cold('-a|', { a: 'never' });
      const second = cold('------b|', { b: 'B' });
      const complete = scripted(first, second);
      const conversation = createConversation(complete);
      at(1, () => {
        conversation.send('a');
        conversation.send('b');
      });
      expectObservable(conversation.messages$.pipe(map(render))).toBe('i(scn)-xd', {
        i: '',
        s: 'U:a A:~',
        c: 'U:a A:/cut',
        n: 'U:a A:/cut U:b A:~',
        x: 'U:a A:/cut U:b A:B~',
        d: 'U:a A:/cut U:b A:B',
      });
      scheduler.flush();
      expect(complete.calls[1]).toEqual([
        { role: 'user', content: 'a' },
        { role: 'user', content: 'b' },
      ]);
    });
  });

  it('regenerate: replaces the last answer (a streaming one is stopped first)', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold('-a|', { a: 'A1' });
      const second = cold('-b-c|', { b: 'B', c: '2' });
      const third = cold('-----d|', { d: 'C3' });
      const complete = scripted(first, second, third);
      const conversation = createConversation(complete);
      at(1, () => conversation.send('q'));
      at(4, () => conversation.regenerate());
      at(6, () => conversation.regenerate());
      expectObservable(conversation.messages$.pipe(map(render))).toBe('isadsb(cs)-ef', {
        i: '',
        s: 'U:q A:~',
        a: 'U:q A:A1~',
        d: 'U:q A:A1',
        b: 'U:q A:B~',
        c: 'U:q A:B/cut',
        e: 'U:q A:C3~',
        f: 'U:q A:C3',
      });
      expectSubscriptions(second.subscriptions).toBe('----^-!');
      expectSubscriptions(third.subscriptions).toBe('------^-----!');
      scheduler.flush();
      expect(complete.calls).toEqual([
        [{ role: 'user', content: 'q' }],
        [{ role: 'user', content: 'q' }],
        [{ role: 'user', content: 'q' }],
      ]);
    });
  });

  it('regenerate with no user message to answer does nothing', () => {
    const complete = scripted();
    const conversation = createConversation(complete, {
      systemMessage: 'S',
      initialMessages: [{ role: 'assistant', content: 'Hello! Ask me anything.' }],
    });
    const before = conversation.state;
    conversation.regenerate();
    expect(conversation.state).toBe(before);
    expect(render(before.messages)).toBe('S:S A:Hello! Ask me anything.');
    expect(complete.calls).toEqual([]);
  });

  it('edit: replaces a user message, drops what follows and asks again', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const complete = scripted(cold('-a|', { a: '1' }), cold('-b|', { b: '2' }), cold('-c|', { c: 'uno!' }));
      const conversation = createConversation(complete, { systemMessage: 'S' });
      at(1, () => conversation.send('one'));
      at(4, () => conversation.send('two'));
      at(7, () => conversation.edit(1, 'uno'));
      expectObservable(conversation.messages$.pipe(map(render))).toBe('isadtbeucf', {
        i: 'S:S',
        s: 'S:S U:one A:~',
        a: 'S:S U:one A:1~',
        d: 'S:S U:one A:1',
        t: 'S:S U:one A:1 U:two A:~',
        b: 'S:S U:one A:1 U:two A:2~',
        e: 'S:S U:one A:1 U:two A:2',
        u: 'S:S U:uno A:~',
        c: 'S:S U:uno A:uno!~',
        f: 'S:S U:uno A:uno!',
      });
      scheduler.flush();
      expect(complete.calls[2]).toEqual([
        { role: 'system', content: 'S' },
        { role: 'user', content: 'uno' },
      ]);
    });
  });

  it('edit of a message that is not a user message throws an InvalidRequestError naming the user messages', () => {
    const conversation = createConversation(scripted(of('A')), { systemMessage: 'S' });
    conversation.send('one');
    expect(() => conversation.edit(2, 'x')).toThrow(
      'index: expected the index of a user message (1), got 2, where there is an answer',
    );
    expect(() => conversation.edit(7, 'x')).toThrow('got 7, where there is no message');
    expect(() => conversation.edit(0.5, 'x')).toThrow(InvalidRequestError);
    expect(render(conversation.state.messages)).toBe('S:S U:one A:A');
  });

  it('send or edit of content that is not a string (plain JavaScript) throws an InvalidRequestError, changing nothing', () => {
    const conversation = createConversation(scripted(of('A')), { systemMessage: 'S' });
    conversation.send('one');
    let thrown: unknown;
    try {
      conversation.send(42 as unknown as string);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    expect((thrown as InvalidRequestError).issues).toEqual([
      { path: 'content', expected: 'a string', actual: '42' },
    ]);
    expect(() => conversation.edit(1, { text: 'x' } as unknown as string)).toThrow(
      'content: expected a string',
    );
    expect(render(conversation.state.messages)).toBe('S:S U:one A:A');
  });

  it('a failed answer keeps the text that arrived and its error; the next send clears the error', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const failure = new Error('boom');
      const complete = scripted(cold('-a-#', { a: 'Hel' }, failure), cold('-b|', { b: 'ok' }));
      const conversation = createConversation(complete);
      at(1, () => conversation.send('hi'));
      at(5, () => conversation.send('again'));
      expectObservable(conversation.messages$.pipe(map(render))).toBe('isa-etbd', {
        i: '',
        s: 'U:hi A:~',
        a: 'U:hi A:Hel~',
        e: 'U:hi A:Hel!',
        t: 'U:hi A:Hel! U:again A:~',
        b: 'U:hi A:Hel! U:again A:ok~',
        d: 'U:hi A:Hel! U:again A:ok',
      });
      expectObservable(conversation.status$).toBe('is--es-i', { i: 'idle', s: 'streaming', e: 'error' });
      expectObservable(conversation.error$).toBe('u---eu', { u: undefined, e: failure });
      scheduler.flush();
      expect(conversation.state.messages[1]).toEqual({
        role: 'assistant',
        content: 'Hel',
        status: 'error',
        error: failure,
      });
      // the failed answer's text is history for the next request
      expect(complete.calls[1]).toEqual([
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'Hel' },
        { role: 'user', content: 'again' },
      ]);
    });
  });

  it('a complete function that throws fails the answer instead of the caller', () => {
    const conversation = createConversation(() => {
      throw new TypeError('no provider');
    });
    conversation.send('hi');
    expect(conversation.state).toMatchObject({ status: 'error', error: new TypeError('no provider') });
    expect(render(conversation.state.messages)).toBe('U:hi A:!');
  });

  it('synchronous answers work, and a subscriber may stop one from its first chunk', () => {
    const conversation = createConversation(scripted(of('a', 'b', 'c')));
    const sub = conversation.messages$.subscribe((messages) => {
      if (messages[messages.length - 1]?.content === 'a') conversation.stop();
    });
    conversation.send('hi');
    sub.unsubscribe();
    expect(render(conversation.state.messages)).toBe('U:hi A:a/cut');
  });

  it('a subscriber may replace an answer from its streaming state: the first request is never sent', () => {
    const complete = scripted(of('second answer'));
    const conversation = createConversation(complete);
    let replaced = false;
    conversation.status$.subscribe((status) => {
      if (status !== 'streaming' || replaced) return;
      replaced = true;
      conversation.send('second');
    });
    conversation.send('first');
    expect(render(conversation.state.messages)).toBe('U:first A:/cut U:second A:second answer');
    expect(complete.calls).toEqual([
      [
        { role: 'user', content: 'first' },
        { role: 'user', content: 'second' },
      ],
    ]);
    expect(conversation.state.status).toBe('idle');
  });

  it('sends the history fitted to the budget; the newest message too long fails with a ContextBudgetError', () => {
    const complete = scripted(of('short answer'), of('never'));
    const budget = { maxTokens: 60, reserveForAnswer: 10, countTokens: (m: Message) => 4 + m.content.length };
    const conversation = createConversation(complete, {
      systemMessage: 'Sys',
      initialMessages: [
        { role: 'user', content: 'an old question' },
        { role: 'assistant', content: 'an old answer' },
      ],
      budget,
    });
    conversation.send('new question');
    // 7 + 16 (newest) = 23; the old turn (19 + 17) would bring it to 59 > 47
    expect(complete.calls[0]).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'user', content: 'new question' },
    ]);
    // the state keeps the whole history: only the request is fitted
    expect(render(conversation.state.messages)).toBe(
      'S:Sys U:an old question A:an old answer U:new question A:short answer',
    );

    conversation.send('x'.repeat(50));
    expect(complete.calls).toHaveLength(1); // nothing sent
    const { status, error, messages } = conversation.state;
    expect(status).toBe('error');
    expect(error).toBeInstanceOf(ContextBudgetError);
    expect(error).toMatchObject({ _tag: 'ContextBudgetError', needed: 7 + 54, available: 47, over: 14 });
    expect(messages[messages.length - 1]).toEqual({ role: 'assistant', content: '', status: 'error', error });
    expect(messages[messages.length - 2]).toEqual({ role: 'user', content: 'x'.repeat(50) }); // kept, to edit
  });

  it('every update emits a new frozen array; changed messages are new objects; nothing emitted is mutated', () => {
    scheduler.run(({ cold }) => {
      const conversation = createConversation(
        scripted(cold('-a-b-c|', { a: 'x', b: 'y', c: 'z' }), cold('-d-#', { d: 'w' })),
        {
          initialMessages: [
            { role: 'user', content: 'hello' },
            { role: 'assistant', content: 'hi' },
          ],
        },
      );
      const seen: { state: ConversationState; rendered: string; json: string }[] = [];
      conversation.state$.subscribe((state) =>
        seen.push({ state, rendered: render(state.messages), json: JSON.stringify(state.messages) }),
      );
      at(1, () => conversation.send('one'));
      at(4, () => conversation.send('two'));
      at(8, () => conversation.regenerate());
      scheduler.flush();
      expect(seen.length).toBeGreaterThan(8);
      for (const [i, { state, rendered, json }] of seen.entries()) {
        expect(render(state.messages)).toBe(rendered);
        expect(JSON.stringify(state.messages)).toBe(json);
        expect(Object.isFrozen(state)).toBe(true);
        expect(Object.isFrozen(state.messages)).toBe(true);
        for (const message of state.messages) expect(Object.isFrozen(message)).toBe(true);
        const previous = seen[i - 1]?.state;
        if (previous === undefined) continue;
        expect(state.messages).not.toBe(previous.messages);
        for (const [j, message] of state.messages.entries()) {
          const before = previous.messages[j];
          if (before !== undefined && short(before) !== short(message)) expect(message).not.toBe(before);
        }
      }
      // unchanged messages keep their identity (cheap for OnPush / computed)
      expect(seen[seen.length - 1]?.state.messages[0]).toBe(seen[0]?.state.messages[0]);
    });
  });

  it('is hot: a late subscriber gets the current state at once; dispose cuts the answer and completes', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const answer = cold('-a----b|', { a: 'Hel', b: 'lo' });
      const conversation = createConversation(scripted(answer));
      at(1, () => conversation.send('hi'));
      at(5, () => conversation.dispose());
      at(6, () => conversation.send('ignored'));
      expectObservable(conversation.messages$.pipe(map(render)), '---^').toBe('---a-(c|)', {
        a: 'U:hi A:Hel~',
        c: 'U:hi A:Hel/cut',
      });
      expectObservable(conversation.status$).toBe('is---(i|)', { i: 'idle', s: 'streaming' });
      expectSubscriptions(answer.subscriptions).toBe('-^---!');
    });
  });

  it('rejects invalid options, naming each bad field', () => {
    expect(() =>
      createConversation(scripted(), {
        systemMessage: 42 as never,
        initialMessages: [{ role: 'robot' as never, content: 'x' }],
        budget: { maxTokens: 0, reserveForAnswer: 10 },
      }),
    ).toThrow(InvalidRequestError);
    let thrown: unknown;
    try {
      createConversation(scripted(), {
        systemMessage: 42 as never,
        initialMessages: [{ role: 'robot' as never, content: 'x' }],
        budget: { maxTokens: 100, reserveForAnswer: 100 },
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    expect((thrown as InvalidRequestError).issues.map((i) => i.path)).toEqual([
      'options.systemMessage',
      'options.initialMessages[0].role',
      'options.budget.reserveForAnswer',
    ]);
    expect(() => createConversation(() => throwError(() => new Error()), {})).not.toThrow();
  });
});
