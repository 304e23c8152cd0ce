/**
 * Every TypeScript block of the README type-checks against the sources, as a user would paste it: the README is
 * read by people (and outside tests) who take its code at its word. Names a snippet leaves to the reader
 * (`render`, `messages`, an `aivvm` made earlier, …) are declared once in a shared prelude.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const dir = join(root, '.tmp', 'readme-blocks');

const PRELUDE = `
declare function render(text: string): void;
declare const view: HTMLElement;
declare const token: string;
declare const myAxiosInstance: import('axios').AxiosInstance;
declare const messages: import('aivvm-rx').Message[];
declare const aivvm: import('aivvm-rx').AivvmProvider;
`;

function blocks(): string[] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/^( *)```ts\n([\s\S]*?)^\1```/gm)].map(([, indent = '', body = '']) =>
    body.replace(new RegExp(`^${indent}`, 'gm'), ''),
  );
}

describe('the README', () => {
  beforeAll(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has TypeScript blocks that all type-check (strict)', () => {
    const found = blocks();
    expect(found.length).toBeGreaterThanOrEqual(15);
    found.forEach((body, i) =>
      writeFileSync(join(dir, `block${String(i).padStart(2, '0')}.ts`), `${body}\nexport {};\n`),
    );
    writeFileSync(join(dir, 'prelude.d.ts'), PRELUDE);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'es2022',
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules', '@types')],
          skipLibCheck: true,
          baseUrl: root,
          paths: { 'aivvm-rx': ['src/index.ts'], 'aivvm-rx/*': ['src/*/index.ts'] },
        },
        include: ['*.ts'],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync('node', [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    // The file name says which block (0-based, in README order) is wrong.
    expect(output).toBe('');
  }, 120_000);

  it('closes every code fence it opens, with three backticks (a four-backtick fence swallowed a whole section)', () => {
    const fences = readFileSync(join(root, 'README.md'), 'utf8')
      .split('\n')
      .map((line, i) => ({ line: i + 1, text: line.trim() }))
      .filter(({ text }) => text.startsWith('```'));
    expect(fences.filter(({ text }) => text.startsWith('````'))).toEqual([]);
    // Fences alternate: an opening one may name a language, a closing one is bare.
    const wrong = fences.filter(({ text }, i) => (i % 2 === 1 ? text !== '```' : false));
    expect(wrong).toEqual([]);
    expect(fences.length % 2).toBe(0);
  });
});
