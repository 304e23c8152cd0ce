/**
 * streamJson stops working when its subscriber goes away (found by review): no new partials window is scheduled,
 * and the items of the rest of a big chunk are not decoded.
 */
import * as t from 'io-ts';
import { filter, of, take, toArray, lastValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { streamJson } from '../../src';

describe('streamJson after unsubscribe', () => {
  it('take(1) of items leaves no partials timer scheduled', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const Doc = t.type({ rows: t.array(t.number) });
    const seen: unknown[] = [];
    of('{"rows":[1,2,3')
      .pipe(
        streamJson(Doc, { items: ['rows'], partials: 3000, scheduler }),
        filter((e) => e.type === 'item'),
        take(1),
      )
      .subscribe((event) => seen.push(event));
    expect(seen).toHaveLength(1);
    expect(scheduler.actions).toHaveLength(0);
  });

  it('take(1) of items over one big chunk decodes one item, not 100 000', async () => {
    let decoded = 0;
    const Row = new t.Type<number, number, unknown>(
      'Row',
      t.number.is,
      (u, c) => {
        decoded++;
        return t.number.validate(u, c);
      },
      t.identity,
    );
    const text = JSON.stringify({ rows: Array.from({ length: 100_000 }, (_, i) => i) });
    const items = await lastValueFrom(
      of(text).pipe(
        streamJson(t.type({ rows: t.array(Row) }), { items: ['rows'], partials: false }),
        filter((e) => e.type === 'item'),
        take(1),
        toArray(),
      ),
    );
    expect(items).toHaveLength(1);
    expect(decoded).toBe(1);
  });
});
