import { describe, expect, it } from 'vitest';
import { benchApi } from '../../bench/api';
import { benchColdStart } from '../../bench/cold-start';
import { benchDispatchScaling } from '../../bench/dispatch-scaling';
import { benchDispatcherCost } from '../../bench/dispatcher-cost';
import type { BenchResult } from '../../bench/lib/report';
import { benchRender } from '../../bench/render';
import { benchSendRate } from '../../bench/send-rate';

/** Keeps the benchmarks from rotting: each runs on a tiny input and reports its figures. Times are not checked. */
const quick = { quick: true };

function expectFigures(results: BenchResult[], count: number) {
  expect(results).toHaveLength(count);
  for (const result of results) {
    expect(result.figure.length).toBeGreaterThan(10);
    expect(result.target.length).toBeGreaterThan(3);
    expect(Number.isFinite(result.ratio?.value)).toBe(true);
  }
}

describe('the benchmarks still run', () => {
  it('render', async () => expectFigures(await benchRender(quick), 1), 60_000);
  it('cold start: load, and load + first call, of each function', async () => {
    const results = await benchColdStart(quick);
    expectFigures(results, 6);
    expect(results.map((r) => r.name)).toContain('first call: dispatcher');
  }, 120_000);
  it('dispatcher cost, with zero Scans', async () => {
    const [result] = await benchDispatcherCost(quick);
    expectFigures([result as BenchResult], 1);
    expect(result?.figure).toContain('0 Scans');
  }, 60_000);
  it('dispatcher scaling', async () => expectFigures(await benchDispatchScaling(quick), 1), 60_000);
  it('send rate', async () => expectFigures(await benchSendRate(quick), 1), 60_000);
  it('API', async () => {
    const results = await benchApi(quick);
    expectFigures(results, 2);
    for (const result of results) expect(result.figure).toContain('0 errors');
  }, 60_000);
});
