import { createOpenAICompatible, type OpenAIConfig } from '../../src';
import { createRelay, type Relay, type RelayOptions } from '../../src/server';
import type { AivvmServer, RecordedRequest } from '../../src/testing';
import { listen } from './relayHttp';

/** A relay in front of the local server's OpenAI route, listening on 127.0.0.1; `close()` stops both sides. */
export async function startRelay(
  upstream: AivvmServer,
  options: Partial<RelayOptions> = {},
  config: Partial<OpenAIConfig> = {},
): Promise<{ url: string; relay: Relay; close(): Promise<void> }> {
  const ai = createOpenAICompatible({ baseURL: `${upstream.url}/v1`, retry: { count: 0 }, ...config });
  const relay = createRelay({
    complete: (body) => ai.createCompletionEvents(body.model, body.messages),
    ...options,
  });
  const http = await listen(relay);
  return {
    url: http.url,
    relay,
    close: async () => {
      relay.close();
      await http.close();
    },
  };
}

/** The chat requests the local server received (its request log), to count upstream requests. */
export const chatRequests = (upstream: AivvmServer): RecordedRequest[] =>
  upstream.requests.filter((request) => request.path === '/v1/chat/completions');

export const BODY = { model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] };

/** The text of an answer's events. */
export const textOf = (frames: readonly { data?: string; event?: string }[]) =>
  frames
    .filter((frame) => frame.event === undefined && frame.data !== undefined)
    .map((frame) => JSON.parse(frame.data as string) as { type: string; text?: string })
    .filter((event) => event.type === 'text')
    .map((event) => event.text)
    .join('');
