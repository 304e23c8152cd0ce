/**
 * Issue 15 point 1 (Node half; the Chromium half is spec/browser/cancelledSameTick.spec.ts): a request
 * cancelled in the tick it was started in never leaves, whatever the transport.
 */
import { lastValueFrom } from 'rxjs';
import { createAivvm } from '../../src';
import { useAivvmServer } from '../helpers/server';

const hello = [{ role: 'user', content: 'a private prompt' }] as const;

describe.each(['node', 'fetch'] as const)('the %s transport', (transport) => {
  const server = useAivvmServer();

  it('sends none of 100 requests unsubscribed in the same tick they were subscribed', async () => {
    const aivvm = createAivvm({ baseURL: server.current.url, transport });
    server.current.setReply({ echo: true });
    for (let i = 0; i < 100; i++) aivvm.createCompletion(null, hello, true).subscribe().unsubscribe();
    // A request sent afterwards, awaited to its end: any cancelled request that left would have arrived too.
    await expect(
      lastValueFrom(aivvm.createCompletion(null, [{ role: 'user', content: 'control' }], false)),
    ).resolves.toBe('control');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      server.current.requests.map(
        (r) => (r.json as { messages: { content: string }[] }).messages[0]?.content,
      ),
    ).toEqual(['control']);
  });
});
