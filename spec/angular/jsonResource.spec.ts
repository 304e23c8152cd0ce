/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// jsonResource on rxResource, zoneless, against the local server: partials grow, items arrive checked, value() is
// the decoded answer; with an OpenAI provider the schema goes out as response_format; a wrong answer is error().
import './jsdomGlobals';
import './testBed';
import {
  createEnvironmentInjector,
  EnvironmentInjector,
  Injector,
  provideZonelessChangeDetection,
  runInInjectionContext,
  signal,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { createOpenAICompatible, InvalidResponseError } from '../../src';
import { jsonResource, provideAivvm, type CompletionRequest } from '../../src/angular';
import { openaiReply } from '../../src/testing';
import { useAivvmServer } from '../helpers/server';
import { until } from './signals';

const Sight = t.type({ name: t.string, stars: t.number });
const City = t.type({ name: t.string, sights: t.array(Sight) });
const schema = { type: 'object', properties: { name: { type: 'string' } } };
const oslo = {
  name: 'Oslo',
  sights: [
    { name: 'Operahuset', stars: 5 },
    { name: 'Vigelandsparken', stars: 4 },
  ],
};
const ask: CompletionRequest = { model: 'gpt-4', messages: [{ role: 'user', content: 'Oslo in JSON' }] };

const server = useAivvmServer();

function scope(providers: Parameters<typeof provideAivvm>[0]): EnvironmentInjector {
  TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideAivvm(providers)] });
  return createEnvironmentInjector([], TestBed.inject(EnvironmentInjector));
}

describe('jsonResource', () => {
  it('Aivvm: partials grow, each sight arrives checked, value() is the decoded city', async () => {
    server.current.enqueue({ text: JSON.stringify(oslo), chunkSize: 5 });
    const env = scope({ baseURL: server.current.url, transport: 'node' });
    const asked = signal<CompletionRequest | undefined>(ask);
    const city = runInInjectionContext(env, () =>
      jsonResource(() => asked(), { codec: City, items: ['sights'] }),
    );
    const injector = TestBed.inject(Injector);
    await until(injector, city.status, (s) => s === 'resolved' || s === 'error');
    expect(city.value()).toEqual(oslo);
    expect(city.partial()).toEqual(oslo);
    expect(city.items().map((item) => item.value)).toEqual(oslo.sights.map((sight) => E.right(sight)));
    expect(city.streaming()).toBe(false);
    env.destroy();
  });

  it('OpenAI: the schema is sent as response_format; an answer that does not match is error(), items kept', async () => {
    const bad = { name: 'Oslo', sights: [{ name: 'Operahuset', stars: 'five' }] };
    server.current.enqueue(openaiReply({ text: JSON.stringify(bad), deltaChars: 4 }));
    const provider = createOpenAICompatible({ baseURL: `${server.current.url}/v1`, transport: 'node' });
    const env = scope({ provider });
    const city = runInInjectionContext(env, () =>
      jsonResource(() => ask, { codec: City, items: ['sights'], schema }),
    );
    await until(TestBed.inject(Injector), city.status, (s) => s === 'error');
    expect(server.current.requests[0]?.json).toMatchObject({
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema, strict: true } },
    });
    expect(city.error()).toBeInstanceOf(InvalidResponseError);
    expect((city.error() as InvalidResponseError).issues[0]).toMatchObject({ path: 'sights[0].stars' });
    expect(city.items()).toHaveLength(1);
    expect(E.isLeft(city.items()[0]!.value)).toBe(true);
    expect(city.partial()).toEqual(bad);
    env.destroy();
  });
});
