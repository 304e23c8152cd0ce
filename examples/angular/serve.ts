/**
 * Builds the Angular example and serves it with a local Aivvm server that streams a long multilingual answer:
 *
 * ```sh
 * npx tsx examples/angular/serve.ts        # then open the printed URL; Ctrl+C to stop
 * ```
 *
 * `AIVVM_PORT` picks the port (default 8787).
 */
import { join } from 'node:path';
import { multilingualText, startAivvmServer } from '../../src/testing';
import { buildAngularExample } from './build';

async function main(): Promise<void> {
  // artifacts/ is ignored by git, ESLint and Prettier.
  const dir = await buildAngularExample(join(__dirname, '..', '..', 'artifacts', 'angular-example'));
  const server = await startAivvmServer({
    port: Number(process.env['AIVVM_PORT'] ?? 8787),
    staticDir: dir,
    reply: { text: multilingualText(3000), chunkSize: [3, 5, 7], chunkDelayMs: 15 },
  });
  process.stdout.write(`The Angular example is at ${server.url}/ (Ctrl+C to stop)\n`);
  process.once('SIGINT', () => void server.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
