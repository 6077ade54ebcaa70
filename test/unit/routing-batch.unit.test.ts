import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import { type RoutableOrderInput, type RoutingNodeInput, type RoutingPolicyInput, type RoutingStock, routeBatch, routeOrder } from '../../src/routing';

const ctx = { today: '2026-03-27' };
const order = (id: string, lines: readonly (readonly [string, number])[], priority = 5): RoutableOrderInput => ({
  id,
  channel: 'web',
  priority,
  lines: lines.map(([sku, quantity], i) => ({ id: `l${i + 1}`, sku, quantity })),
});
const st = (s: Record<string, Record<string, number>>) => s as RoutingStock;

describe('routeBatch', () => {
  it('routes urgent orders first and returns plans in input order', () => {
    const nodes: RoutingNodeInput[] = [{ id: 'dc' }];
    const plans = routeBatch([order('low', [['tee', 1]], 1), order('high', [['tee', 1]], 9)], nodes, st({ dc: { tee: 1 } }), {}, ctx);
    expect(plans.map((p) => [p.order, p.status])).toEqual([
      ['low', 'unroutable'],
      ['high', 'complete'],
    ]);
    expect(plans[1]!.trace.rules).toContain('release window: routed 1 of 2 (priority 9)');
    expect(plans[0]!.trace.rules).toContain('release window: routed 2 of 2 (priority 1)');
  });

  it('keeps input order among equal priorities', () => {
    const plans = routeBatch([order('a', [['tee', 1]]), order('b', [['tee', 1]])], [{ id: 'dc' }], st({ dc: { tee: 1 } }), {}, ctx);
    expect(plans.map((p) => p.status)).toEqual(['complete', 'unroutable']);
  });

  it('shares order and unit capacity across the window', () => {
    const nodes: RoutingNodeInput[] = [
      { id: 'small', capacityLeft: { orders: 1 } },
      { id: 'big', rank: 1, capacityLeft: { units: 3 } },
    ];
    const plans = routeBatch(
      [order('a', [['tee', 2]]), order('b', [['tee', 2]]), order('c', [['tee', 2]])],
      nodes,
      st({ small: { tee: 10 }, big: { tee: 10 } }),
      { cost: { perShipment: 1 } },
      ctx,
    );
    expect(plans.map((p) => p.trace.chosen)).toEqual([['small'], ['big'], ['big']]);
    expect(plans.map((p) => p.status)).toEqual(['complete', 'complete', 'partial']);
    expect(plans[2]!.backorders).toEqual([{ line: 'l1', sku: 'tee', quantity: 1 }]);
  });

  it('exchanges stock between orders when routing in turn would split a later order', () => {
    // x holds the only set of both SKUs; y holds another tee at a slightly higher cost.
    const nodes: RoutingNodeInput[] = [
      { id: 'x', costs: { perOrder: 0, perUnit: 0 } },
      { id: 'y', costs: { perOrder: 0.5, perUnit: 0 } },
      { id: 'z', costs: { perOrder: 0, perUnit: 0 } },
    ];
    const stock = st({ x: { tee: 1, cap: 1 }, y: { tee: 1 }, z: { cap: 1 } });
    const policy: RoutingPolicyInput = { cost: { perShipment: 10, splitPenalty: 3 } };
    const orders = [order('early', [['tee', 1]], 9), order('late', [['tee', 1], ['cap', 1]], 1)];

    const early = routeOrder(orders[0]!, nodes, stock, policy, ctx);
    expect(early.trace.chosen).toEqual(['x']);
    const late = routeOrder(orders[1]!, nodes, st({ x: { cap: 1 }, y: { tee: 1 }, z: { cap: 1 } }), policy, ctx);
    expect(late.shipments).toHaveLength(2);
    const inTurn = early.cost.total + late.cost.total;

    const plans = routeBatch(orders, nodes, stock, policy, ctx);
    expect(plans.map((p) => p.trace.chosen)).toEqual([['y'], ['x']]);
    expect(plans[0]!.cost.total + plans[1]!.cost.total).toBeCloseTo(10.5 + 10, 9);
    expect(plans[0]!.cost.total + plans[1]!.cost.total).toBeLessThan(inTurn);
    expect(plans[1]!.trace.rules).toContain('release window: exchanged stock with order early');
    expect(plans[0]!.trace.rules).toContain('release window: exchanged stock with order late');
  });

  it('prices scarce stock ahead, so an early order leaves what a later one needs', () => {
    const nodes: RoutingNodeInput[] = [{ id: 'x' }, { id: 'y', costs: { perOrder: 0.5, perUnit: 0 } }, { id: 'z' }];
    const stock = st({ x: { tee: 1, cap: 1 }, y: { tee: 1 }, z: { cap: 1 } });
    const orders = [order('early', [['tee', 1]], 9), order('late', [['tee', 1], ['cap', 1]], 1)];
    const plans = routeBatch(orders, nodes, stock, { cost: { perShipment: 10, splitPenalty: 3 }, lookAhead: { rounds: 10 } }, ctx);
    expect(plans.map((p) => p.trace.chosen)).toEqual([['y'], ['x']]);
    expect(plans[0]!.trace.rules).toContain('release window: scarce stock priced in 10 rounds; the prices count as opportunity cost');
    // The prices steered the first pass: no exchange was needed.
    expect(plans.flatMap((p) => p.trace.rules).filter((r) => r.includes('exchanged'))).toEqual([]);
    // The prices show as opportunity cost; the cost to serve is the exchange's.
    expect(plans.reduce((sum, p) => sum + p.cost.total - p.cost.opportunity, 0)).toBeCloseTo(20.5, 9);
    expect(plans[1]!.cost.opportunity).toBeGreaterThan(0);
  });

  it('never lets an exchange cost an order units it was served', () => {
    const nodes: RoutingNodeInput[] = [{ id: 'x' }, { id: 'y', costs: { perOrder: 5, perUnit: 0 } }];
    const plans = routeBatch(
      [order('first', [['tee', 2]], 9), order('second', [['tee', 1], ['cap', 1]], 1)],
      nodes,
      st({ x: { tee: 2, cap: 1 }, y: { tee: 1 } }),
      { cost: { perShipment: 10 } },
      ctx,
    );
    expect(plans[0]!.status).toBe('complete');
  });

  it('rejects a window with one order twice, with the path', () => {
    try {
      routeBatch([order('a', [['tee', 1]]), order('a', [['tee', 1]])], [{ id: 'dc' }], st({}), {}, ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]!.path).toEqual(['orders', 1, 'id']);
    }
  });

  it('routes an empty window to no plans', () => {
    expect(routeBatch([], [{ id: 'dc' }], st({}), undefined, ctx)).toEqual([]);
  });
});
