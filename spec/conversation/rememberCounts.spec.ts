import { rememberCounts } from '../../src/conversation/rememberCounts';

describe('rememberCounts', () => {
  function counter(maxChars: number) {
    const calls: string[] = [];
    const count = rememberCounts((text) => {
      calls.push(text);
      return text.length * 10;
    }, maxChars);
    return { count, calls };
  }

  it('counts a text once while it is remembered', () => {
    const { count, calls } = counter(100);
    expect([count('abc'), count('abc'), count('de'), count('abc')]).toEqual([30, 30, 20, 30]);
    expect(calls).toEqual(['abc', 'de']);
  });

  it('forgets the oldest texts first to stay within maxChars, and never keeps a longer text', () => {
    const { count, calls } = counter(5);
    count('aaa');
    count('bb'); // 5 characters kept
    count('cc'); // 'aaa' goes
    count('bb');
    count('aaa');
    expect(calls).toEqual(['aaa', 'bb', 'cc', 'aaa']);
    count('xxxxxx'); // 6 > 5: counted, not kept, nothing evicted
    count('xxxxxx');
    count('cc');
    expect(calls).toEqual(['aaa', 'bb', 'cc', 'aaa', 'xxxxxx', 'xxxxxx']);
  });
});
