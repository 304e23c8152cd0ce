import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Exchange } from './exchange';
import { sendText } from './sendText';

/** Content types by file extension; anything else is `application/octet-stream`. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};
const PLAIN = 'text/plain; charset=utf-8';

/**
 * The content type the static file server sends for a file name.
 *
 * @example
 * ```ts
 * contentTypeOf('main.js'); // 'text/javascript; charset=utf-8'
 * ```
 */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves the real path of a static root, failing with a clear message when it is not a directory.
 *
 * @example
 * ```ts
 * const root = await staticRoot('examples/angular/dist'); // '/work/main/examples/angular/dist'
 * ```
 */
export async function staticRoot(dir: string): Promise<string> {
  const root = await realpath(resolve(dir)).catch(() => undefined);
  if (root === undefined || !(await stat(root)).isDirectory()) {
    throw new TypeError(`staticDir must be an existing directory, got ${JSON.stringify(dir)}`);
  }
  return root;
}

/**
 * Answers a `GET` or `HEAD` for a file under `root` (its real path): `/` and directories give `index.html`; a
 * path that is malformed gives `400`; one that is missing or leaves `root` (`..`, `%2e%2e`, a symbolic link
 * pointing outside) gives `404`. Never rejects.
 *
 * @example
 * ```ts
 * await serveStatic(exchange, '/main.js', root);
 * ```
 */
export async function serveStatic(exchange: Exchange, target: string, root: string): Promise<void> {
  let path: string;
  try {
    path = decodeURIComponent(target.split('?')[0] ?? '/');
  } catch {
    return sendText(exchange, 400, 'Bad Request', PLAIN);
  }
  if (path.includes('\0') || !path.startsWith('/')) return sendText(exchange, 400, 'Bad Request', PLAIN);

  const file = await findFile(root, path);
  if (file === undefined) return sendText(exchange, 404, 'Not Found', PLAIN);
  const body = await readFile(file).catch(() => undefined);
  if (body === undefined) return sendText(exchange, 404, 'Not Found', PLAIN);

  const { res } = exchange;
  if (res.destroyed || res.headersSent) return;
  res.writeHead(200, {
    ...exchange.headers,
    'content-type': contentTypeOf(file),
    'content-length': String(body.length),
    'cache-control': 'no-store',
  });
  const sent = exchange.req.method === 'HEAD' ? Buffer.alloc(0) : body;
  res.end(sent, () => {
    exchange.bytesSent += sent.length;
  });
}

/** The real path of the file to serve, or `undefined` when there is none inside `root`. */
async function findFile(root: string, path: string): Promise<string | undefined> {
  const wanted = resolve(root, `.${path}`);
  if (!inside(root, wanted)) return undefined;
  let real = await realpath(wanted).catch(() => undefined);
  if (real === undefined || !inside(root, real)) return undefined;
  if ((await stat(real).catch(() => undefined))?.isDirectory() === true) {
    real = await realpath(join(real, 'index.html')).catch(() => undefined);
    if (real === undefined || !inside(root, real)) return undefined;
  }
  return (await stat(real).catch(() => undefined))?.isFile() === true ? real : undefined;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
