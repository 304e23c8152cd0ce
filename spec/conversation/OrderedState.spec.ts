import { BehaviorSubject } from 'rxjs';
import { OrderedState } from '../../src/conversation/OrderedState';

describe('OrderedState', () => {
  it('delivers a value set from inside a callback after the current one, to every subscriber (a BehaviorSubject does not)', () => {
    const subject = new BehaviorSubject(0);
    const state = new OrderedState(0);
    const seen = { subject: [] as number[], state: [] as number[] };
    subject.subscribe((n) => n === 1 && subject.next(2));
    subject.subscribe((n) => seen.subject.push(n));
    state.observable.subscribe((n) => n === 1 && state.next(2));
    state.observable.subscribe((n) => seen.state.push(n));
    subject.next(1);
    state.next(1);
    expect(seen.subject).toEqual([0, 2, 1]); // stale: ends on 1 while the value is 2
    expect(seen.state).toEqual([0, 1, 2]);
    expect(state.value).toBe(2);
  });

  it('batch: subscribers see the states of a transition only once it is whole', () => {
    const state = new OrderedState('a');
    const seen: string[] = [];
    state.observable.subscribe((s) => seen.push(`${s} (value ${state.value})`));
    state.batch(() => {
      state.next('b');
      state.next('c');
      expect(seen).toEqual(['a (value a)']);
    });
    expect(seen).toEqual(['a (value a)', 'b (value c)', 'c (value c)']);
  });

  it('complete: delivered after the queued values; a later subscriber only gets the completion', () => {
    const state = new OrderedState(0);
    const seen: string[] = [];
    state.observable.subscribe({
      next: (n) => {
        seen.push(`${n}`);
        if (n === 1) state.complete();
        if (n === 1) state.next(99); // ignored: completed
      },
      complete: () => seen.push('|'),
    });
    state.next(1);
    state.observable.subscribe({ next: (n) => seen.push(`late ${n}`), complete: () => seen.push('late |') });
    expect(seen).toEqual(['0', '1', '|', 'late |']);
  });

  it('an unsubscribed subscriber gets nothing more, also from the queue', () => {
    const state = new OrderedState(0);
    const seen: number[] = [];
    const first = state.observable.subscribe((n) => n === 1 && (state.next(2), second.unsubscribe()));
    const second = state.observable.subscribe((n) => seen.push(n));
    state.next(1);
    first.unsubscribe();
    expect(seen).toEqual([0]);
  });
});
