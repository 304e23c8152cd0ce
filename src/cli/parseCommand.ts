import { parseArgs } from 'node:util';
import { parseCliArgs, type CliCommand } from '../testing/parseCliArgs';

/**
 * The wire protocols the CLI speaks. Extension point: an OpenAI-compatible provider adds `'openai'` here and
 * one line in `providers.ts`; `--protocol` accepts whatever this list holds.
 */
export const PROTOCOLS = ['aivvm'] as const;
/** One of {@link PROTOCOLS}. */
export type Protocol = (typeof PROTOCOLS)[number];

/** `aivvm-rx [prompt]`: one completion, streamed to stdout. */
export interface AskCommand {
  readonly kind: 'ask';
  readonly baseURL: string;
  readonly protocol: Protocol;
  /** The prompt from the arguments; `undefined` means read it from stdin. */
  readonly prompt: string | undefined;
  readonly model: string | undefined;
  readonly system: string | undefined;
  readonly temperature: number | undefined;
  /** `false` with `--no-stream`: the answer is printed once, whole. */
  readonly stream: boolean;
  /** `--timeout-idle <ms>`: the longest silence between body bytes. */
  readonly idleTimeoutMs: number | undefined;
  /** `--json`: NDJSON events instead of plain text. */
  readonly json: boolean;
}

/** `aivvm-rx models`: the server's model list. */
export interface ModelsCommand {
  readonly kind: 'models';
  readonly baseURL: string;
  readonly protocol: Protocol;
  readonly json: boolean;
}

/** `aivvm-rx serve [options]`: the local Aivvm server, with `npm run server`'s options. */
export interface ServeCommand {
  readonly kind: 'serve';
  readonly server: CliCommand;
}

/** What a command line asks for. */
export type Command =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'version' }
  | AskCommand
  | ModelsCommand
  | ServeCommand;

/** A command line the CLI cannot run: bad options, no server, no prompt. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** `aivvm-rx --help`. */
export const HELP = `Usage: aivvm-rx [options] [prompt…]     stream an answer to stdout
       aivvm-rx models [options]          list the server's models
       aivvm-rx serve [server options]    run a local Aivvm server (aivvm-rx serve --help)

The prompt is the arguments joined by spaces, or stdin when there are none.

Options:
  --base-url <url>        the server (default: $AIVVM_BASE_URL)
  --protocol <name>       wire protocol: ${PROTOCOLS.join(', ')} (default aivvm)
  -m, --model <id>        model id, e.g. gpt-4 (default gpt-3.5-turbo)
  -s, --system <text>     system message
  -t, --temperature <n>   sampling temperature in [0, 2]
  --no-stream             print the answer once, whole
  --timeout-idle <ms>     fail when the server is silent this long
  --json                  NDJSON events: {"type":"text",…} lines, then one {"type":"done"|"error"|"aborted",…}
  -h, --help              show this help
  -v, --version           print the version

Exit codes: 0 done, 1 unexpected, 2 usage, 3 unsupported model, 4 invalid request, 5 HTTP error,
6 network, 7 timeout, 8 invalid response, 9 decode, 10 response too large, 11 other aivvm-rx error,
130 interrupted (Ctrl-C).

No server? Run \`aivvm-rx serve\` in another terminal, then: aivvm-rx --base-url http://127.0.0.1:8787 "Hello"
`;

const NO_SERVER =
  'no server: pass --base-url <url> or set AIVVM_BASE_URL.\n' +
  'No server of your own? Start a local one with `aivvm-rx serve` (port 8787) and pass ' +
  '--base-url http://127.0.0.1:8787.';

/**
 * Turns the arguments (without `node` and the script) and the environment into a {@link Command}. Pure: no I/O.
 * Throws a {@link UsageError} naming the bad option.
 *
 * @example
 * ```ts
 * parseCommand(['--model', 'gpt-4', 'Hello'], { AIVVM_BASE_URL: 'http://127.0.0.1:8787' });
 * // { kind: 'ask', prompt: 'Hello', model: 'gpt-4', stream: true, … }
 * ```
 */
export function parseCommand(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Command {
  if (args[0] === 'serve') return { kind: 'serve', server: serverArgs(args.slice(1)) };
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: true,
      allowNegative: true,
      options: {
        'base-url': { type: 'string' },
        protocol: { type: 'string' },
        model: { type: 'string', short: 'm' },
        system: { type: 'string', short: 's' },
        temperature: { type: 'string', short: 't' },
        stream: { type: 'boolean', default: true },
        'timeout-idle': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { kind: 'help', text: HELP };
  if (values.version === true) return { kind: 'version' };

  const baseURL = values['base-url'] ?? (env['AIVVM_BASE_URL'] || undefined);
  if (baseURL === undefined) throw new UsageError(NO_SERVER);
  const protocol = protocolOf(values.protocol ?? 'aivvm');
  if (positionals[0] === 'models') {
    if (positionals.length > 1) throw new UsageError(`models takes no arguments, got "${positionals[1]}"`);
    return { kind: 'models', baseURL, protocol, json: values.json };
  }
  return {
    kind: 'ask',
    baseURL,
    protocol,
    prompt: positionals.length > 0 ? positionals.join(' ') : undefined,
    model: values.model,
    system: values.system,
    temperature: values.temperature === undefined ? undefined : number('--temperature', values.temperature),
    stream: values.stream,
    idleTimeoutMs:
      values['timeout-idle'] === undefined ? undefined : number('--timeout-idle', values['timeout-idle']),
    json: values.json,
  };
}

function serverArgs(args: readonly string[]): CliCommand {
  try {
    return parseCliArgs(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function protocolOf(name: string): Protocol {
  const known = PROTOCOLS.find((protocol) => protocol === name);
  if (known === undefined) {
    throw new UsageError(`--protocol: expected one of ${PROTOCOLS.join(', ')}, got "${name}"`);
  }
  return known;
}

function number(option: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${option} expects a number, got "${text}"`);
  }
  return value;
}
