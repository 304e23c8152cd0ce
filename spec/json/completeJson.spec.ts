/**
 * completeJson against the local server's OpenAI route: the schema goes out as `response_format`, the streamed
 * JSON comes back as partials, items checked as they close and the decoded whole; a refusal is a RefusalError after
 * what arrived; unsubscribing aborts the request.
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { lastValueFrom, toArray } from 'rxjs';
import { completeJson, createOpenAICompatible, RefusalError } from '../../src';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { collect } from '../helpers/collect';

const Sight = t.type({ name: t.string, stars: t.number });
const City = t.type({ name: t.string, sights: t.array(Sight) });
const schema = {
  type: 'object',
  properties: { name: { type: 'string' }, sights: { type: 'array', items: { type: 'object' } } },
  required: ['name', 'sights'],
};
const oslo = {
  name: 'Oslo',
  sights: [
    { name: 'Operahuset', stars: 5 },
    { name: 'Vigelandsparken', stars: 4 },
  ],
};

const server = useAivvmServer();
const ai = () => createOpenAICompatible({ baseURL: `${server.current.url}/v1`, retry: { count: 0 } });
const ask = [{ role: 'user' as const, content: 'Oslo in JSON' }];

describe('completeJson', () => {
  it('sends the schema as response_format and streams partials, checked items and the decoded whole', async () => {
    server.current.enqueue(openaiReply({ text: JSON.stringify(oslo), deltaChars: 3 }));
    const events = await lastValueFrom(
      completeJson(ai(), 'gpt-4o', ask, { codec: City, schema, items: ['sights'], temperature: 0 }).pipe(
        toArray(),
      ),
    );
    expect(server.current.requests[0]?.json).toMatchObject({
      model: 'gpt-4o',
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } },
    });
    const items = events.flatMap((event) => (event.type === 'item' ? [event.value] : []));
    expect(items).toEqual(oslo.sights.map((sight) => E.right(sight)));
    expect(events.filter((event) => event.type === 'partial').length).toBeGreaterThan(3);
    expect(events.at(-1)).toEqual({ type: 'done', value: E.right(oslo) });
  });

  it('a refusal ends with a RefusalError, after the (empty) partials, not an incomplete JSON error', async () => {
    server.current.enqueue(openaiReply({ refusal: "I can't help with that." }));
    const { values, error } = await collect(completeJson(ai(), 'gpt-4o', ask, { codec: City, schema }));
    expect(values).toEqual([]);
    expect(error).toBeInstanceOf(RefusalError);
    expect((error as RefusalError).refusal).toBe("I can't help with that.");
  });
});
