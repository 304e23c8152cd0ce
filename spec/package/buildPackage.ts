import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root: its `dist/` is the built package. */
export const root = resolve(__dirname, '..', '..');

const STALE_MS = 180_000;
const lock = join(root, '.tmp', 'build.lock');
// Jest's workers share one parent: a build per `jest` run, however many specs need it.
const marker = join(root, '.tmp', `built-by-${process.ppid}`);

/**
 * Runs `npm run build` once per jest run. Several spec files need `dist/` and run in parallel workers; tsup
 * empties `dist/` first, so two concurrent builds would delete each other's files. A lock directory
 * (`mkdir` is atomic) serialises them, and a marker named after jest's process skips the rebuild.
 */
export async function buildPackage(): Promise<void> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  for (;;) {
    if (existsSync(marker)) return;
    try {
      mkdirSync(lock);
    } catch {
      // A lock left by a killed worker would block every later run.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > STALE_MS) rmSync(lock, { recursive: true, force: true });
      // Another worker is building: its marker appears when it is done (no event to wait on across processes).
      await new Promise((done) => setTimeout(done, 200));
      continue;
    }
    try {
      if (!existsSync(marker)) {
        execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        writeFileSync(marker, '');
      }
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
