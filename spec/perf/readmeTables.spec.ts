/**
 * The README's performance tables are the last full bench run's figures (bench/results.json), not numbers typed
 * by hand: after `npm run bench`, `npx tsx bench/readmeTables.ts` rewrites them, and this spec fails until it has.
 */
import { readFileSync } from 'node:fs';
import type { Entry } from '../../bench/harness';
import { README, readmeTables, RESULTS, withTables } from '../../bench/readmeTables';

const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, Entry>;

describe('README performance tables', () => {
  it('are made from bench/results.json (run `npx tsx bench/readmeTables.ts` after a full bench)', () => {
    const readme = readFileSync(README, 'utf8');
    expect(withTables(readme, results)).toBe(readme);
  });

  it('show each floor row with its measured CPU ratio and its floor', () => {
    const tables = readmeTables(results);
    const row = tables.split('\n').find((line) => line.includes('plain axios stream + `TextDecoder`'));
    const entry = results['concurrencyAxios'];
    expect(entry?.cpuRatio).toBeDefined();
    expect(row).toContain(`| ${(entry?.cpuRatio ?? NaN).toFixed(2)} `);
    expect(row).toContain(`≤ ${(entry?.floor ?? NaN).toFixed(2)}`);
  });

  it('say "missed" next to a floor the run did not meet', () => {
    const missed = {
      ...results,
      toolLoop: { ...(results['toolLoop'] as Entry), value: 9, cpuRatio: 9, pass: false },
    };
    const row = readmeTables(missed)
      .split('\n')
      .find((line) => line.includes('tool loop'));
    expect(row).toMatch(/\| 9\.00 .*\(missed\) \|$/);
  });
});
