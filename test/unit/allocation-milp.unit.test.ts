import { describe, expect, it } from 'vitest';
import { allocate } from '../../src/allocation';
import { maxValueLp, milpMaxValue } from '../../test/support/milp-allocation';
import { type InstanceShape, randomInstance } from '../../test/support/milp-instances';

/** Max-value against the MILP optimum (HiGHS) on small random instances. */
async function compare(seeds: readonly number[], shape: InstanceShape, quota?: (supply: Record<string, number>) => Record<string, Record<string, number>>) {
  const rows: { seed: number; engine: number; fifo: number; optimum: number; bound: number }[] = [];
  for (const seed of seeds) {
    const { orders, supply } = randomInstance(seed, shape);
    const channelQuota = quota?.(supply);
    const options = channelQuota === undefined ? undefined : { channelQuota };
    const engine = allocate(orders, supply, { rule: 'max-value' }, options);
    const fifo = allocate(orders, supply, { rule: 'fifo' }, options);
    const optimum = await milpMaxValue(orders, supply, { timeLimit: 30, ...(channelQuota === undefined ? {} : { channelQuota }) });
    expect(optimum.optimal).toBe(true);
    rows.push({ seed, engine: engine.value, fifo: fifo.value, optimum: optimum.value, bound: engine.trace.bound ?? Number.POSITIVE_INFINITY });
  }
  return rows;
}

function expectNearOptimal(rows: Awaited<ReturnType<typeof compare>>) {
  for (const r of rows) {
    // Never above the optimum (it is feasible), never above its own bound, and the bound is valid.
    expect(r.engine).toBeLessThanOrEqual(r.optimum * (1 + 1e-9) + 1e-6);
    expect(r.bound).toBeGreaterThanOrEqual(r.optimum * (1 - 1e-9) - 1e-6);
  }
  const near = rows.filter((r) => r.engine >= 0.99 * r.optimum).length;
  expect(near / rows.length).toBeGreaterThanOrEqual(0.9);
  const sum = (k: 'engine' | 'optimum' | 'fifo') => rows.reduce((s, r) => s + r[k], 0);
  expect(sum('engine') / sum('optimum')).toBeGreaterThanOrEqual(0.99);
  expect(sum('engine')).toBeGreaterThan(sum('fifo'));
}

const seeds = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('max-value against the MILP optimum', () => {
  it('ship-complete orders, stock at 60–80% of demand: ≥ 0.99 × optimum on most, never above', async () => {
    expectNearOptimal(await compare(seeds(100, 16), { orders: 60, skus: 10, stock: { min: 0.6, max: 0.8 } }));
  });

  it('tight stock (30–60%) and larger orders', async () => {
    expectNearOptimal(await compare(seeds(200, 10), { orders: 50, skus: 8, stock: { min: 0.3, max: 0.6 }, maxLines: 5, maxQuantity: 6 }));
  });

  it('ship-complete orders mixed with orders that take any units', async () => {
    expectNearOptimal(await compare(seeds(300, 10), { orders: 60, skus: 10, stock: { min: 0.6, max: 0.8 }, shipComplete: 0.5 }));
  });

  it('with channel ring-fences', async () => {
    const quota = (supply: Record<string, number>) => ({
      c0: { s0: Math.floor((supply.s0 ?? 0) / 2), s1: Math.floor((supply.s1 ?? 0) / 3) },
      c1: { s2: Math.floor((supply.s2 ?? 0) / 2) },
    });
    expectNearOptimal(await compare(seeds(400, 10), { orders: 60, skus: 8, stock: { min: 0.6, max: 0.8 }, channels: 3 }, quota));
  });
});

describe('the MILP oracle', () => {
  it('writes ship-complete orders as binaries and other lines as bounded integers', () => {
    const lp = maxValueLp(
      [
        { id: 'a', channel: 'web', placedAt: '2026-03-27T09:00:00Z', shipComplete: true, value: 10, lines: [{ id: 'l1', sku: 'tee', quantity: 2 }] },
        { id: 'b', channel: 'web', placedAt: '2026-03-27T09:01:00Z', lines: [{ id: 'l1', sku: 'tee', quantity: 3, unitValue: 2 }] },
      ],
      { tee: 4 },
      {},
    );
    expect(lp).toContain('+ 10 x0');
    expect(lp).toContain('+ 2 y1_0');
    expect(lp).toContain('0 <= y1_0 <= 3');
    expect(lp).toMatch(/r0: \+ 2 x0 \+ y1_0 <= 4/);
    expect(lp).toMatch(/Binary\n x0/);
  });

  it('solves the hand case: b + c (15) beats a (10)', async () => {
    const order = (id: string, lines: { sku: string; quantity: number }[], value: number) => ({
      id,
      channel: 'web',
      placedAt: '2026-03-27T09:00:00Z',
      shipComplete: true,
      value,
      lines: lines.map((l, j) => ({ id: `l${j}`, ...l })),
    });
    const orders = [order('a', [{ sku: 'tee', quantity: 2 }], 10), order('b', [{ sku: 'tee', quantity: 1 }, { sku: 'mug', quantity: 1 }], 8), order('c', [{ sku: 'tee', quantity: 1 }], 7)];
    expect((await milpMaxValue(orders, { tee: 2, mug: 1 })).value).toBeCloseTo(15, 9);
  });
});
