import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { validateCors } from './cors';
import { multilingualText } from './multilingualText';
import { MAX_DELAY_MS } from './replyCodecs';
import { ServeOptionError } from './serveOptionError';
import type { OpenAIReply } from './openai/types';
import { validateReply } from './validateReply';

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
      readonly reply: OpenAIReply;
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

OpenAI route (POST /v1/chat/completions):
  --reasoning <text>         send this reasoning before the answer
  --reasoning-field <name>   its delta field: reasoning_content (default) or reasoning
  --replay <file>            replay a recorded SSE body, cut by --chunk-size or --per-event
  --per-event                write one SSE event per chunk

Server:
  --host <host>              interface to bind (default 127.0.0.1)
  --port <port>              port to bind (default 8787, 0 = any free port)
  --static <dir>             serve the files under <dir> to GET (e.g. a built example app)
  --cors <origin>            answer CORS preflights and allow <origin> ("*" for any)
  --quiet                    do not log requests
  -h, --help                 show this help

Exit codes: 0 stopped (Ctrl+C), 2 a bad option value (named in the message), 1 anything else.
`;

/**
 * Parses the arguments of `npm run server` / `aivvm-rx serve` (without `node` and the script path). Pure: what
 * needs the machine (`--static`'s directory, a free port) is checked when the server starts. Throws a
 * {@link ServeOptionError} whose message names the bad option and says what it expects.
 *
 * @example
 * ```ts
 * parseCliArgs(['--port', '0', '--chunk-size', '1,2', '--text', 'hé']);
 * // { kind: 'serve', host: '127.0.0.1', port: 0, quiet: false, reply: { text: 'hé', chunkSize: [1, 2] } }
 * parseCliArgs(['--chunk-size', '0']); // throws: --chunk-size expects positive integers (bytes per chunk), got "0"
 * ```
 */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], strict: true, allowPositionals: false, options: OPTIONS }));
  } catch (error) {
    throw new ServeOptionError(undefined, error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return { kind: 'help', usage: USAGE };
  if (values.text !== undefined && values.multilingual !== undefined) {
    throw new ServeOptionError('--text', '--text and --multilingual cannot be used together');
  }
  if (values.replay !== undefined) {
    const other = ['text', 'multilingual', 'reasoning', 'reasoning-field', 'body'].find(
      (name) => values[name as keyof typeof values] !== undefined,
    );
    if (other !== undefined)
      throw new ServeOptionError(
        '--replay',
        `--replay sends the recorded body as it is: it cannot be combined with --${other}`,
      );
  }
  if (values['per-event'] === true && values['chunk-size'] !== undefined)
    throw new ServeOptionError(
      '--per-event',
      '--per-event writes one event per chunk: leave out --chunk-size',
    );
  if (values['reasoning-field'] !== undefined && values.reasoning === undefined)
    throw new ServeOptionError('--reasoning-field', '--reasoning-field needs --reasoning <text>');
  if (values.seed !== undefined && values.multilingual === undefined) {
    throw new ServeOptionError('--seed', '--seed only applies to --multilingual: add --multilingual <chars>');
  }

  const reply: OpenAIReply = {};
  if (values.text !== undefined) reply.text = values.text;
  if (values.multilingual !== undefined) {
    reply.text = multilingualText(
      integer('--multilingual', values.multilingual, 0, MAX_MULTILINGUAL, 'characters'),
      integer('--seed', values.seed ?? '1'),
    );
  }
  if (values.endless === true) reply.endless = true;
  if (values['chunk-size'] !== undefined) reply.chunkSize = chunkSizes(values['chunk-size']);
  if (values.delay !== undefined) reply.chunkDelayMs = milliseconds('--delay', values.delay);
  if (values['headers-delay'] !== undefined)
    reply.headersDelayMs = milliseconds('--headers-delay', values['headers-delay']);
  if (values.status !== undefined) reply.status = integer('--status', values.status, 200, 999);
  if (values.reason !== undefined) reply.reason = values.reason;
  if (values.body !== undefined) {
    if (reply.status === undefined || (reply.status >= 200 && reply.status < 300)) {
      throw new ServeOptionError(
        '--body',
        '--body is the body of a non-2xx answer: add --status (e.g. --status 500), or use --text for a 2xx answer',
      );
    }
    reply.body = values.body;
  }
  if (values['close-after'] !== undefined)
    reply.closeAfterBytes = integer('--close-after', values['close-after'], 0, MAX_SAFE, 'bytes');
  if (values['stall-after'] !== undefined)
    reply.stallAfterBytes = integer('--stall-after', values['stall-after'], 0, MAX_SAFE, 'bytes');
  if (values['stall-before-headers'] === true) reply.stallBeforeHeaders = true;
  if (values.reasoning !== undefined) reply.reasoning = values.reasoning;
  if (values['reasoning-field'] !== undefined)
    reply.reasoningField = oneOf('--reasoning-field', values['reasoning-field'], REASONING_FIELDS);
  if (values.replay !== undefined) reply.replay = { file: nonEmpty('--replay', values.replay, 'a file') };
  if (values['per-event'] === true) reply.perEvent = true;
  if (reply.text === undefined && reply.replay === undefined) reply.echo = true;
  try {
    // The replay file is read when the server starts (runServer): this stays pure.
    validateReply(reply.replay === undefined ? reply : { ...reply, replay: { bytes: '' } });
  } catch (error) {
    // A rule between options (none known to reach here today): name the option of the field.
    const field = /^reply\.(\w+)/.exec((error as Error).message)?.[1] ?? '';
    throw new ServeOptionError(
      OPTION_OF[field],
      `${OPTION_OF[field] ?? 'options'}: ${(error as Error).message}`,
    );
  }

  return {
    kind: 'serve',
    host: host(values.host ?? '127.0.0.1'),
    port: integer('--port', values.port ?? '8787', 0, 65_535),
    reply,
    quiet: values.quiet === true,
    ...(values.static === undefined
      ? {}
      : { staticDir: nonEmpty('--static', values.static, 'an existing directory') }),
    ...(values.cors === undefined ? {} : { corsOrigin: corsOrigin(values.cors) }),
  };
}

const OPTIONS = {
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
  reasoning: { type: 'string' },
  'reasoning-field': { type: 'string' },
  replay: { type: 'string' },
  'per-event': { type: 'boolean' },
} as const;
const REASONING_FIELDS = ['reasoning_content', 'reasoning'] as const;

/** The option that sets each reply field, to name it when a rule between fields fails. */
const OPTION_OF: Readonly<Record<string, string>> = {
  text: '--text',
  endless: '--endless',
  chunkSize: '--chunk-size',
  chunkDelayMs: '--delay',
  headersDelayMs: '--headers-delay',
  status: '--status',
  reason: '--reason',
  body: '--body',
  closeAfterBytes: '--close-after',
  stallAfterBytes: '--stall-after',
  encoding: '--encoding',
  reasoning: '--reasoning',
  reasoningField: '--reasoning-field',
  replay: '--replay',
  perEvent: '--per-event',
  echo: '--replay',
};
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
/** `--multilingual` above this would take seconds and gigabytes to generate: a typo, not a test. */
const MAX_MULTILINGUAL = 10_000_000;
const DIGITS = /^\d+$/;
const HOST_NAME =
  /^(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** An integer in `[min, max]`, written in plain digits (no `1e3`, no `0x10`, no sign). */
function integer(option: string, text: string, min = 0, max = MAX_SAFE, unit?: string): number {
  const value = Number(text);
  if (DIGITS.test(text) && Number.isSafeInteger(value) && value >= min && value <= max) return value;
  const range = max === MAX_SAFE ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
  throw new ServeOptionError(
    option,
    `${option} expects ${range}${unit === undefined ? '' : ` (${unit})`}, got ${JSON.stringify(text)}`,
  );
}

function milliseconds(option: string, text: string): number {
  const value = Number(text);
  if (/^\d+(\.\d+)?$/.test(text) && value <= MAX_DELAY_MS) return value;
  throw new ServeOptionError(
    option,
    `${option} expects a number of milliseconds from 0 to ${MAX_DELAY_MS}, got ${JSON.stringify(text)}`,
  );
}

function chunkSizes(text: string): number | number[] {
  const parts = text.split(',');
  if (
    !parts.every(
      (part) => DIGITS.test(part.trim()) && Number(part) >= 1 && Number.isSafeInteger(Number(part)),
    )
  ) {
    throw new ServeOptionError(
      '--chunk-size',
      `--chunk-size expects positive integers (bytes per chunk), got ${JSON.stringify(text)}`,
    );
  }
  const sizes = parts.map(Number);
  return sizes.length === 1 ? (sizes[0] as number) : sizes;
}

/** An IP address (IPv6 with or without brackets) or a host name; never a URL. */
function host(text: string): string {
  const bare = /^\[(.*)\]$/.exec(text)?.[1] ?? text;
  if (isIP(bare) !== 0 || HOST_NAME.test(bare)) return bare;
  throw new ServeOptionError(
    '--host',
    `--host expects an IP address or a host name (e.g. 127.0.0.1, ::1, localhost), got ${JSON.stringify(text)}`,
  );
}

function corsOrigin(text: string): string {
  try {
    validateCors({ origin: text });
    return text;
  } catch {
    throw new ServeOptionError(
      '--cors',
      `--cors expects "*" or an origin such as http://localhost:4200 (scheme, host and port, no path), ` +
        `got ${JSON.stringify(text)}`,
    );
  }
}

function nonEmpty(option: string, text: string, what: string): string {
  if (text.trim() !== '') return text;
  throw new ServeOptionError(option, `${option} expects ${what}, got ""`);
}

function oneOf<const T extends readonly string[]>(option: string, text: string, values: T): T[number] {
  const found = values.find((value) => value === text);
  if (found !== undefined) return found;
  throw new ServeOptionError(
    option,
    `${option} expects one of ${values.join(', ')}, got ${JSON.stringify(text)}`,
  );
}
