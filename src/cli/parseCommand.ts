import { parseArgs } from 'node:util';
import { parseCliArgs, type CliCommand } from '../testing/parseCliArgs';

/**
 * The wire protocols the CLI speaks: `--protocol` accepts whatever this list holds, and `providers.ts` has one
 * entry for each.
 */
export const PROTOCOLS = ['aivvm', 'openai'] as const;
/** One of {@link PROTOCOLS}. */
export type Protocol = (typeof PROTOCOLS)[number];

/** `aivvm-rx [prompt]`: one completion, streamed to stdout. */
export interface AskCommand {
  readonly kind: 'ask';
  readonly baseURL: string;
  readonly protocol: Protocol;
  /** `--api-key` or `$OPENAI_API_KEY` (openai only). Never printed. */
  readonly apiKey: string | undefined;
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
  /** `--api-key` or `$OPENAI_API_KEY` (openai only). Never printed. */
  readonly apiKey: string | undefined;
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
       aivvm-rx serve [server options]    run a local server (aivvm-rx serve --help)

The prompt is the arguments joined by spaces, or stdin when there are none.

Options:
  --base-url <url>        the server (default: $AIVVM_BASE_URL; with --protocol openai: $OPENAI_BASE_URL)
  --protocol <name>       wire protocol: ${PROTOCOLS.join(', ')} (default aivvm)
  --api-key <key>         openai: sent as a Bearer token, never printed (default: $OPENAI_API_KEY, which
                          is safer: other users can see arguments in \`ps\`)
  -m, --model <id>        aivvm: a model id, e.g. gpt-4 (default gpt-3.5-turbo);
                          openai: required, any name the server knows (see \`models\`)
  -s, --system <text>     system message
  -t, --temperature <n>   sampling temperature in [0, 2]
  --no-stream             print the answer once, whole
  --timeout-idle <ms>     fail when the server is silent this long
  --json                  NDJSON events: {"type":"text",…} lines, then one {"type":"done"|"error"|"aborted",…}
                          (openai: "done" has the finishReason, and the usage when the server sent it)
  -h, --help              show this help
  -v, --version           print the version

OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio, OpenAI, …): the base URL includes /v1.
  aivvm-rx --protocol openai --base-url http://127.0.0.1:11434/v1 -m llama3.2 "Hello"

Exit codes: 0 done, 1 unexpected, 2 usage, 3 unsupported model, 4 invalid request, 5 HTTP error,
6 network, 7 timeout, 8 invalid response, 9 decode, 10 response too large, 11 other aivvm-rx error,
12 incomplete response (openai: the stream ended without [DONE]), 13 refusal, 14 content filter,
15 tool calls instead of text, 16 unexpected finish reason (openai: after the text), 17 reasoning only, no text,
130 interrupted (Ctrl-C).

No server? Run \`aivvm-rx serve\` in another terminal, then: aivvm-rx --base-url http://127.0.0.1:8787 "Hello"
It answers the OpenAI routes too (/v1/chat/completions, /v1/models):
  aivvm-rx --protocol openai --base-url http://127.0.0.1:8787/v1 -m any-name "Hello"
`;

/** Where each protocol's base URL comes from when `--base-url` is not given. */
const BASE_URL_VARIABLE: Readonly<Record<Protocol, string>> = {
  aivvm: 'AIVVM_BASE_URL',
  openai: 'OPENAI_BASE_URL',
};

const NO_SERVER: Readonly<Record<Protocol, string>> = {
  aivvm:
    'no server: pass --base-url <url> or set AIVVM_BASE_URL.\n' +
    'No server of your own? Start a local one with `aivvm-rx serve` (port 8787) and pass ' +
    '--base-url http://127.0.0.1:8787.',
  openai:
    'no server: pass --base-url <url> or set OPENAI_BASE_URL, with the API prefix ' +
    '(Ollama: http://127.0.0.1:11434/v1, vLLM: http://127.0.0.1:8000/v1).\n' +
    'No server of your own? `aivvm-rx serve` (port 8787) answers the OpenAI routes too: ' +
    'pass --base-url http://127.0.0.1:8787/v1.',
};

const NO_MODEL =
  '--protocol openai needs --model <name>: the server decides which names exist ' +
  '(list them with `aivvm-rx --protocol openai models`).';

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
        'api-key': { type: 'string' },
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

  const protocol = protocolOf(values.protocol ?? 'aivvm');
  const baseURL = values['base-url'] ?? (env[BASE_URL_VARIABLE[protocol]] || undefined);
  if (baseURL === undefined) throw new UsageError(NO_SERVER[protocol]);
  const apiKey = apiKeyOf(protocol, values['api-key'], env);
  if (positionals[0] === 'models') {
    if (positionals.length > 1) throw new UsageError(`models takes no arguments, got "${positionals[1]}"`);
    return { kind: 'models', baseURL, protocol, apiKey, json: values.json };
  }
  if (protocol === 'openai' && values.model === undefined) throw new UsageError(NO_MODEL);
  return {
    kind: 'ask',
    baseURL,
    protocol,
    apiKey,
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

/** The key, for openai only; its value never goes into a message. */
function apiKeyOf(
  protocol: Protocol,
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (protocol !== 'openai') {
    if (option !== undefined)
      throw new UsageError('--api-key is for --protocol openai: Aivvm servers take no key');
    return undefined;
  }
  // `--api-key "$KEY"` with KEY unset: say so rather than send no key and get a 401.
  if (option === '') {
    throw new UsageError('--api-key is empty: pass the key, or leave the option out to use $OPENAI_API_KEY');
  }
  return option ?? (env['OPENAI_API_KEY'] || undefined);
}

function number(option: string, text: string): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${option} expects a number, got "${text}"`);
  }
  return value;
}
