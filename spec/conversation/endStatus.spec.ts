// A conversation marks an answer as createCompletion reads its finish reason (found by review): case-insensitive,
// Gemini's filters are filters, Anthropic's max_tokens is a truncation.
import { endStatus } from '../../src/conversation/applyAnswerEvent';

describe('endStatus', () => {
  it.each([
    ['length', 'truncated'],
    ['LENGTH', 'truncated'],
    ['max_tokens', 'truncated'],
    ['MAX_TOKENS', 'truncated'],
    ['content_filter', 'filtered'],
    ['CONTENT_FILTER', 'filtered'],
    ['SAFETY', 'filtered'],
    ['recitation', 'filtered'],
    ['stop', 'done'],
    ['tool_calls', 'done'],
    ['MALFORMED_FUNCTION_CALL', 'done'],
    [null, 'done'],
    [undefined, 'done'],
  ])('%s → %s', (reason, status) => {
    expect(endStatus(reason)).toBe(status);
  });
});
