/**
 * The tool-name rule has one source (protocols/openai/functionName): runTools' own check of its tools record and
 * the request validator accept exactly the same names, with the same words.
 */
import { either as E } from 'fp-ts';
import fc from 'fast-check';
import * as t from 'io-ts';
import { validateOpenAIRequest } from '../../src/protocols/openai';
import { checkRunToolsOptions } from '../../src/tools/checkRunToolsOptions';

const tool = { codec: t.type({}), execute: () => 'ok' };

/** Names near the rule's edges: its alphabet, lengths around 64, and a few characters it refuses. */
const names = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'aZ09_-'), minLength: 0, maxLength: 70 }),
  fc.string({ unit: fc.constantFrom(...'ab_ .é/'), minLength: 1, maxLength: 8 }),
  fc.string({ maxLength: 10 }),
);

describe('tool names', () => {
  it('runTools accepts a name exactly when a request with that tool name is valid', () => {
    fc.assert(
      fc.property(names, (name) => {
        const ours = checkRunToolsOptions({ tools: { [name]: tool } });
        const wire = validateOpenAIRequest('m', [{ role: 'user', content: 'hi' }], true, {
          tools: [{ type: 'function', function: { name } }],
        });
        expect(E.isRight(ours)).toBe(E.isRight(wire));
        if (E.isLeft(ours) && E.isLeft(wire)) {
          const expected = (error: typeof ours.left) => error.issues.map((issue) => issue.expected);
          expect(expected(ours.left)).toEqual(expected(wire.left));
        }
      }),
      { numRuns: 500 },
    );
  });
});
