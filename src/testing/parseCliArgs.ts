import { parseArgs } from 'node:util';
import { multilingualText } from './multilingualText';
import type { Reply } from './types';

/**
 * What the command line asks for: the usage text, or a server to run.
 *
 * @example
 * ```ts
 * const command: CliCommand = parseCliArgs(process.argv.slice(2));
 * if (command.kind === 'help') process.stdout.write(command.usage);
 * ```
 */
export type CliCommand =
  | { readonly kind: 'help'; readonly usage: string }
  | {
      readonly kind: 'serve';
      readonly host: string;
      readonly port: number;
      readonly reply: Reply;
      readonly quiet: boolean;
      /** Directory whose files `GET` serves (`--static`). */
      readonly staticDir?: string;
      /** Origin allowed by CORS (`--cors`), `'*'` for any. */
      readonly corsOrigin?: string;
    };

/**
 * The `--help` text of `npm run server` and `aivvm-rx serve`.
 *
 * @example
 * ```ts
 * process.stdout.write(USAGE);
 * ```
 */
export const USAGE = `Usage: npm run server -- [options]
   or: aivvm-rx serve [options]

Starts a local Aivvm server (POST /api/chat, POST /api/models) until Ctrl+C.

Answer (default: echo of the last user message):
  --text <string>            answer this text
  --multilingual <chars>     answer a generated multilingual markdown text of at least <chars> characters
  --seed <n>                 seed of --multilingual (default 1)
  --endless                  repeat the answer forever

Chunking and pacing:
  --chunk-size <n[,n…]>      bytes per HTTP chunk, a list is cycled (default 8)
  --delay <ms>               delay between chunks (default 0)
  --headers-delay <ms>       delay before the status line

Status and faults:
  --status <code>            HTTP status (default 200)
  --reason <phrase>          HTTP reason phrase
  --body <string>            body of a non-2xx answer (default "Error")
  --close-after <bytes>      destroy the socket after this many body bytes
  --stall-after <bytes>      stop writing after this many body bytes, never end
  --stall-before-headers     never answer at all

Server:
  --host <host>              interface to bind (default 127.0.0.1)
  --port <port>              port to bind (default 8787, 0 = any free port)
  --static <dir>             serve the files under <dir> to GET (e.g. a built example app)
  --cors <origin>            answer CORS preflights and allow <origin> ("*" for any)
  --quiet                    do not log requests
  -h, --help                 show this help
`;

/**
 * Parses the arguments of `npm run server` / `aivvm-rx serve` (without `node` and the script path). Throws an `Error` whose
 * message names the bad option.
 *
 * @example
 * ```ts
 * parseCliArgs(['--port', '0', '--chunk-size', '1,2', '--text', 'hé']);
 * // { kind: 'serve', host: '127.0.0.1', port: 0, quiet: false, reply: { text: 'hé', chunkSize: [1, 2] } }
 * ```
 */
export function parseCliArgs(args: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      help: { type: 'boolean', short: 'h' },
      host: { type: 'string' },
      port: { type: 'string' },
      quiet: { type: 'boolean' },
      static: { type: 'string' },
      cors: { type: 'string' },
      text: { type: 'string' },
      multilingual: { type: 'string' },
      seed: { type: 'string' },
      endless: { type: 'boolean' },
      'chunk-size': { type: 'string' },
      delay: { type: 'string' },
      'headers-delay': { type: 'string' },
      status: { type: 'string' },
      reason: { type: 'string' },
      body: { type: 'string' },
      'close-after': { type: 'string' },
      'stall-after': { type: 'string' },
      'stall-before-headers': { type: 'boolean' },
    },
  });
  if (values.help === true) return { kind: 'help', usage: USAGE };
  if (values.text !== undefined && values.multilingual !== undefined) {
    throw new Error('--text and --multilingual cannot be used together');
  }

  const reply: Reply = {};
  if (values.text !== undefined) reply.text = values.text;
  if (values.multilingual !== undefined) {
    reply.text = multilingualText(
      integer('--multilingual', values.multilingual),
      integer('--seed', values.seed ?? '1'),
    );
  }
  if (values.endless === true) reply.endless = true;
  if (values['chunk-size'] !== undefined) {
    const sizes = values['chunk-size'].split(',').map((size) => integer('--chunk-size', size));
    reply.chunkSize = sizes.length === 1 ? (sizes[0] as number) : sizes;
  }
  if (values.delay !== undefined) reply.chunkDelayMs = integer('--delay', values.delay);
  if (values['headers-delay'] !== undefined)
    reply.headersDelayMs = integer('--headers-delay', values['headers-delay']);
  if (values.status !== undefined) reply.status = integer('--status', values.status);
  if (values.reason !== undefined) reply.reason = values.reason;
  if (values.body !== undefined) reply.body = values.body;
  if (values['close-after'] !== undefined)
    reply.closeAfterBytes = integer('--close-after', values['close-after']);
  if (values['stall-after'] !== undefined)
    reply.stallAfterBytes = integer('--stall-after', values['stall-after']);
  if (values['stall-before-headers'] === true) reply.stallBeforeHeaders = true;
  if (reply.text === undefined) reply.echo = true;

  return {
    kind: 'serve',
    host: values.host ?? '127.0.0.1',
    port: integer('--port', values.port ?? '8787'),
    reply,
    quiet: values.quiet === true,
    ...(values.static === undefined ? {} : { staticDir: values.static }),
    ...(values.cors === undefined ? {} : { corsOrigin: values.cors }),
  };
}

function integer(option: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${option} expects an integer ≥ 0, got "${text}"`);
  }
  return value;
}
