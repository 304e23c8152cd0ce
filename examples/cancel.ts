/**
 * Cancellation is unsubscription: `take`, `takeUntil`, `timeout` or a plain `unsubscribe()` abort the HTTP request
 * and close the socket. Here the server would talk forever; we keep the first 40 characters.
 * Run: npx tsx examples/cancel.ts
 */
import { take } from 'rxjs';
import { accumulateText, createAivvm } from '../src';
import { startAivvmServer } from '../src/testing';

async function main(): Promise<void> {
  const server = await startAivvmServer({
    reply: { text: 'la ', endless: true, chunkSize: 3, chunkDelayMs: 5 },
  });
  const aivvm = createAivvm({ baseURL: server.url });

  const text$ = aivvm
    .createCompletion(null, [{ role: 'user', content: 'Sing' }], true)
    .pipe(accumulateText());
  text$.pipe(take(14)).subscribe({
    next: (soFar) => process.stdout.write(`\r${soFar}`),
    complete: () => process.stdout.write('\n'),
  });

  const [request] = await Promise.all([server.nextRequest()]);
  await request.socketClosed; // resolves because take() unsubscribed, which aborted the request
  console.log(`server: socket closed after ${(await request.closed).bytesSent} bytes`);
  await server.close();
}

void main();
