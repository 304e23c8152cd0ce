/**
 * The shape of the `aivvm-rx/angular` entry that the build relies on (tsup.config.ts): the core is imported
 * only as `'..'` (built into an import of `aivvm-rx` itself, so both entries share one module instance), and
 * Angular stays an optional peer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');
// Declaration files hold type mappings only (no runtime import).
const sources = readdirSync(join(root, 'src', 'angular')).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.d.ts'),
);

describe('the aivvm-rx/angular entry', () => {
  it.each(sources)(
    '%s imports only the core (as ".."), its own files, @angular/core (+ rxjs-interop) and rxjs',
    (file) => {
      const text = readFileSync(join(root, 'src', 'angular', file), 'utf8');
      // `import type` is erased at build time: a peer's types (io-ts') cost nothing at run time.
      const specifiers = [
        ...text.matchAll(/^\s*(?:import|export)\b(?!\s+type\b)[^'"]*?from\s+'([^']+)'/gm),
      ].map((m) => m[1]);
      for (const specifier of specifiers) {
        expect(
          ['..', '@angular/core', '@angular/core/rxjs-interop', 'rxjs'].includes(specifier ?? '') ||
            /^\.\/\w+$/.test(specifier ?? ''),
        ).toBe(true);
      }
    },
  );

  it('is exported types first, with @angular/core an optional peer dependency', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, Record<string, string>>>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    const entry = pkg.exports['./angular'];
    expect(Object.keys(entry?.['import'] ?? {})).toEqual(['types', 'default']);
    expect(entry?.['require']).toEqual({
      types: './dist/angular/index.d.ts',
      default: './dist/angular/index.js',
    });
    expect(pkg.peerDependencies['@angular/core']).toBeDefined();
    expect(pkg.peerDependenciesMeta['@angular/core']?.optional).toBe(true);
  });
});
