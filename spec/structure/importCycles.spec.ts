/**
 * No import circles among the sources: a circle makes load order decide which side sees `undefined` at run time,
 * and even a type-only one ties two parts together that the layout (DESIGN.md) keeps apart.
 */
import { join } from 'node:path';
import { importCycles, importGraph } from '../helpers/importCycles';

const src = join(__dirname, '..', '..', 'src');

describe('imports among src/', () => {
  it('form no circle, type-only imports included', () => {
    expect(importCycles(importGraph(src, 'all'))).toEqual([]);
  });

  it('are found by the finder: a circle of three files and a file that imports itself', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts', 'd.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  });

  it("resolve '../errors' to the folder's barrel, and see through `import type`", () => {
    const all = importGraph(src, 'all');
    const runtime = importGraph(src, 'runtime');
    expect(all.get(join('conversation', 'fitHistory.ts'))).toContain(join('errors', 'index.ts'));
    expect(all.get(join('errors', 'ToolCallsError.ts'))).toContain(
      join('protocols', 'openai', 'ToolCallEvent.ts'),
    );
    expect(runtime.get(join('errors', 'ToolCallsError.ts'))).not.toContain(
      join('protocols', 'openai', 'ToolCallEvent.ts'),
    );
  });
});
