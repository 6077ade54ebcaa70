import { describe, expect, it } from 'vitest';
import { type MilpRoutingCost, milpRoutingBound } from '../../bench/baselines/milp-routing';
import { windowOf } from '../../bench/routing-instances';
import { preparePolicy, routeBatch, routeOrder } from '../../src/routing';
import { milpRoutingOptimum } from '../support/milp-routing';

const CONTEXT = { today: '2026-03-27' };
const COST: MilpRoutingCost = { perShipment: 6, carrier: { base: 3, perKm: 0.004, perKg: 0.3 }, splitPenalty: 2 };
const SHAPE = { nodes: 10, skus: 4, maxLines: 3 } as const;

// The benchmark's MILP (continuous x) is the baseline of `routing.cost_vs_offline_optimum`: it must
// price a routing as the engine does and lose nothing by relaxing x.
describe('bench MILP of a release window', () => {
  it('costs a lone order as routeOrder, exact on small orders, does', async () => {
    const w = windowOf(7_001, { ...SHAPE, orders: 12 });
    const policy = preparePolicy({ cost: COST });
    for (const order of w.orders) {
      const plan = routeOrder(order, w.nodes, w.stock, policy, CONTEXT);
      const milp = await milpRoutingBound([order], w.nodes, w.stock, COST, { timeLimit: 20, relGap: 0 });
      expect(milp.optimal).toBe(true);
      expect(milp.best).toBeCloseTo(plan.cost.total - plan.cost.opportunity, 6);
    }
  });

  it('has the optimum of the model with integer x, and bounds what routeBatch finds', async () => {
    const w = windowOf(7_002, { ...SHAPE, orders: 25 });
    const relaxed = await milpRoutingBound(w.orders, w.nodes, w.stock, COST, { timeLimit: 30, relGap: 0 });
    const integer = await milpRoutingOptimum(w.orders, w.nodes, w.stock, COST, { timeLimit: 30 });
    expect(relaxed.optimal && integer.optimal).toBe(true);
    expect(relaxed.best).toBeCloseTo(integer.cost, 6);
    expect(relaxed.bound).toBeLessThanOrEqual(relaxed.best);
    const plans = routeBatch(w.orders, w.nodes, w.stock, preparePolicy({ cost: COST }), CONTEXT);
    const batch = plans.reduce((sum, p) => sum + p.cost.total - p.cost.opportunity, 0);
    expect(batch).toBeGreaterThanOrEqual(relaxed.bound - 1e-6);
  });
});
