/**
 * runTools in virtual time: a provider-shaped object whose completions are cold marbles (dependency injection of
 * the provider interface), tools built on `timer`.
 */
import * as t from 'io-ts';
import { map, timer, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import {
  InvalidRequestError,
  runTools,
  ToolCallError,
  type CompletionEvent,
  type OpenAIMessage,
  type RunToolsEvent,
  type RunToolsOptions,
  type ToolsProvider,
} from '../../src';
import { testScheduler } from '../helpers/marbles';

const question: OpenAIMessage[] = [{ role: 'user', content: 'Wait three times' }];

/** A provider answering each request with the next cold completion, recording the messages it was sent. */
function scripted(
  steps: (() => Observable<CompletionEvent>)[],
): ToolsProvider & { sent: OpenAIMessage[][]; options: unknown[] } {
  const sent: OpenAIMessage[][] = [];
  const options: unknown[] = [];
  return {
    sent,
    options,
    createCompletionEvents: (_model, messages, stepOptions) => {
      sent.push([...messages]);
      options.push(stepOptions);
      const next = steps[sent.length - 1];
      if (next === undefined) throw new Error(`no completion scripted for request ${sent.length}`);
      return next();
    },
  };
}

const call = (index: number, name: string, args: string): CompletionEvent => ({
  type: 'tool-call',
  index,
  id: `call_${index}`,
  name,
  arguments: args,
});

/** A tool that waits `ms` (virtual) and answers `waited <ms>`, recording its signal. */
function waitTool(signals: AbortSignal[]) {
  return {
    description: 'Waits',
    parameters: { type: 'object', properties: { ms: { type: 'number' } } },
    codec: t.type({ ms: t.number }),
    execute: ({ ms }: { ms: number }, { signal }: { signal: AbortSignal }) => {
      signals.push(signal);
      return timer(ms).pipe(map(() => `waited ${ms}`));
    },
  };
}

/** Runs inside the scheduler; returns each event with its virtual time. */
function timed(scheduler: TestScheduler, source: Observable<RunToolsEvent>) {
  const seen: { at: number; event: RunToolsEvent }[] = [];
  let error: unknown;
  source.subscribe({
    next: (event) => seen.push({ at: scheduler.now(), event }),
    error: (e: unknown) => (error = e),
  });
  return { seen, error: () => error };
}

describe('runTools (virtual time)', () => {
  function threeWaits(durations: [number, number, number], options: Partial<RunToolsOptions> = {}) {
    const scheduler = testScheduler();
    const signals: AbortSignal[] = [];
    let result!: ReturnType<typeof timed>;
    let provider!: ReturnType<typeof scripted>;
    scheduler.run(({ cold, flush }) => {
      provider = scripted([
        () =>
          cold<CompletionEvent>('--(abcf|)', {
            a: call(0, 'wait', `{"ms":${durations[0]}}`),
            b: call(1, 'wait', `{"ms":${durations[1]}}`),
            c: call(2, 'wait', `{"ms":${durations[2]}}`),
            f: {
              type: 'finish',
              reason: 'tool_calls',
              usage: { promptTokens: 5, completionTokens: 3, totalTokens: 8 },
            },
          }),
        () =>
          cold<CompletionEvent>('-(xf|)', {
            x: { type: 'text', text: 'Done.' },
            f: {
              type: 'finish',
              reason: 'stop',
              usage: { promptTokens: 20, completionTokens: 2, totalTokens: 22 },
            },
          }),
      ]);
      result = timed(
        scheduler,
        runTools(provider, 'm', question, { tools: { wait: waitTool(signals) }, ...options }),
      );
      flush();
    });
    return { ...result, signals, provider };
  }

  it('three tools of 200 ms in one step take one 200 ms step, not 600', () => {
    const { seen, error } = threeWaits([200, 200, 200]);
    expect(error()).toBeUndefined();
    const results = seen.filter((s) => s.event.type === 'tool-result');
    expect(results.map((s) => s.at)).toEqual([202, 202, 202]);
    expect(seen.find((s) => s.event.type === 'step-finish')?.at).toBe(202);
    expect(seen.at(-1)).toEqual({
      at: 203,
      event: expect.objectContaining({
        type: 'finish',
        reason: 'stop',
        steps: 2,
        usage: { promptTokens: 25, completionTokens: 5, totalTokens: 30 },
      }),
    });
  });

  it('concurrency: 1 runs them one after another (600 ms)', () => {
    const { seen } = threeWaits([200, 200, 200], { concurrency: 1 });
    expect(seen.filter((s) => s.event.type === 'tool-result').map((s) => s.at)).toEqual([202, 402, 602]);
  });

  it('results are emitted as they finish, and the history has them in call order', () => {
    const { seen, provider } = threeWaits([300, 100, 200]);
    expect(seen.filter((s) => s.event.type === 'tool-result').map((s) => [s.at, s.event])).toEqual([
      [102, { type: 'tool-result', id: 'call_1', name: 'wait', result: 'waited 100' }],
      [202, { type: 'tool-result', id: 'call_2', name: 'wait', result: 'waited 200' }],
      [302, { type: 'tool-result', id: 'call_0', name: 'wait', result: 'waited 300' }],
    ]);
    const second = provider.sent[1]!;
    expect(second.slice(1)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [0, 1, 2].map((i) => ({
          id: `call_${i}`,
          type: 'function',
          function: { name: 'wait', arguments: `{"ms":${[300, 100, 200][i]}}` },
        })),
      },
      { role: 'tool', tool_call_id: 'call_0', content: 'waited 300' },
      { role: 'tool', tool_call_id: 'call_1', content: 'waited 100' },
      { role: 'tool', tool_call_id: 'call_2', content: 'waited 200' },
    ]);
    const finish = seen.at(-1)!.event;
    expect(finish.type === 'finish' && finish.messages).toEqual([
      ...second,
      { role: 'assistant', content: 'Done.' },
    ]);
  });

  it('unsubscribing mid-tool aborts the signal of every running tool, not of the finished one', () => {
    const scheduler = testScheduler();
    const signals: AbortSignal[] = [];
    scheduler.run(({ cold, flush }) => {
      const provider = scripted([
        () =>
          cold<CompletionEvent>('(abcf|)', {
            a: call(0, 'wait', '{"ms":50}'),
            b: call(1, 'wait', '{"ms":200}'),
            c: call(2, 'wait', '{"ms":300}'),
            f: { type: 'finish', reason: 'tool_calls' },
          }),
      ]);
      const subscription = runTools(provider, 'm', question, {
        tools: { wait: waitTool(signals) },
      }).subscribe();
      scheduler.schedule(() => subscription.unsubscribe(), 100);
      flush();
    });
    expect(signals.map((s) => s.aborted)).toEqual([false, true, true]);
  });

  it('unsubscribing mid-completion unsubscribes the completion (the request)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ cold, expectSubscriptions }) => {
      const completion = cold<CompletionEvent>('-a-----|', { a: { type: 'text', text: 'Hi' } });
      const provider = scripted([() => completion]);
      const subscription = runTools(provider, 'm', question, { tools: { wait: waitTool([]) } }).subscribe();
      scheduler.schedule(() => subscription.unsubscribe(), 3);
      expectSubscriptions(completion.subscriptions).toBe('^--!');
    });
  });

  it('bad arguments, an unknown tool and a throwing tool go back to the model as tool messages', () => {
    const scheduler = testScheduler();
    let provider!: ReturnType<typeof scripted>;
    let result!: ReturnType<typeof timed>;
    scheduler.run(({ cold, flush }) => {
      provider = scripted([
        () =>
          cold<CompletionEvent>('(abcdf|)', {
            a: call(0, 'wait', '{"ms":"sk-secret-value"}'),
            b: call(1, 'wait', '{"ms": 5'),
            c: call(2, 'nope', '{}'),
            d: call(3, 'boom', '{}'),
            f: { type: 'finish', reason: 'tool_calls' },
          }),
        () => cold<CompletionEvent>('(f|)', { f: { type: 'finish', reason: 'stop' } }),
      ]);
      const boom = {
        codec: t.type({}),
        execute: () => {
          throw new Error('service down');
        },
      };
      result = timed(scheduler, runTools(provider, 'm', question, { tools: { wait: waitTool([]), boom } }));
      flush();
    });
    expect(result.error()).toBeUndefined();
    const errors = result.seen.flatMap((s) => (s.event.type === 'tool-error' ? [s.event] : []));
    expect(errors.map((e) => [e.id, e.name, e.error.kind])).toEqual([
      ['call_0', 'wait', 'invalid-arguments'],
      ['call_1', 'wait', 'invalid-arguments'],
      ['call_2', 'nope', 'unknown-tool'],
      ['call_3', 'boom', 'failed'],
    ]);
    expect(errors[0]!.error).toBeInstanceOf(ToolCallError);
    expect(errors[0]!.error.issues).toEqual([
      { path: 'arguments.ms', expected: 'a number', actual: 'a string of 15 characters' },
    ]);
    expect(errors[3]!.error.cause).toEqual(new Error('service down'));
    const answers = provider.sent[1]!.filter((m) => m.role === 'tool').map((m) => m.content);
    expect(answers).toEqual([
      'invalid arguments for "wait": arguments.ms: expected a number, got a string of 15 characters. Call it again with one JSON object that follows its parameters.',
      'the arguments of "wait" are not JSON (a string of 8 characters). Call it again with one JSON object that follows its parameters.',
      'there is no tool "nope": call one of "wait", "boom"',
      'tool "boom" failed: service down',
    ]);
    // What the model wrote is described, never echoed, in the answers.
    expect(answers.join('\n')).not.toContain('sk-secret');
  });

  it("onToolError: 'fail' ends the run with a ToolCallError when a tool errors", () => {
    const scheduler = testScheduler();
    let result!: ReturnType<typeof timed>;
    scheduler.run(({ cold, flush }) => {
      const provider = scripted([
        () =>
          cold<CompletionEvent>('(af|)', {
            a: call(0, 'bad', '{}'),
            f: { type: 'finish', reason: 'tool_calls' },
          }),
      ]);
      const bad = { codec: t.type({}), execute: () => Promise.reject(new TypeError('no network')) };
      result = timed(scheduler, runTools(provider, 'm', question, { tools: { bad }, onToolError: 'fail' }));
      flush();
    });
    return Promise.resolve().then(() => {
      expect(result.error()).toBeInstanceOf(ToolCallError);
      expect(result.error()).toMatchObject({
        kind: 'failed',
        toolName: 'bad',
        id: 'call_0',
        cause: new TypeError('no network'),
      });
    });
  });

  it("maxSteps reached while the model still calls tools: finish 'max-steps' with the history so far", () => {
    const scheduler = testScheduler();
    let result!: ReturnType<typeof timed>;
    let provider!: ReturnType<typeof scripted>;
    scheduler.run(({ cold, flush }) => {
      const again = () =>
        cold<CompletionEvent>('-(af|)', {
          a: call(0, 'wait', '{"ms":10}'),
          f: { type: 'finish', reason: 'tool_calls' },
        });
      provider = scripted([again, again, again]);
      result = timed(
        scheduler,
        runTools(provider, 'm', question, { tools: { wait: waitTool([]) }, maxSteps: 2 }),
      );
      flush();
    });
    expect(provider.sent).toHaveLength(2);
    expect(result.seen.filter((s) => s.event.type === 'step-finish').map((s) => s.event)).toEqual([
      { type: 'step-finish', step: 1, reason: 'tool_calls' },
      { type: 'step-finish', step: 2, reason: 'tool_calls' },
    ]);
    const finish = result.seen.at(-1)!.event;
    expect(finish).toMatchObject({ type: 'finish', reason: 'max-steps', steps: 2 });
    expect(finish.type === 'finish' && finish.messages.map((m) => m.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'tool',
    ]);
    expect(finish.type === 'finish' && 'usage' in finish).toBe(false);
  });

  it.each([
    ['required', undefined],
    [{ type: 'function', function: { name: 'wait' } }, undefined],
    ['auto', 'auto'],
  ] as const)(
    'toolChoice %j in step 1 is %j in step 2 (a forced call would loop to maxSteps)',
    (first, second) => {
      const scheduler = testScheduler();
      let provider!: ReturnType<typeof scripted>;
      scheduler.run(({ cold, flush }) => {
        provider = scripted([
          () =>
            cold<CompletionEvent>('(af|)', {
              a: call(0, 'wait', '{"ms":1}'),
              f: { type: 'finish', reason: 'tool_calls' },
            }),
          () => cold<CompletionEvent>('(f|)', { f: { type: 'finish', reason: 'stop' } }),
        ]);
        runTools(provider, 'm', question, {
          tools: { wait: waitTool([]) },
          toolChoice: first,
          seed: 7,
        }).subscribe();
        flush();
      });
      expect(provider.options[0]).toMatchObject({ toolChoice: first, seed: 7 });
      expect(provider.options[1]).toMatchObject({ seed: 7 });
      expect((provider.options[1] as { toolChoice?: unknown }).toolChoice).toEqual(second);
    },
  );

  it('invalid options are an InvalidRequestError naming each path, before any request', () => {
    const scheduler = testScheduler();
    let result!: ReturnType<typeof timed>;
    const provider = scripted([]);
    scheduler.run(({ flush }) => {
      result = timed(
        scheduler,
        runTools(provider, 'm', question, {
          tools: { 'bad name': { codec: t.string, execute: () => 1 }, ok: { codec: 5, execute: 1 } as never },
          maxSteps: 0,
          concurrency: 1.5,
        }),
      );
      flush();
    });
    expect(provider.sent).toHaveLength(0);
    const error = result.error() as InvalidRequestError;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.issues.map((i) => i.path)).toEqual([
      'options.tools["bad name"]',
      'options.tools.ok.execute',
      'options.tools.ok.codec',
      'options.maxSteps',
      'options.concurrency',
    ]);
  });
});
