/**
 * Invariants of one step, for any durations and concurrency (virtual time): every call answered once, the
 * history in call order, and the step as long as the concurrency allows, no longer.
 */
import fc from 'fast-check';
import * as t from 'io-ts';
import { map, timer } from 'rxjs';
import { runTools, type CompletionEvent, type OpenAIMessage, type RunToolsEvent } from '../../src';
import { testScheduler } from '../helpers/marbles';

/** When `concurrency` slots run calls in order, each taking its duration: when the last one ends. */
function expectedEnd(durations: readonly number[], concurrency: number): number {
  const slots = new Array<number>(Math.min(concurrency, durations.length)).fill(0);
  for (const d of durations) {
    const i = slots.indexOf(Math.min(...slots));
    slots[i] = slots[i]! + d;
  }
  return Math.max(0, ...slots);
}

describe('runTools: one step of tool calls (property)', () => {
  it('answers every call once, in call order, in the time the concurrency allows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 500 }), { minLength: 1, maxLength: 8 }),
        fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constant(Number.POSITIVE_INFINITY)),
        (durations, concurrency) => {
          const scheduler = testScheduler();
          const sent: OpenAIMessage[][] = [];
          const events: { at: number; event: RunToolsEvent }[] = [];
          scheduler.run(({ cold, flush }) => {
            const calls = durations.map((ms, i): CompletionEvent => ({
              type: 'tool-call',
              index: i,
              id: `c${i}`,
              name: 'wait',
              arguments: JSON.stringify({ ms }),
            }));
            const provider = {
              createCompletionEvents: (_m: string, messages: readonly OpenAIMessage[]) => {
                sent.push([...messages]);
                if (sent.length > 1)
                  return cold<CompletionEvent>('(f|)', { f: { type: 'finish', reason: 'stop' } });
                const keys = 'abcdefgh'.slice(0, calls.length);
                const values: Record<string, CompletionEvent> = {
                  z: { type: 'finish', reason: 'tool_calls' },
                };
                [...keys].forEach((key, i) => (values[key] = calls[i]!));
                return cold<CompletionEvent>(`(${keys}z|)`, values);
              },
            };
            const wait = {
              codec: t.type({ ms: t.number }),
              execute: ({ ms }: { ms: number }) => timer(ms).pipe(map(() => ms)),
            };
            runTools(provider, 'm', [{ role: 'user', content: 'go' }], {
              tools: { wait },
              concurrency,
            }).subscribe((event) => events.push({ at: scheduler.now(), event }));
            flush();
          });
          const results = events.filter((e) => e.event.type === 'tool-result');
          expect(results.map((e) => (e.event as { id: string }).id).sort()).toEqual(
            durations.map((_, i) => `c${i}`).sort(),
          );
          expect(sent[1]!.filter((m) => m.role === 'tool')).toEqual(
            durations.map((ms, i) => ({ role: 'tool', tool_call_id: `c${i}`, content: String(ms) })),
          );
          expect(events.find((e) => e.event.type === 'step-finish')?.at).toBe(
            expectedEnd(durations, concurrency),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
