import { checkCoalesce, coalescer } from '../../src/angular/coalesce';

/** A deterministic stand-in for the browser's frames: callbacks run only when the test says a frame came. */
function fakeFrames() {
  const pending = new Map<number, () => void>();
  let next = 1;
  const host = globalThis as { requestAnimationFrame?: unknown; cancelAnimationFrame?: unknown };
  host.requestAnimationFrame = (callback: () => void) => {
    pending.set(next, callback);
    return next++;
  };
  host.cancelAnimationFrame = (handle: number) => pending.delete(handle);
  return {
    get pending() {
      return pending.size;
    },
    frame() {
      const callbacks = [...pending.values()];
      pending.clear();
      for (const callback of callbacks) callback();
    },
    remove() {
      delete host.requestAnimationFrame;
      delete host.cancelAnimationFrame;
    },
  };
}

describe('coalescer', () => {
  afterEach(() => jest.useRealTimers());

  it("'animationFrame': any number of schedules in a frame give one flush on that frame", () => {
    const frames = fakeFrames();
    try {
      const flush = jest.fn();
      const batch = coalescer('animationFrame', flush);
      for (let i = 0; i < 50; i++) batch.schedule();
      expect([flush.mock.calls.length, frames.pending]).toEqual([0, 1]);
      frames.frame();
      expect(flush).toHaveBeenCalledTimes(1);
      frames.frame();
      expect(flush).toHaveBeenCalledTimes(1);
      batch.schedule();
      batch.schedule();
      frames.frame();
      expect(flush).toHaveBeenCalledTimes(2);
    } finally {
      frames.remove();
    }
  });

  it("'animationFrame': cancel() drops the pending frame", () => {
    const frames = fakeFrames();
    try {
      const flush = jest.fn();
      const batch = coalescer('animationFrame', flush);
      batch.schedule();
      batch.cancel();
      expect(frames.pending).toBe(0);
      frames.frame();
      expect(flush).not.toHaveBeenCalled();
      batch.schedule();
      frames.frame();
      expect(flush).toHaveBeenCalledTimes(1);
    } finally {
      frames.remove();
    }
  });

  it("'animationFrame' without requestAnimationFrame (a server): one flush per macrotask", () => {
    jest.useFakeTimers();
    expect((globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame).toBeUndefined();
    const flush = jest.fn();
    const batch = coalescer('animationFrame', flush);
    batch.schedule();
    batch.schedule();
    expect(flush).not.toHaveBeenCalled();
    jest.advanceTimersByTime(0);
    expect(flush).toHaveBeenCalledTimes(1);
    batch.schedule();
    batch.cancel();
    jest.advanceTimersByTime(10);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('a number: at most one flush per that many milliseconds', () => {
    jest.useFakeTimers();
    const flush = jest.fn();
    const batch = coalescer(100, flush);
    for (let t = 0; t < 1000; t += 10) {
      batch.schedule();
      jest.advanceTimersByTime(10);
    }
    expect(flush).toHaveBeenCalledTimes(10);
  });

  it("'none': every schedule flushes at once", () => {
    const flush = jest.fn();
    const batch = coalescer('none', flush);
    batch.schedule();
    batch.schedule();
    batch.cancel();
    expect(flush).toHaveBeenCalledTimes(2);
  });

  it('checks the setting', () => {
    expect(checkCoalesce(0, 'x')).toBe(0);
    expect(checkCoalesce('none', 'x')).toBe('none');
    for (const bad of [-1, Number.NaN, Infinity, 'frame', null])
      expect(() => checkCoalesce(bad, 'options.coalesce')).toThrow(/^options\.coalesce: expected/);
  });
});
