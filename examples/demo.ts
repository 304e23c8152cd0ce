/**
 * The demo (`npm start`): streams a completion into the terminal as it arrives, with a live progress line.
 *
 *   npm start                                   # against an embedded local Aivvm server
 *   npm start -- "your prompt" --model gpt-4    # the same, with your prompt
 *   AIVVM_BASE_URL=http://host:port npm start -- "your prompt"   # any chatbot-ui-compatible server
 *   npm start -- --protocol openai              # the OpenAI-compatible protocol, against the embedded server
 *   OPENAI_BASE_URL=http://127.0.0.1:11434/v1 npm start -- --protocol openai --model llama3.2   # e.g. Ollama
 *
 * Ctrl-C cancels the request cleanly (the socket is closed) and exits 130.
 */
import { parseArgs } from 'node:util';
import type { Observable } from 'rxjs';
import { createAivvm, createOpenAICompatible, isAivvmError } from '../src';
import { multilingualText, openaiReply, startAivvmServer, type AivvmServer } from '../src/testing';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    model: { type: 'string' },
    protocol: { type: 'string', default: 'aivvm' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (flags.help) {
  process.stdout.write(
    'usage: npm start -- [prompt] [--model <id>] [--protocol aivvm|openai]\n' +
      '  (AIVVM_BASE_URL=… or, with --protocol openai, OPENAI_BASE_URL=… and OPENAI_API_KEY=… for your own server)\n',
  );
  process.exit(0);
}
if (flags.protocol !== 'aivvm' && flags.protocol !== 'openai') {
  process.stderr.write(`--protocol: expected aivvm or openai, got ${JSON.stringify(flags.protocol)}\n`);
  process.exit(2);
}
const openai = flags.protocol === 'openai';

const prompt = positionals.join(' ') || 'Tell me a short story in English, Russian, Chinese and emoji.';
const env = process.env;

async function main(): Promise<number> {
  let server: AivvmServer | undefined;
  let baseURL = env[openai ? 'OPENAI_BASE_URL' : 'AIVVM_BASE_URL'];
  if (!baseURL) {
    // The embedded server answers with a long multilingual text, in chunks that cut inside characters (the
    // OpenAI route sends it as SSE deltas of 3 characters, cut the same way).
    const reply = {
      text: multilingualText(Number(env['AIVVM_DEMO_CHARS'] ?? 2400)),
      chunkSize: [1, 2, 3, 5, 7, 11, 4, 6, 9],
      chunkDelayMs: Number(env['AIVVM_DEMO_DELAY_MS'] ?? 4),
    };
    server = await startAivvmServer({ reply: openai ? openaiReply({ ...reply, deltaChars: 3 }) : reply });
    baseURL = openai ? `${server.url}/v1` : server.url;
  }

  const model = flags.model ?? (openai ? 'llama3.2' : 'gpt-3.5-turbo');
  const messages = [{ role: 'user', content: prompt }] as const;
  const completion$: Observable<string> = openai
    ? createOpenAICompatible({ baseURL, apiKey: env['OPENAI_API_KEY'] }).createCompletion(
        model,
        messages,
        true,
      )
    : createAivvm({ baseURL }).createCompletion(flags.model ?? null, messages, true);
  const progress = createProgressLine();
  const started = performance.now();
  let chars = 0;
  let chunks = 0;
  process.stderr.write(`aivvm-rx demo → ${baseURL} (${flags.protocol}, ${model})\n\n`);

  const outcome = await new Promise<number>((resolve) => {
    const subscription = completion$.subscribe({
      next: (text) => {
        chunks++;
        chars += [...text].length;
        process.stdout.write(text);
        progress.update(chars, performance.now() - started);
      },
      error: (error: unknown) => {
        progress.end();
        process.stderr.write(
          `\n\nerror: ${isAivvmError(error) ? `${error._tag}: ${error.message}` : String(error)}\n`,
        );
        resolve(1);
      },
      complete: () => {
        progress.end();
        resolve(0);
      },
    });
    process.once('SIGINT', () => {
      subscription.unsubscribe();
      progress.end();
      process.stderr.write(`\n\ncancelled after ${chars} characters: the request was aborted.\n`);
      resolve(130);
    });
  });

  const seconds = (performance.now() - started) / 1000;
  if (outcome === 0) {
    process.stderr.write(
      `\n\ndone: ${chars} characters in ${chunks} chunks, ${seconds.toFixed(2)} s, ` +
        `${Math.round(chars / Math.max(seconds, 1e-3))} chars/s\n`,
    );
  }
  await server?.close();
  return outcome;
}

/**
 * A status line pinned to the terminal's last row (a scroll region keeps the streamed text above it).
 * When stderr is not a terminal it prints nothing live: the summary line says it all.
 */
function createProgressLine(): { update(chars: number, ms: number): void; end(): void } {
  const tty = process.stderr.isTTY && process.stdout.isTTY;
  const rows = process.stderr.rows ?? 24;
  let last = 0;
  if (tty) process.stderr.write(`\n\x1b[1;${rows - 1}r\x1b[${rows - 1};1H`);
  return {
    update(chars, ms) {
      if (!tty || ms - last < 80) return;
      last = ms;
      const line = `▸ ${chars} chars · ${(ms / 1000).toFixed(1)} s · ${Math.round((chars * 1000) / Math.max(ms, 1))} chars/s`;
      process.stderr.write(`\x1b7\x1b[${rows};1H\x1b[2K\x1b[7m ${line} \x1b[0m\x1b8`);
    },
    end() {
      // Resetting the scroll region homes the cursor on some terminals: save and restore around it.
      if (tty) process.stderr.write(`\x1b7\x1b[${rows};1H\x1b[2K\x1b[r\x1b8`);
    },
  };
}

// Exit once stdout is flushed: a bare process.exit() can drop output still queued for a pipe (seen on Node 22).
main().then(
  (code) => process.stdout.write('', () => process.exit(code)),
  (error: unknown) => {
    process.stderr.write(`demo failed: ${String(error)}\n`);
    process.exit(1);
  },
);
