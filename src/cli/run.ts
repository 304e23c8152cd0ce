import type { Observable } from 'rxjs';
import { runServer } from '../testing/runServer';
import { ServeOptionError } from '../testing/serveOptionError';
import { EXIT_CODES, exitCodeOf } from './exitCodes';
import { UsageError, type AskCommand, type Command, type ModelsCommand } from './parseCommand';
import { providers, type ModelListing, type ProviderOptions } from './providers';
import type { CompletionEvent } from '..';

/** Everything {@link run} touches: the bin passes the process's, specs pass their own. */
export interface CliIo {
  /** `isTTY` true: the answer itself shows progress, so the progress line goes away at the first chunk. */
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  /** `isTTY` true shows a progress line (a terminal); false keeps stderr for errors only (a pipe, a log). */
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  /** Read for the prompt when the arguments have none (unless it is a terminal). */
  readonly stdin: AsyncIterable<Uint8Array | string> & { readonly isTTY?: boolean };
  /** Aborted on Ctrl-C: the request is cancelled (its socket closed) and `run` resolves 130. */
  readonly signal: AbortSignal;
  /** The package version, for `--version`. */
  readonly version: string;
  /** Milliseconds since some origin, for the progress line. */
  readonly now?: () => number;
}

/**
 * Runs a parsed command and resolves with the process exit code; never rejects. Errors are printed on stderr
 * as `aivvm-rx: <message>`; see `EXIT_CODES` for the codes.
 *
 * @example
 * ```ts
 * const code = await run(parseCommand(['Hello'], { AIVVM_BASE_URL: url }), io);
 * ```
 */
export async function run(command: Command, io: CliIo): Promise<number> {
  try {
    switch (command.kind) {
      case 'help':
        io.stdout.write(command.text);
        return EXIT_CODES.ok;
      case 'version':
        io.stdout.write(`${io.version}\n`);
        return EXIT_CODES.ok;
      case 'serve':
        if (command.server.kind === 'help') {
          io.stdout.write(command.server.usage);
          return EXIT_CODES.ok;
        }
        await runServer(command.server, io).catch((error: unknown) => {
          // A value the machine refuses (--static not a directory, --port in use) is a usage error too.
          throw error instanceof ServeOptionError ? new UsageError(error.message) : error;
        });
        return EXIT_CODES.ok;
      case 'models':
        return await listModels(command, io);
      case 'ask':
        return await ask(command, io);
    }
  } catch (error) {
    const apiKey = command.kind === 'ask' || command.kind === 'models' ? command.apiKey : undefined;
    io.stderr.write(`aivvm-rx: ${messageOf(error, apiKey)}\n`);
    return error instanceof UsageError ? EXIT_CODES.usage : exitCodeOf(error);
  }
}

async function ask(command: AskCommand, io: CliIo): Promise<number> {
  const prompt = command.prompt ?? (await readPrompt(io));
  if (prompt.trim() === '') {
    io.stderr.write('aivvm-rx: no prompt: pass it as arguments or on stdin (aivvm-rx --help)\n');
    return EXIT_CODES.usage;
  }
  const answer$ = providers[command.protocol](providerOptions(command)).answer({
    prompt,
    model: command.model,
    system: command.system,
    temperature: command.temperature,
    stream: command.stream,
  });
  const progress = progressLine(io, command.baseURL);
  let chars = 0;
  let last = '';
  let finish: Extract<CompletionEvent, { type: 'finish' }> | undefined;
  const outcome = await drain(answer$, io.signal, (event) => {
    if (event.type === 'finish') {
      finish = event;
      return;
    }
    if (event.type !== 'text') {
      // Reasoning, refusals and whole tool calls are --json lines; the pieces of a call are not (its whole follows).
      if (command.json && event.type !== 'tool-call-delta') {
        progress.beforeOutput();
        io.stdout.write(`${JSON.stringify(event)}\n`);
      }
      return;
    }
    const chunk = event.text;
    chars += codePoints(chunk);
    last = chunk;
    // Erase the progress line before the answer reaches the same terminal, or the erase would take the answer with it.
    progress.beforeOutput();
    if (command.json) io.stdout.write(`${JSON.stringify({ type: 'text', text: chunk })}\n`);
    else io.stdout.write(chunk);
    progress.update(chars);
  });
  progress.clear();
  // A final newline for the shell prompt, unless the answer brought its own.
  if (!command.json && chars > 0 && !last.endsWith('\n')) io.stdout.write('\n');

  if (outcome.kind === 'aborted') {
    if (command.json) io.stdout.write(`${JSON.stringify({ type: 'aborted', chars })}\n`);
    return EXIT_CODES.interrupted;
  }
  if (outcome.kind === 'error') {
    const code = exitCodeOf(outcome.error);
    const message = messageOf(outcome.error, command.apiKey);
    if (command.json) {
      const tag = (outcome.error as { _tag?: unknown })._tag;
      const line = {
        type: 'error',
        error: typeof tag === 'string' ? tag : 'Error',
        message,
        exitCode: code,
        chars,
      };
      io.stdout.write(`${JSON.stringify(line)}\n`);
    }
    io.stderr.write(`aivvm-rx: ${message}\n`);
    return code;
  }
  if (command.json) io.stdout.write(`${JSON.stringify({ type: 'done', chars, ...finishFields(finish) })}\n`);
  return EXIT_CODES.ok;
}

