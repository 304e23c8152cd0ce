/**
 * Shared by the relay examples when run on their own: an upstream (UPSTREAM_URL, else the embedded local server
 * answering a slow multilingual text), the example started on PORT (default 3000), and one line
 * `relay listening on <url>` on stdout once it listens.
 */
import { multilingualText, openaiReply, startAivvmServer } from '../src/testing';

/** A started example: where the relay listens, and how to stop it. */
export interface StartedRelay {
  /** The relay's base URL: `POST <url>/`, `GET <url>/<id>`, `DELETE <url>/<id>`. */
  readonly url: string;
  /** Stops the answers and the server. */
  close(): Promise<void>;
}

export async function runRelayExample(
  start: (port: number, upstreamBaseURL: string) => Promise<StartedRelay>,
): Promise<void> {
  let upstream = process.env['UPSTREAM_URL'];
  if (upstream === undefined) {
    const server = await startAivvmServer({
      reply: openaiReply({ text: multilingualText(2_000), deltaChars: 6, chunkSize: 200, chunkDelayMs: 10 }),
    });
    upstream = `${server.url}/v1`;
  }
  const relay = await start(Number(process.env['PORT'] ?? 3000), upstream);
  process.stdout.write(`relay listening on ${relay.url}\n`);
}
