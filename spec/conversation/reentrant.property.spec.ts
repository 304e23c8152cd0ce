import fc from 'fast-check';
import { concat, interval, map, of, take, throwError, type Observable } from 'rxjs';
import {
  createConversation,
  type AnswerEvent,
  type Conversation,
  type ConversationMessage,
  type ConversationState,
  type ConversationStatus,
} from '../../src';
import { testScheduler } from '../helpers/marbles';

/** What a subscriber may call from inside its callback. `pick` chooses the user message an edit replaces. */
type Call =
  | { readonly kind: 'send' }
  | { readonly kind: 'stop' }
  | { readonly kind: 'regenerate' }
  | { readonly kind: 'edit'; readonly pick: number }
  | { readonly kind: 'dispose' };

/** An answer: synchronous (all chunks at subscribe), or one chunk every `every` frames; it may fail at the end. */
interface Answer {
  readonly chunks: readonly string[];
  readonly every: number; // 0: synchronous
  readonly fails: boolean;
  /** A finish event after the chunks (as openaiComplete sends), or none (as a plain text Observable). */
  readonly finish: string | null | undefined;
}

/** A subscriber calling `call` at its `at`-th emission (0 is the value it gets on subscribe). */
interface Reaction {
  readonly stream: 'state$' | 'messages$' | 'status$';
  readonly at: number;
  readonly call: Call;
}

const call: fc.Arbitrary<Call> = fc.oneof(
  { arbitrary: fc.constant<Call>({ kind: 'send' }), weight: 4 },
  { arbitrary: fc.constant<Call>({ kind: 'stop' }), weight: 3 },
  { arbitrary: fc.constant<Call>({ kind: 'regenerate' }), weight: 3 },
  { arbitrary: fc.nat(5).map((pick): Call => ({ kind: 'edit', pick })), weight: 3 },
  // dispose is rarer: it ends the run
  { arbitrary: fc.constant<Call>({ kind: 'dispose' }), weight: 1 },
);
const answer: fc.Arbitrary<Answer> = fc.record({
  chunks: fc.array(fc.constantFrom('a', 'b', 'c', ' ', 'é'), { maxLength: 4 }),
  every: fc.constantFrom(0, 0, 1, 3),
  fails: fc.boolean(),
  finish: fc.constantFrom(undefined, 'stop', 'length', 'content_filter', null),
});
const reaction: fc.Arbitrary<Reaction> = fc.record({
  stream: fc.constantFrom('state$', 'messages$', 'status$'),
  at: fc.nat(12),
  call,
});

function run(conversation: Conversation, c: Call): void {
  switch (c.kind) {
    case 'send':
      return conversation.send('q');
    case 'stop':
      return conversation.stop();
    case 'regenerate':
      return conversation.regenerate();
    case 'dispose':
      return conversation.dispose();
    case 'edit': {
      const users = conversation.state.messages.flatMap((m, i) => (m.role === 'user' ? [i] : []));
      const index = users[c.pick % Math.max(users.length, 1)];
      if (index !== undefined) conversation.edit(index, 'e');
    }
  }
}

describe('a conversation called back from its own subscribers (property)', () => {
  it('every subscriber sees the same states in the same order and ends on conversation.state', () => {
    fc.assert(
      fc.property(
        fc.array(answer, { minLength: 1, maxLength: 12 }),
        fc.array(reaction, { minLength: 1, maxLength: 6 }),
        fc.array(fc.record({ frame: fc.nat(20), call }), { maxLength: 4 }),
        (answers, reactions, outside) => {
          const scheduler = testScheduler();
          scheduler.run(({ flush }) => {
            let asked = 0;
            const conversation = createConversation((): Observable<string | AnswerEvent> => {
              const a = answers[asked++ % answers.length] as Answer;
              const pieces: (string | AnswerEvent)[] = [...a.chunks];
              if (a.finish !== undefined) pieces.push({ type: 'finish', reason: a.finish });
              const chunks$ =
                a.every === 0
                  ? of(...pieces)
                  : interval(a.every).pipe(
                      take(pieces.length),
                      map((i) => pieces[i] as string | AnswerEvent),
                    );
              return a.fails
                ? concat(
                    chunks$,
                    throwError(() => new Error('boom')),
                  )
                : chunks$;
            });
            // calls from subscribers are bounded, so that send-on-every-state cannot loop forever
            let budget = 25;
            const react = (c: Call): void => {
              if (budget-- > 0) run(conversation, c);
            };
            const states: ConversationState[][] = [];
            const messages: (readonly ConversationMessage[])[][] = [];
            const statuses: ConversationStatus[][] = [];
            const reference: ConversationState[] = [];
            let disposed = false;
            conversation.state$.subscribe({
              next: (s) => reference.push(s),
              complete: () => (disposed = true),
            });
            for (const r of reactions) {
              let seen = 0;
              const fire = (): void => {
                if (seen++ === r.at) react(r.call);
              };
              if (r.stream === 'state$') {
                const log: ConversationState[] = [];
                states.push(log);
                conversation.state$.subscribe((s) => (log.push(s), fire()));
              } else if (r.stream === 'messages$') {
                const log: (readonly ConversationMessage[])[] = [];
                messages.push(log);
                conversation.messages$.subscribe((m) => (log.push(m), fire()));
              } else {
                const log: ConversationStatus[] = [];
                statuses.push(log);
                conversation.status$.subscribe((s) => (log.push(s), fire()));
              }
            }
            const last: ConversationState[] = [];
            conversation.state$.subscribe((s) => last.push(s));
            for (const { frame, call: c } of outside) {
              scheduler.schedule(() => run(conversation, c), frame);
            }
            conversation.send('first');
            flush();

            const final = conversation.state;
            // Every subscriber (before, between and after the reacting ones) sees the same states, the same objects,
            // from the one current when it subscribed (a reaction on subscribe runs before later ones subscribe).
            // A subscriber that came after dispose() only gets the completion, as with a completed BehaviorSubject.
            const same = <T>(log: readonly T[], all: readonly T[], end: T): boolean => {
              if (log.length === 0) return disposed;
              const expected = all.slice(all.length - log.length);
              return log.every((value, i) => value === expected[i]) && log.at(-1) === end;
            };
            expect(reference.at(-1)).toBe(final);
            expect(same(last, reference, final)).toBe(true);
            for (const log of states) expect(same(log, reference, final)).toBe(true);
            const distinct = <T>(values: readonly T[]): T[] =>
              values.filter((v, i) => i === 0 || v !== values[i - 1]);
            for (const log of messages) {
              expect(same(log, distinct(reference.map((s) => s.messages)), final.messages)).toBe(true);
            }
            for (const log of statuses) {
              expect(same(log, distinct(reference.map((s) => s.status)), final.status)).toBe(true);
            }
            // the state itself is coherent: one answer at most streams, and only while the status says so
            const streaming = final.messages.filter(
              (m) => m.role === 'assistant' && m.status === 'streaming',
            );
            expect(streaming.length).toBe(final.status === 'streaming' ? 1 : 0);
            // and a disposed conversation has nothing left streaming (no subscriber could start an answer in between)
            if (disposed) expect(final.status).not.toBe('streaming');
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
