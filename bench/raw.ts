/**
 * The baselines: what a careful hand-written client does with bare `node:http`, and the seed's per-chunk
 * decoding. They send the very same request as the library (body and headers), so only the client differs.
 */
import type { AxiosInstance } from 'axios';
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { buildHttpRequest, createAivvm, type AivvmProvider, type HttpRequest, type Messages } from '../src';

export const MODEL = 'gpt-3.5-turbo';
export const MESSAGES: Messages = [{ role: 'user', content: 'Write a long answer, please.' }];

/** The library's own `/api/chat` request for {@link MESSAGES}, to send byte for byte from the baselines. */
export function chatRequest(baseURL: string): HttpRequest {
  return buildHttpRequest(
    '/api/chat',
    {
      model: { id: MODEL, name: 'GPT-3.5' },
      messages: MESSAGES,
      key: '',
      prompt:
        "You are ChatGPT, a large language model trained by OpenAI. Follow the user's instructions carefully. Respond using markdown.",
      temperature: 0.7,
    },
    { baseURL },
  );
}

/**
 * A provider for a local server with the library's defaults (timeouts, retries), except the response size limit
 * (16 MiB by default), raised for the big bodies of the benchmark.
 */
export function provider(baseURL: string, axios?: AxiosInstance): AivvmProvider {
  const config = { baseURL, transport: 'node', maxResponseBytes: 2 ** 40 } as const;
  return createAivvm(axios === undefined ? config : { ...config, axios });
}

/** Sends the request with `node:http` and resolves with the response head. */
export function rawResponse(request: HttpRequest, agent?: Agent): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(request.url, {
      method: 'POST',
      headers: request.headers,
      ...(agent === undefined ? {} : { agent }),
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end(request.body);
  });
}

/** Baseline of the streaming cases: one streaming `TextDecoder` and string concatenation. */
export async function rawText(request: HttpRequest, agent?: Agent): Promise<string> {
  const res = await rawResponse(request, agent);
  return new Promise((resolve, reject) => {
    const decoder = new TextDecoder();
    let text = '';
    res.on('data', (chunk: Buffer) => {
      text += decoder.decode(chunk, { stream: true });
    });
    res.once('end', () => resolve(text + decoder.decode()));
    res.once('error', reject);
    res.once('close', () => {
      if (!res.complete) reject(new Error('response closed before its end'));
    });
  });
}

/** Baseline of ttfc: milliseconds from the call to the first `'data'` event (the body is then drained). */
export async function rawFirstData(request: HttpRequest, agent?: Agent): Promise<number> {
  const started = performance.now();
  const res = await rawResponse(request, agent);
  return new Promise((resolve, reject) => {
    let first: number | undefined;
    res.on('data', () => {
      first ??= performance.now() - started;
    });
    res.once('end', () => (first === undefined ? reject(new Error('empty body')) : resolve(first)));
    res.once('error', reject);
  });
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The seed's decoding, chunk by chunk: Python's `chunk.decode('utf-8')`, and on a `UnicodeDecodeError`
 * `chunk.decode('unicode-escape')`. Without backslashes in the bytes (our texts have none: checked),
 * `unicode-escape` maps every byte to the code point of the same value, i.e. Latin-1.
 */
export function seedDecode(chunk: Uint8Array): { text: string; failed: boolean } {
  try {
    return { text: fatalUtf8.decode(chunk), failed: false };
  } catch {
    if (chunk.includes(0x5c)) throw new Error('seedDecode: unicode-escape of a backslash is not emulated');
    return {
      text: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1'),
      failed: true,
    };
  }
}
