/**
 * jsonReply: a JSON value as an answer, whole or cut, on both routes of the local server, read by streamJson.
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { lastValueFrom, toArray } from 'rxjs';
import { createAivvm, createOpenAICompatible, IncompleteResponseError, streamJson } from '../../src';
import { jsonReply } from '../../src/testing';
import { collect } from '../helpers/collect';
import { useAivvmServer } from '../helpers/server';

const Doc = t.type({ title: t.string, rows: t.array(t.number) });
const doc = { title: 'Données 📦', rows: [1, 2, 3, 4, 5] };
const ask = [{ role: 'user' as const, content: 'JSON please' }];
const server = useAivvmServer();

describe('jsonReply', () => {
  it('/api/chat: the value in 1–7 byte chunks, indented, decodes to itself', async () => {
    server.current.enqueue(jsonReply(doc, { indent: 2, chunkSize: [1, 3, 7] }));
    const events = await lastValueFrom(
      createAivvm({ baseURL: server.current.url })
        .createCompletion('gpt-4', ask, true)
        .pipe(streamJson(Doc, { items: ['rows'] }), toArray()),
    );
    expect(events.filter((e) => e.type === 'item')).toHaveLength(5);
    expect(events.at(-1)).toEqual({ type: 'done', value: E.right(doc) });
    expect(server.current.requests).toHaveLength(1);
  });

  it('OpenAI route, cutAt: the first characters, finish length, then an IncompleteResponseError at the cut', async () => {
    server.current.enqueue(jsonReply(doc, { cutAt: 33, deltaChars: 2 }));
    const ai = createOpenAICompatible({ baseURL: `${server.current.url}/v1` });
    const { values, error } = await collect(
      ai.createCompletion('m', ask, true).pipe(streamJson(Doc, { items: ['rows'] })),
    );
    expect(error).toBeInstanceOf(IncompleteResponseError);
    // cutAt counts code points; streamJson's offset counts UTF-16 characters (the 📦 is two).
    const sent = Array.from(JSON.stringify(doc)).slice(0, 33).join('');
    expect((error as IncompleteResponseError).offset).toBe(sent.length);
    expect(values.filter((e) => e.type === 'item')).toHaveLength(2); // '{"title":"Données 📦","rows":[1,2,' closes 1 and 2
    const finish = await lastValueFrom(
      (server.current.enqueue(jsonReply(doc, { cutAt: 3 })), ai.createCompletionEvents('m', ask)).pipe(
        toArray(),
      ),
    );
    expect(finish.at(-1)).toMatchObject({ type: 'finish', reason: 'length' });
  });

  it('refuses what has no JSON form and bad options, naming them', () => {
    expect(() => jsonReply(undefined)).toThrow(/no JSON form/);
    expect(() => jsonReply(doc, { cutAt: -1 })).toThrow(/cutAt must be a whole number/);
    expect(() => jsonReply(doc, { indent: 1.5 })).toThrow(/indent must be a whole number/);
    expect(() => jsonReply(doc, { deltaChars: 0 })).toThrow(/deltaChars/);
  });
});
