// ToolCallsError names a bounded number of calls (found by review): a hostile server's 100 000 calls made a 1.39 MB
// message; the calls themselves stay on the error.
import { ToolCallsError, type ToolCallEvent } from '../../../src';

describe('ToolCallsError', () => {
  it('lists the first calls by name and counts the rest', () => {
    const calls: ToolCallEvent[] = Array.from({ length: 100_000 }, (_, i) => ({
      type: 'tool-call',
      index: i,
      id: `call_${i}`,
      name: `tool_${i}`,
      arguments: '{}',
    }));
    const error = new ToolCallsError(calls, 'tool_calls', '');
    expect(error.message.length).toBeLessThan(2_000);
    expect(error.message).toContain('and 99 990 more');
    expect(error.calls).toHaveLength(100_000);
  });
});
