/**
 * The smallest useful program: one streamed completion printed as it arrives.
 * Run: npx tsx examples/node-basic.ts
 */
import { createAivvm } from '../src';
import { startAivvmServer } from '../src/testing';

async function main(): Promise<void> {
  const server = await startAivvmServer({
    reply: { text: 'Hello from a local Aivvm server! 👋', chunkSize: 4 },
  });
  const aivvm = createAivvm({ baseURL: process.env['AIVVM_BASE_URL'] ?? server.url });

  aivvm.createCompletion('gpt-3.5-turbo', [{ role: 'user', content: 'Say hello' }], true).subscribe({
    next: (chunk) => process.stdout.write(chunk),
    error: (error: unknown) => console.error('\nfailed:', error),
    complete: () => {
      process.stdout.write('\n');
      void server.close();
    },
  });
}

void main();
