import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ClientRequest,
} from 'node:http';

/** A well-formed `/api/chat` body whose last user message is `content`. */
export function chatBody(content = 'Привет!', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
    messages: [
      { role: 'user', content: 'first question' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content },
    ],
    key: '',
    prompt: 'You are a test.',
    temperature: 0.7,
    ...extra,
  };
}

export interface Sent {
  readonly req: ClientRequest;
  /** Resolves with the response head; rejects when the request fails before it. */
  readonly response: Promise<IncomingMessage>;
}

/**
 * Sends one request with node:http (no agent: one socket per request). `body` is JSON-encoded unless it is a
 * string. Nothing is read yet: use {@link collect} on the response.
 */
export function send(
  url: string,
  path: string,
  body?: unknown,
  options: { method?: string; headers?: Record<string, string> } = {},
): Sent {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const req = httpRequest(`${url}${path}`, {
    method: options.method ?? 'POST',
    agent: false,
    headers: { ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  response.catch(() => undefined);
  req.end(payload);
  return { req, response };
}

/** Sends a chat request with a well-formed body (or the given one). */
export function chat(url: string, body: unknown = chatBody()): Sent {
  return send(url, '/api/chat', body);
}

export interface Collected {
  readonly status: number;
  readonly reason: string;
  readonly headers: IncomingHttpHeaders;
  /** Every 'data' event, in order. */
  readonly chunks: readonly Buffer[];
  readonly body: Buffer;
  readonly text: string;
  /** True when the body ended normally ('end'), false when the connection broke. */
  readonly ended: boolean;
  /** The error the response emitted when the connection broke. */
  readonly error: (Error & { code?: string }) | undefined;
}

/** Reads a response to its end, or to its failure; never rejects. */
export function collect(res: IncomingMessage): Promise<Collected> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: (Error & { code?: string }) | undefined;
    let ended = false;
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => (ended = true));
    res.on('error', (e) => (error = e));
    res.on('close', () => {
      const body = Buffer.concat(chunks);
      resolve({
        status: res.statusCode ?? 0,
        reason: res.statusMessage ?? '',
        headers: res.headers,
        chunks,
        body,
        text: body.toString('utf8'),
        ended,
        error,
      });
    });
  });
}

/** Sends and collects in one go. */
export async function exchange(sent: Sent): Promise<Collected> {
  return collect(await sent.response);
}

/** Resolves once at least `bytes` body bytes were received on `res`, with what was received. */
export function received(res: IncomingMessage, bytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) {
        res.off('data', onData);
        res.pause();
        resolve(Buffer.concat(chunks));
      }
    };
    res.on('data', onData);
    res.once('close', () => reject(new Error(`closed after ${total} of ${bytes} bytes`)));
  });
}
