import { createOpenAICompatible } from '../../src';
import { createRelay, type Relay } from '../../src/server';

/** Where the example's relay sends answers, and with which key. */
export interface ExampleUpstream {
  /** An OpenAI-compatible base URL, e.g. the local server's `http://127.0.0.1:8787/v1` or Ollama's. */
  readonly baseURL: string;
  /** The API key: it stays in this process, the browser never sees it. */
  readonly apiKey: string;
  /** The model asked for every answer, whatever the page picked; default the page's choice. */
  readonly model?: string | undefined;
}

/**
 * The example app's relay (`createRelay` of `aivvm-rx/server`): the page posts its messages, this server asks
 * the upstream with its own key and streams the events back; a dropped connection resumes from the same, single
 * upstream request. The page only ever holds a stream id and its token.
 *
 * @example
 * ```ts
 * const relay = createExampleRelay({ baseURL: `${server.url}/v1`, apiKey: 'sk-local' });
 * createServer(relay).listen(3000);
 * ```
 */
export function createExampleRelay(upstream: ExampleUpstream): Relay {
  const ai = createOpenAICompatible({ baseURL: upstream.baseURL, apiKey: upstream.apiKey });
  return createRelay({
    // The page's options are not passed on: a public endpoint spends the owner's money on what it allows only.
    complete: (body) => ai.createCompletionEvents(upstream.model ?? body.model, body.messages),
    graceMs: 20_000,
    limits: { maxStreams: 20, maxMessages: 100 },
    onError: (error, streamId) => console.error(`relay stream ${streamId}:`, error),
  });
}
