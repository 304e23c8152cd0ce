/**
 * streamJson over a real completion: the local Aivvm server streams a JSON document in 1, 3 and 7-byte chunks
 * (cutting multi-byte characters), the client decodes it and streamJson parses it.
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { lastValueFrom, toArray } from 'rxjs';
import { createAivvm, NetworkError, streamJson, type StreamJsonEvent } from '../../src';
import { useAivvmServer } from '../helpers/server';
import { isPrefixOf } from './jsonHelpers';

const Product = t.type({ id: t.number, name: t.string, price: t.number, tags: t.array(t.string) });
const Catalog = t.type({ title: t.string, products: t.array(Product) });
type Catalog = t.TypeOf<typeof Catalog>;

const catalog: Catalog = {
  title: 'Каталог — 目录 — 📦',
  products: Array.from({ length: 30 }, (_, i) => ({
    id: i,
    name: `Produit n°${i} «${'😀'.repeat(i % 3)}»`,
    price: Math.round(i * 137.5) / 100,
    tags: i % 2 === 0 ? ['even', 'чётный'] : ['odd'],
  })),
};
const text = JSON.stringify(catalog, null, 2);

const server = useAivvmServer({ reply: { text, chunkSize: [1, 3, 7] } });
const ask = () =>
  createAivvm({ baseURL: server.current.url }).createCompletion(
    'gpt-4',
    [{ role: 'user', content: 'The catalog as JSON, please.' }],
    true,
  );

describe('streamJson on a completion from the local server', () => {
  it('partials grow to the whole document, each product arrives decoded, done is the catalog', async () => {
    const events = await lastValueFrom(ask().pipe(streamJson(Catalog, { items: ['products'] }), toArray()));
    const partials = events.flatMap((event) => (event.type === 'partial' ? [event.value] : []));
    const items = events.filter((event) => event.type === 'item');
    expect(partials.length).toBeGreaterThan(30);
    expect(partials.at(-1)).toEqual(catalog);
    for (let i = 1; i < partials.length; i++) expect(isPrefixOf(partials[i - 1], partials[i])).toBe(true);
    expect(items.map((item) => item.value)).toEqual(catalog.products.map((product) => E.right(product)));
    expect(events.at(-1)).toEqual({ type: 'done', value: E.right(catalog) });
  });

  it('a connection cut mid-document: the partials and products so far, then the NetworkError', async () => {
    const cutAt = Buffer.byteLength(text.slice(0, text.indexOf('"id": 12')));
    server.current.setReply({ text, chunkSize: [1, 3, 7], closeAfterBytes: cutAt });
    const events: StreamJsonEvent<typeof Catalog, 'products'>[] = [];
    const error = await new Promise<unknown>((resolve) => {
      ask()
        .pipe(streamJson(Catalog, { items: ['products'] }))
        .subscribe({
          next: (event) => events.push(event),
          error: resolve,
          complete: () => resolve(undefined),
        });
    });
    expect(error).toBeInstanceOf(NetworkError);
    expect(events.filter((event) => event.type === 'item')).toHaveLength(12);
    expect(events.some((event) => event.type === 'done')).toBe(false);
    const last = events.filter((event) => event.type === 'partial').at(-1)?.value;
    // The 13th product had opened: it shows as {} (its "id" had not started).
    expect(last?.products).toHaveLength(13);
    expect(last?.products?.[12]).toEqual({});
  });
});