async function listModels(command: ModelsCommand, io: CliIo): Promise<number> {
  const provider = providers[command.protocol](providerOptions(command));
  let listing: ModelListing = { lines: [], json: [] };
  const outcome = await drain(provider.listModels(), io.signal, (models) => (listing = models));
  if (outcome.kind === 'aborted') return EXIT_CODES.interrupted;
  if (outcome.kind === 'error') {
    io.stderr.write(`aivvm-rx: ${messageOf(outcome.error, command.apiKey)}\n`);
    return exitCodeOf(outcome.error);
  }
  if (command.json) io.stdout.write(`${JSON.stringify(listing.json)}\n`);
  else for (const line of listing.lines) io.stdout.write(`${line}\n`);
  return EXIT_CODES.ok;
}

function providerOptions(command: AskCommand | ModelsCommand): ProviderOptions {
  return {
    baseURL: command.baseURL,
    apiKey: command.apiKey,
    idleTimeoutMs: command.kind === 'ask' ? command.idleTimeoutMs : undefined,
  };
}

/** `finishReason` and `usage` for the `done` line, when the protocol reported them (openai, streamed). */
function finishFields(finish: Extract<CompletionEvent, { type: 'finish' }> | undefined): object {
  if (finish === undefined) return {};
  return { finishReason: finish.reason, ...(finish.usage === undefined ? {} : { usage: finish.usage }) };
}

/**
 * An error's message without the API key. The provider already removes it from its errors; this also covers
 * whatever else could fail on the way (the key must never reach a terminal or a log).
 */
function messageOf(error: unknown, apiKey: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return apiKey === undefined || apiKey === '' ? message : message.split(apiKey).join('[redacted]');
}

type Outcome = { kind: 'done' } | { kind: 'aborted' } | { kind: 'error'; error: unknown };

/** Subscribes until the Observable ends or `signal` aborts; aborting unsubscribes, which cancels the request. */
function drain<T>(source$: Observable<T>, signal: AbortSignal, next: (value: T) => void): Promise<Outcome> {
  return new Promise((settle) => {
    if (signal.aborted) return settle({ kind: 'aborted' });
    const subscription = source$.subscribe({
      next,
      error: (error: unknown) => {
        signal.removeEventListener('abort', abort);
        settle({ kind: 'error', error });
      },
      complete: () => {
        signal.removeEventListener('abort', abort);
        settle({ kind: 'done' });
      },
    });
    function abort(): void {
      subscription.unsubscribe();
      settle({ kind: 'aborted' });
    }
    if (!subscription.closed) signal.addEventListener('abort', abort, { once: true });
  });
}

async function readPrompt(io: CliIo): Promise<string> {
  if (io.stdin.isTTY === true) {
    throw new UsageError('no prompt: pass it as arguments or pipe it on stdin (aivvm-rx --help)');
  }
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of io.stdin) {
    text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * A progress line on stderr, only when stderr is a terminal: `… waiting for <url>` until the first chunk, then
 * `… 123 chars, 1.2 s` rewritten in place when stdout goes elsewhere (a file, a pipe). When stdout is the same
 * terminal the answer is its own progress, and the line goes away at the first chunk.
 */
function progressLine(
  io: CliIo,
  url: string,
): { beforeOutput(): void; update(chars: number): void; clear(): void } {
  if (io.stderr.isTTY !== true) {
    return { beforeOutput: () => undefined, update: () => undefined, clear: () => undefined };
  }
  const now = io.now ?? (() => performance.now());
  const started = now();
  let shown = true;
  io.stderr.write(`… waiting for ${url}`);
  const clear = (): void => {
    if (shown) io.stderr.write('\r\x1b[K');
    shown = false;
  };
  return {
    beforeOutput() {
      if (io.stdout.isTTY === true) clear();
    },
    update(chars) {
      if (io.stdout.isTTY === true) return;
      shown = true;
      io.stderr.write(`\r\x1b[K… ${chars} chars, ${((now() - started) / 1000).toFixed(1)} s`);
    },
    clear,
  };
}

/** Characters as a reader counts them (code points): `'👋'` is 1, not its 2 UTF-16 units. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
