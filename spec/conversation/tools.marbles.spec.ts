/**
 * A conversation's tool loop in virtual time: toolsComplete over a provider-shaped object whose completions are
 * cold marbles, tools built on `timer`. Three 200 ms tools of one step take one 200 ms step, and each tool message
 * shows its state at the virtual instant it changes.
 */
import * as t from 'io-ts';
import { map, timer, type Observable } from 'rxjs';
import {
  createConversation,
  toolsComplete,
  turnToolCalls,
  type CompletionEvent,
  type ConversationState,
  type ToolsProvider,
} from '../../src';
import { testScheduler } from '../helpers/marbles';

function scripted(steps: (() => Observable<CompletionEvent>)[]): ToolsProvider {
  let n = 0;
  return {
    createCompletionEvents: () => {
      const next = steps[n++];
      if (next === undefined) throw new Error(`no completion scripted for request ${n}`);
      return next();
    },
  };
}

const call = (index: number): CompletionEvent => ({
  type: 'tool-call',
  index,
  id: `call_${index}`,
  name: 'wait',
  arguments: '{"ms":200}',
});

describe('a conversation with tools (virtual time)', () => {
  it('three 200 ms tools of one step run at once: one 200 ms step; stop at 100 ms aborts all three', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, flush }) => {
      const signals: AbortSignal[] = [];
      const wait = {
        codec: t.type({ ms: t.number }),
        execute: ({ ms }: { ms: number }, { signal }: { signal: AbortSignal }) => {
          signals.push(signal);
          return timer(ms).pipe(map(() => `waited ${ms}`));
        },
      };
      const provider = scripted([
        () =>
          cold<CompletionEvent>('10ms (abcd|)', {
            a: call(0),
            b: call(1),
            c: call(2),
            d: { type: 'finish', reason: 'tool_calls' },
          }),
        () =>
          cold<CompletionEvent>('10ms a 9ms (b|)', {
            a: { type: 'text', text: 'done' },
            b: { type: 'finish', reason: 'stop' },
          }),
      ]);
      const conversation = createConversation(toolsComplete(provider, 'm', { tools: { wait } }));
      const seen: { at: number; calls: string; last: string }[] = [];
      conversation.state$.subscribe((state: ConversationState) => {
        const calls = turnToolCalls(state.messages)
          .map((c) => c.status)
          .join(',');
        const lastMessage = state.messages.at(-1);
        const last = `${lastMessage?.role}:${lastMessage?.role === 'tool' || lastMessage?.role === 'assistant' ? lastMessage.status : ''}`;
        const entry = { at: scheduler.now(), calls, last };
        const previous = seen.at(-1);
        if (previous?.calls !== calls || previous.last !== last) seen.push(entry);
      });
      conversation.send('Wait three times');
      flush();
      expect(seen).toEqual([
        { at: 0, calls: '', last: 'undefined:' }, // nothing asked yet
        { at: 0, calls: '', last: 'assistant:streaming' },
        { at: 10, calls: 'pending', last: 'assistant:streaming' },
        { at: 10, calls: 'pending,pending', last: 'assistant:streaming' },
        { at: 10, calls: 'pending,pending,pending', last: 'assistant:streaming' },
        { at: 10, calls: 'running,pending,pending', last: 'tool:running' },
        { at: 10, calls: 'running,running,pending', last: 'tool:running' },
        { at: 10, calls: 'running,running,running', last: 'tool:running' },
        { at: 210, calls: 'done,running,running', last: 'tool:running' },
        { at: 210, calls: 'done,done,running', last: 'tool:running' },
        { at: 210, calls: 'done,done,done', last: 'tool:done' },
        { at: 220, calls: 'done,done,done', last: 'assistant:streaming' },
        { at: 230, calls: 'done,done,done', last: 'assistant:done' },
      ]);
      expect(conversation.state.messages.map((m) => m.role)).toEqual([
        'user',
        'assistant',
        'tool',
        'tool',
        'tool',
        'assistant',
      ]);
      expect(signals.map((s) => s.aborted)).toEqual([false, false, false]);

      // Again, stopped at 100 ms (virtual) while the three run: every signal aborted, all three 'stopped'.
      signals.length = 0;
      const again = createConversation(
        toolsComplete(
          scripted([
            () =>
              cold<CompletionEvent>('10ms (abcd|)', {
                a: call(0),
                b: call(1),
                c: call(2),
                d: { type: 'finish', reason: 'tool_calls' },
              }),
          ]),
          'm',
          { tools: { wait } },
        ),
      );
      again.send('Wait, then stop');
      scheduler.schedule(() => again.stop(), 100);
      flush();
      expect(signals.map((s) => s.aborted)).toEqual([true, true, true]);
      expect(turnToolCalls(again.state.messages).map((c) => c.status)).toEqual([
        'stopped',
        'stopped',
        'stopped',
      ]);
      expect(again.state.status).toBe('idle');
    });
  });
});
