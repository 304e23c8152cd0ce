import { renderMarkdown } from './renderMarkdown';

/** Every block construct the answers use, and the inline ones, finished and cut off mid-way (an open block). */
const CONSTRUCTS = [
  '# Heading\n\nSetext heading\n===\n\nA paragraph with **bold**, *em*, ~~gone~~, `code`, [a link](https://example.com) and <https://example.com>,\nover two lines.',
  '> A quote\n> over two lines',
  '> An open quote',
  '- one\n- two\n  - nested\n\n1. first\n2. second\n\n- [ ] a task',
  '```ts\nconst a = 1;\n```',
  '```\nan open fence',
  '    indented code',
  '| a | b |\n|---|:-:|\n| 1 | 2 |',
  '| an open | table',
  '<div>html</div>\n\n---\n\n\\*escaped\\* and **open bold',
];

/**
 * Renders a sample of each markdown construct once the page is idle, so that the one-time costs of `marked`'s
 * regular expressions are paid before the first answer instead of in the middle of one. V8 compiles a regular
 * expression to machine code on its second run, separately for strings of Latin-1 and of wider characters: a
 * first `> quote` in an answer cost 47–91 ms of main thread in Chromium, the same block afterwards under 1 ms.
 * So each sample runs twice, in Latin-1 and in Cyrillic, one per idle callback (each a few milliseconds).
 *
 * @returns resolves when every sample was rendered.
 */
export function warmMarkdown(): Promise<void> {
  const wide = CONSTRUCTS.map((sample) => sample.replace(/[a-z]{3,}/g, (word) => `${word}ж`));
  const queue = [...CONSTRUCTS, ...wide, ...CONSTRUCTS, ...wide];
  const idle = (next: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: 1000 });
    else setTimeout(next, 0);
  };
  return new Promise((done) => {
    const step = (): void => {
      const sample = queue.shift();
      if (sample === undefined) return done();
      renderMarkdown(sample);
      idle(step);
    };
    idle(step);
  });
}
