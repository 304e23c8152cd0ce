import { asyncScheduler, of, timer } from 'rxjs';
import { bufferText, decodeText, paceText, shareText } from '../../src/operators';

/** The error `make` throws (it must throw). */
function thrown(make: () => unknown): Error {
  try {
    make();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('operator options of the wrong type are refused at the call, naming the option and the value', () => {
  // README: "An operator called with invalid options throws at once, as rxjs's own operators do". These were
  // quietly coerced ('5' taken as 5, 'yes' as true) or failed later inside a subscription.
  it.each<[string, () => unknown, string]>([
    [
      'decodeText ignoreBOM',
      () => decodeText({ ignoreBOM: 'yes' as never }),
      'decodeText: ignoreBOM must be a boolean, got "yes".',
    ],
    [
      'bufferText maxChars',
      () => bufferText({ maxChars: '5' as never }),
      'bufferText: maxChars must be a number ≥ 1 or Infinity, got "5".',
    ],
    [
      'bufferText maxDelayMs',
      () => bufferText({ maxDelayMs: null as never }),
      'bufferText: maxDelayMs must be a number of ms ≥ 0 or Infinity, got null.',
    ],
    [
      'bufferText scheduler',
      () => bufferText({ scheduler: {} as never }),
      'bufferText: scheduler must be an RxJS scheduler (with now() and schedule()), got an object.',
    ],
    [
      'paceText targetLagMs',
      () => paceText({ targetLagMs: '250' as never }),
      'paceText: targetLagMs must be a finite number of ms ≥ 0, got "250".',
    ],
    [
      'paceText minIntervalMs',
      () => paceText({ minIntervalMs: true as never }),
      'paceText: minIntervalMs must be a finite number of ms ≥ 0, got true.',
    ],
    [
      'paceText scheduler',
      () => paceText({ scheduler: { now: () => 0 } as never }),
      'paceText: scheduler must be an RxJS scheduler (with now() and schedule()), got an object.',
    ],
    [
      'shareText resetOnRefCountZero',
      () => shareText({ resetOnRefCountZero: 'x' as never }),
      'shareText: resetOnRefCountZero must be a boolean or a notifier factory or a number of ms, got "x".',
    ],
    [
      'shareText resetOnComplete',
      () => shareText({ resetOnComplete: 1 as never }),
      'shareText: resetOnComplete must be a boolean or a notifier factory, got 1.',
    ],
    [
      'shareText resetOnError',
      () => shareText({ resetOnError: [] as never }),
      'shareText: resetOnError must be a boolean or a notifier factory, got an array.',
    ],
  ])('%s', (_name, make, message) => {
    const error = thrown(make);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe(message);
  });

  it('accepts every documented type', () => {
    expect(() => decodeText({ ignoreBOM: true })).not.toThrow();
    expect(() => bufferText({ maxChars: Infinity, maxDelayMs: 0, scheduler: asyncScheduler })).not.toThrow();
    expect(() => paceText({ targetLagMs: 0, minIntervalMs: 16, scheduler: asyncScheduler })).not.toThrow();
    for (const resetOnRefCountZero of [true, false, 50, () => timer(5)]) {
      expect(() => shareText({ resetOnRefCountZero })).not.toThrow();
    }
    expect(() => shareText({ resetOnComplete: () => of(1), resetOnError: () => of(1) })).not.toThrow();
  });
});
