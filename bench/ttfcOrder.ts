/**
 * Does the order of the interleaved sides move ttfc? `npx tsx bench/ttfcOrder.ts` (after `npm run build`): the
 * ttfc case's sides (bench/cases/ttfc.ts) in several orders, median ours − plain axios in ms for each.
 */
import './useDist';
import { interleave, median } from './harness';
import { prepareTtfc } from './cases/ttfc';
import { globalAgent } from 'node:http';

/** New connections the global agent opened while each side ran (a side that finds no free socket pays a connect). */
const connects: Record<string, number> = {};
let running = '';
const agent = globalAgent as unknown as { createConnection: (...args: unknown[]) => unknown };
const createConnection = agent.createConnection;
agent.createConnection = function (...args: unknown[]) {
  connects[running] = (connects[running] ?? 0) + 1;
  return createConnection.apply(this, args);
};

async function main(): Promise<void> {
  const prepared = await prepareTtfc();
  const all = { ...prepared.sides, ...prepared.peers } as Record<string, () => Promise<number>>;
  const orders: string[][] = [
    ['ours', 'baseline', 'Axios', 'Fetch', 'FromFetch'],
    ['ours', 'Axios'],
    ['Axios', 'ours'],
    ['baseline', 'ours', 'Fetch', 'Axios', 'FromFetch'],
    ['Fetch', 'Axios', 'FromFetch', 'ours'],
    ['ours', 'baseline', 'Axios', 'Fetch', 'FromFetch'], // mixed: see interleave's `mix`
  ];
  for (const [index, order] of orders.entries()) {
    for (const name of order) connects[name] = 0;
    const sides = Object.fromEntries(
      order.map((name) => [
        name,
        () => {
          running = name;
          return all[name]!();
        },
      ]),
    );
    const part = await interleave(sides, {
      repeats: 400,
      warmup: 200,
      measure: 'returned',
      gc: false,
      mix: index === orders.length - 1,
    });
    const ours = median(part.time['ours']!);
    const axios = median(part.time['Axios']!);
    console.log(
      `${(order.join(',') + (index === orders.length - 1 ? ' mixed' : '')).padEnd(46)} ours ${ours.toFixed(3)} axios ${axios.toFixed(3)} diff ${(ours - axios).toFixed(3)} ms; connects ${JSON.stringify(connects)}`,
    );
  }
  await prepared.close();
}

void main();
