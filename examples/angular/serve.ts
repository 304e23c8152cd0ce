/**
 * Builds the Angular example and serves it with a local model server that streams a long multilingual answer,
 * and a relay in front of it that holds the API key:
 *
 * ```sh
 * npx tsx examples/angular/serve.ts        # then open a printed URL; Ctrl+C to stop
 * ```
 *
 * `AIVVM_PORT` picks the port (default 8787). The relay (`?provider=relay`) asks the local server's `/v1` with
 * `OPENAI_API_KEY` (default a made-up local key), or `OPENAI_BASE_URL` (e.g. Ollama's
 * `http://127.0.0.1:11434/v1`) with `MODEL` instead; the page never sees the key.
 */
import { join } from 'node:path';
import { multilingualText } from '../../src/testing';
import { buildAngularExample } from './build';
import { startAngularExample } from './startAngularExample';

async function main(): Promise<void> {
  // artifacts/ is ignored by git, ESLint and Prettier.
  const dir = await buildAngularExample(join(__dirname, '..', '..', 'artifacts', 'angular-example'));
  const env = process.env;
  const example = await startAngularExample({
    dir,
    port: Number(env['AIVVM_PORT'] ?? 8787),
    reply: { text: multilingualText(3000), chunkSize: [3, 5, 7], chunkDelayMs: 15 },
    apiKey: env['OPENAI_API_KEY'] ?? 'sk-local-example-key',
    upstreamURL: env['OPENAI_BASE_URL'],
    model: env['MODEL'],
  });
  process.stdout.write(
    `The Angular example is at ${example.url}/ (Ctrl+C to stop):\n` +
      `  ${example.url}/?provider=relay     through the relay at /api/relay: the key stays on this server\n` +
      `  ${example.url}/                    straight to the local Aivvm server (/api/chat)\n` +
      `  ${example.url}/?protocol=openai    straight to its OpenAI-compatible route (/v1)\n`,
  );
  process.once('SIGINT', () => void example.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
