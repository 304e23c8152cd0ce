import fc from 'fast-check';
import { createToolCallAssembler } from '../../../../src/protocols/openai/events/toolCallAssembler';

describe('createToolCallAssembler', () => {
  it('property: interleaved pieces of several indexed calls give each call exactly its concatenated arguments', () => {
    const call = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      name: fc.string({ minLength: 1, maxLength: 8 }),
      pieces: fc.array(fc.string({ unit: 'grapheme', maxLength: 6 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(call, { minLength: 1, maxLength: 4, selector: (c) => c.id }),
        fc.nat(5),
        fc.array(fc.nat(), { maxLength: 40 }),
        (calls, firstIndex, order) => {
          const tools = createToolCallAssembler();
          // The first piece of each call in order (its id and name), then the rest interleaved at random.
          calls.forEach((c, i) =>
            tools.push({ index: firstIndex + i, id: c.id, function: { name: c.name, arguments: '' } }),
          );
          const cursors = calls.map(() => 0);
          const pending = () => calls.map((_c, i) => i).filter((i) => cursors[i]! < calls[i]!.pieces.length);
          for (let k = 0; pending().length > 0; k++) {
            const open = pending();
            const i = open[(order[k] ?? 0) % open.length]!;
            tools.push({ index: firstIndex + i, function: { arguments: calls[i]!.pieces[cursors[i]!]! } });
            cursors[i]!++;
          }
          expect(tools.calls()).toEqual(
            calls.map((c, i) => ({
              type: 'tool-call',
              index: i,
              id: c.id,
              name: c.name,
              arguments: c.pieces.join(''),
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a piece that carries nothing starts no call and emits no delta', () => {
    const tools = createToolCallAssembler();
    expect(tools.push({ index: 0, function: { arguments: '' } })).toBeUndefined();
    expect(tools.started).toBe(false);
    expect(tools.calls()).toEqual([]);
  });

  it('after two calls under one index, a continuation without id goes to the latest', () => {
    const tools = createToolCallAssembler();
    tools.push({ index: 0, id: 'A', function: { name: 'f', arguments: '{"a":' } });
    tools.push({ index: 0, id: 'B', function: { name: 'g', arguments: '{"b":' } });
    tools.push({ index: 0, function: { arguments: '2}' } });
    expect(tools.calls().map((c) => [c.id, c.arguments])).toEqual([
      ['A', '{"a":'],
      ['B', '{"b":2}'],
    ]);
  });

  it('a missing name is an empty name, the call is kept', () => {
    const tools = createToolCallAssembler();
    tools.push({ id: 'x', function: { arguments: '{}' } });
    expect(tools.calls()).toEqual([{ type: 'tool-call', index: 0, id: 'x', name: '', arguments: '{}' }]);
  });
});
