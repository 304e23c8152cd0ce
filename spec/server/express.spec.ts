/**
 * The relay mounted in Express behind `compression()`: events are not held back until the answer ends, and a
 * body already parsed by `express.json()` is taken as it is.
 */
import compression from 'compression';
import express from 'express';
import { createOpenAICompatible } from '../../src';
import { createRelay } from '../../src/server';
import { multilingualText, openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { BODY, textOf } from './relayFixture';
import { eventsOf, listen, resume, startAnswer } from './relayHttp';

const upstream = useAivvmServer();
const TEXT = multilingualText(300);

function expressRelay(parseJson: boolean) {
  const ai = createOpenAICompatible({ baseURL: `${upstream.current.url}/v1`, retry: { count: 0 } });
  const relay = createRelay({ complete: (body) => ai.createCompletionEvents(body.model, body.messages) });
  const app = express();
  app.use(compression({ threshold: 0 }));
  if (parseJson) {
    app.use(express.json());
    // As a CORS middleware exposing its own header would: the relay adds its headers to the list.
    app.use((_req, res, next) => {
      res.setHeader('access-control-expose-headers', 'x-request-id');
      next();
    });
  }
  app.use('/relay', relay);
  return { relay, app };
}

describe('createRelay in Express', () => {
  it('behind compression(), the first event reaches the client while the upstream is still answering', async () => {
    upstream.current.setReply(openaiReply({ text: TEXT, deltaChars: 4, chunkSize: 128, chunkDelayMs: 10 }));
    const chat = upstream.current.nextRequest('POST /v1/chat/completions');
    const { relay, app } = expressRelay(false);
    const http = await listen(app);
    try {
      const answer = await startAnswer(`${http.url}/relay`, BODY);
      let upstreamEnded = false;
      void (await chat).closed.then(() => (upstreamEnded = true));
      await answer.waitFor(1);
      expect(upstreamEnded).toBe(false);
      expect(answer.headers.get('cache-control')).toBe('no-cache, no-transform');
      const frames = eventsOf(await answer.done);
      expect(textOf(frames)).toBe(TEXT);
      expect(upstreamEnded).toBe(true);
    } finally {
      relay.close();
      await http.close();
    }
  });

  it('mounted under /relay with express.json() first: the parsed body is used and GET /relay/<id> resumes', async () => {
    upstream.current.setReply(openaiReply({ text: 'parsed by express', deltaChars: 3 }));
    const { relay, app } = expressRelay(true);
    const http = await listen(app);
    try {
      const answer = await startAnswer(`${http.url}/relay`, BODY);
      const frames = eventsOf(await answer.done);
      expect(textOf(frames)).toBe('parsed by express');
      expect(answer.headers.get('access-control-expose-headers')).toBe(
        'x-request-id, x-stream-id, x-stream-token',
      );
      const again = await resume(
        `${http.url}/relay`,
        answer.headers.get('x-stream-id') ?? '',
        answer.headers.get('x-stream-token') ?? '',
        1,
      );
      expect(eventsOf(await again.done)).toEqual(frames.slice(1));
      const bad = await startAnswer(`${http.url}/relay`, { model: 1, messages: [] });
      expect(bad.status).toBe(400);
      expect(JSON.parse(bad.body).error.message).toContain('model');
    } finally {
      relay.close();
      await http.close();
    }
  });
});
