/**
 * The published artefact is what users get: build, `npm pack`, install the tarball into a fresh project, and
 * use both entries from ESM, from CommonJS and from TypeScript (nodenext resolution, so the `exports` types
 * are checked too).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPackage } from './package/buildPackage';

const root = resolve(__dirname, '..');
const ourPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const consumer = (load: string) => `
${load}
(async () => {
  const server = await testing.startAivvmServer({ reply: { text: 'Привет, 世界 👋', chunkSize: 1 } });
  try {
    const aivvm = lib.createAivvm({ baseURL: server.url });
    const text = await new Promise((resolve, reject) =>
      aivvm.createCompletion('gpt-4', [{ role: 'user', content: 'hi' }], true).pipe(lib.toText())
        .subscribe({ next: resolve, error: reject }));
    const invalid = await new Promise((resolve) =>
      aivvm.createCompletion('gpt-5', [{ role: 'user', content: 'hi' }], true).subscribe({ error: resolve }));
    console.log(JSON.stringify({
      text,
      model: lib.models['gpt-4'].name,
      error: invalid._tag,
      isError: invalid instanceof lib.AivvmError,
      requests: server.requests.length,
    }));
  } finally {
    await server.close();
  }
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('the packed tarball', () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aivvm-rx-pack-'));
    await buildPackage();
    const tarball =
      run('npm', ['pack', '--silent', '--pack-destination', dir], root).trim().split('\n').pop() ?? '';
    const deps: Record<string, string> = { 'aivvm-rx': `file:./${tarball}` };
    for (const peer of ['rxjs', 'fp-ts', 'io-ts', '@types/node', '@angular/core'])
      deps[peer] = ourPackage.devDependencies[peer] ?? '*';
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, dependencies: deps }),
    );
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], dir);
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const expected = {
    text: 'Привет, 世界 👋',
    model: 'GPT-4',
    error: 'UnsupportedModelError',
    isError: true,
    requests: 1,
  };

  it('works from ESM, both entries', () => {
    writeFileSync(
      join(dir, 'esm.mjs'),
      consumer("import * as lib from 'aivvm-rx';\nimport * as testing from 'aivvm-rx/testing';"),
    );
    expect(JSON.parse(run('node', ['esm.mjs'], dir))).toEqual(expected);
  });

  it('works from CommonJS, both entries', () => {
    writeFileSync(
      join(dir, 'cjs.cjs'),
      consumer("const lib = require('aivvm-rx');\nconst testing = require('aivvm-rx/testing');"),
    );
    expect(JSON.parse(run('node', ['cjs.cjs'], dir))).toEqual(expected);
  });

  it('type-checks from TypeScript with nodenext resolution', () => {
    writeFileSync(
      join(dir, 'check.mts'),
      [
        "import { createAivvm, decodeText, type AivvmProvider, type HttpError } from 'aivvm-rx';",
        "import { startAivvmServer, type AivvmServer } from 'aivvm-rx/testing';",
        "import { bufferText, toText } from 'aivvm-rx/operators';",
        "const p: AivvmProvider = createAivvm({ baseURL: 'http://127.0.0.1:1' });",
        "const bytes$ = p.createCompletionBytes(null, [{ role: 'user', content: 'x' }], true).pipe(decodeText());",
        'const s: Promise<AivvmServer> = startAivvmServer();',
        "const status: HttpError['status'] = 500;",
        'const words$ = bytes$.pipe(bufferText(), toText());',
        'export { bytes$, s, status, words$ };',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--target',
      'es2022',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
    ];
    args.push('--lib', 'es2022,dom', 'check.mts');
    expect(() => run('node', [tsc, ...args], dir)).not.toThrow();
  });

  it('type-checks every subpath with the old node10 resolution too (the stub package.json folders)', () => {
    writeFileSync(
      join(dir, 'node10.ts'),
      [
        "import { createAivvm } from 'aivvm-rx';",
        "import { bufferText } from 'aivvm-rx/operators';",
        "import { startAivvmServer } from 'aivvm-rx/testing';",
        "import { provideAivvm } from 'aivvm-rx/angular';",
        "import { createRelay } from 'aivvm-rx/server';",
        'export { createAivvm, bufferText, startAivvmServer, provideAivvm, createRelay };',
      ].join('\n'),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    // skipLibCheck: Angular's own .d.ts files need node16+ resolution; ours are what is checked here.
    const args = [
      '--noEmit',
      '--strict',
      '--skipLibCheck',
      '--module',
      'commonjs',
      '--moduleResolution',
      'node10',
    ];
    args.push('--target', 'es2022', '--lib', 'es2022,dom', 'node10.ts');
    expect(() => run('node', [tsc, ...args], dir)).not.toThrow();
  });

  it('loads aivvm-rx/angular from ESM and CommonJS, sharing the core error classes', () => {
    const probe = (load: string) =>
      `${load}\nconsole.log(JSON.stringify({ provide: typeof ng.provideAivvm, service: typeof ng.AivvmService, ` +
      `shared: new lib.HttpError(500, 'x', '', 'u') instanceof lib.AivvmError }));`;
    writeFileSync(
      join(dir, 'ng.mjs'),
      probe("import * as ng from 'aivvm-rx/angular';\nimport * as lib from 'aivvm-rx';"),
    );
    writeFileSync(
      join(dir, 'ng.cjs'),
      probe("const ng = require('aivvm-rx/angular');\nconst lib = require('aivvm-rx');"),
    );
    const expectedProbe = { provide: 'function', service: 'function', shared: true };
    expect(JSON.parse(run('node', ['ng.mjs'], dir))).toEqual(expectedProbe);
    expect(JSON.parse(run('node', ['ng.cjs'], dir))).toEqual(expectedProbe);
  });

  it('serves a relay from aivvm-rx/server in ESM and CommonJS (the core taken from the installed root entry)', () => {
    const probe = (load: string) =>
      `${load}\nconst relay = server.createRelay({ complete: () => rxjs.of('Hel', 'lo') });\n` +
      `const http = createServer(relay).listen(0, '127.0.0.1', async () => {\n` +
      `  const response = await fetch('http://127.0.0.1:' + http.address().port + '/', { method: 'POST', ` +
      `headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hi' }] }) });\n` +
      `  console.log(JSON.stringify({ status: response.status, body: await response.text() }));\n` +
      `  http.close();\n});`;
    writeFileSync(
      join(dir, 'relay.mjs'),
      probe(
        "import * as server from 'aivvm-rx/server';\nimport * as rxjs from 'rxjs';\nimport { createServer } from 'node:http';",
      ),
    );
    writeFileSync(
      join(dir, 'relay.cjs'),
      probe(
        "const server = require('aivvm-rx/server');\nconst rxjs = require('rxjs');\nconst { createServer } = require('node:http');",
      ),
    );
    const expectedRelay = {
      status: 200,
      body:
        'id: 1\ndata: {"type":"text","text":"Hel"}\n\nid: 2\ndata: {"type":"text","text":"lo"}\n\n' +
        'id: 3\ndata: {"type":"finish","reason":"stop"}\n\n',
    };
    expect(JSON.parse(run('node', ['relay.mjs'], dir))).toEqual(expectedRelay);
    expect(JSON.parse(run('node', ['relay.cjs'], dir))).toEqual(expectedRelay);
  });

  it('loads aivvm-rx/operators from ESM and CommonJS, the same functions as the root entry', () => {
    const probe = (load: string) =>
      `${load}\nconsole.log(JSON.stringify({ names: Object.keys(ops).sort(), ` +
      `same: ops.decodeText === lib.decodeText && ops.bufferText === lib.bufferText }));`;
    writeFileSync(
      join(dir, 'ops.mjs'),
      probe("import * as ops from 'aivvm-rx/operators';\nimport * as lib from 'aivvm-rx';"),
    );
    writeFileSync(
      join(dir, 'ops.cjs'),
      probe("const ops = require('aivvm-rx/operators');\nconst lib = require('aivvm-rx');"),
    );
    const expectedProbe = {
      names: expect.arrayContaining(['accumulateText', 'bufferText', 'decodeText', 'toText']),
      same: true,
    };
    expect(JSON.parse(run('node', ['ops.mjs'], dir))).toEqual(expectedProbe);
    expect(JSON.parse(run('node', ['ops.cjs'], dir))).toEqual(expectedProbe);
  });

  it('keeps every exported class its own name in ESM and CommonJS (name, String(error), stack)', () => {
    const probe = (load: string) =>
      `${load}\nconst renamed = [];\n` +
      `for (const entry of [lib, testing, ops]) for (const [key, value] of Object.entries(entry))\n` +
      `  if (typeof value === 'function' && /^[A-Z]/.test(key) && value.name !== key) renamed.push(key + ' is ' + value.name);\n` +
      `const e = new lib.HttpError(503, 'Busy', '', 'http://h/api/chat');\n` +
      `const f = new lib.FallbackError([e]);\n` +
      `console.log(JSON.stringify({ renamed, name: e.name, text: String(e).split(':')[0], ` +
      `stack: e.stack.split(':')[0], fallback: f.message.includes('HttpError') }));`;
    writeFileSync(
      join(dir, 'names.mjs'),
      probe(
        "import * as lib from 'aivvm-rx';\nimport * as testing from 'aivvm-rx/testing';\nimport * as ops from 'aivvm-rx/operators';",
      ),
    );
    writeFileSync(
      join(dir, 'names.cjs'),
      probe(
        "const lib = require('aivvm-rx');\nconst testing = require('aivvm-rx/testing');\nconst ops = require('aivvm-rx/operators');",
      ),
    );
    const expectedProbe = {
      renamed: [],
      name: 'HttpError',
      text: 'HttpError',
      stack: 'HttpError',
      fallback: true,
    };
    expect(JSON.parse(run('node', ['names.mjs'], dir))).toEqual(expectedProbe);
    expect(JSON.parse(run('node', ['names.cjs'], dir))).toEqual(expectedProbe);
  });

  it('isAivvmError recognises an error of the other build (ESM error, CommonJS check and back)', () => {
    writeFileSync(
      join(dir, 'dual.cjs'),
      [
        "const cjs = require('aivvm-rx');",
        "import('aivvm-rx').then((esm) => {",
        "  const fromEsm = new esm.HttpError(500, 'x', '', 'u');",
        "  const fromCjs = new cjs.TimeoutError('idle', 1, 0, 'u');",
        '  console.log(JSON.stringify({',
        '    esmInCjs: cjs.isAivvmError(fromEsm), cjsInEsm: esm.isAivvmError(fromCjs),',
        "    plain: cjs.isAivvmError(new Error('x')) || esm.isAivvmError({ _tag: 'HttpError' }),",
        "    keys: Object.keys(fromEsm).includes('aivvm-rx.error'), json: JSON.stringify(fromEsm).includes('aivvm'),",
        '  }));',
        '});',
      ].join('\n'),
    );
    expect(JSON.parse(run('node', ['dual.cjs'], dir))).toEqual({
      esmInCjs: true,
      cjsInEsm: true,
      plain: false,
      keys: false,
      json: false,
    });
  });

  it('installs the aivvm-rx bin, which runs from node_modules/.bin', () => {
    const bin = join(dir, 'node_modules', '.bin', 'aivvm-rx');
    expect(run(bin, ['--version'], dir).trim()).toBe(ourPackage.version);
    expect(run(bin, ['--help'], dir)).toContain('Usage: aivvm-rx');
  });

  it('ships only dist and the docs', () => {
    const files = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], root)) as [
      { files: { path: string }[] },
    ];
    const paths = files[0].files.map((f) => f.path);
    expect(
      paths.every((p) =>
        /^(dist\/|((operators|testing|angular|tokenizer|server)\/)?package\.json$|README\.md$|CHANGELOG\.md$|LICENSE$)/.test(
          p,
        ),
      ),
    ).toBe(true);
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.mjs', 'dist/index.d.ts']));
  });
});
