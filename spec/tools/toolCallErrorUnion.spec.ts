/**
 * `ToolCallError` is one of the `AnyAivvmError` union: `isAivvmError` recognises it at run time, and a `switch` on
 * `_tag` after it can name it (before it moved into `src/errors/`, the union left it out and this did not compile).
 */
import { isAivvmError, ToolCallError, type AnyAivvmError } from '../../src';

describe('ToolCallError in AnyAivvmError', () => {
  it('is narrowed by isAivvmError and found by its _tag', () => {
    const error: unknown = new ToolCallError('failed', 'call_1', 'add', 'tool "add" failed: boom');
    if (!isAivvmError(error)) throw new Error('isAivvmError did not recognise a ToolCallError');
    const any: AnyAivvmError = error;
    const kind = any._tag === 'ToolCallError' ? any.kind : undefined;
    expect(kind).toBe('failed');
    expect(any.message).toBe('tool "add" failed: boom');
  });
});
