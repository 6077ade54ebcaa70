import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceGreedy, firstLocation, lineGreedy, priorityGreedy } from '../../bench/baselines/routing';
import { priceAllocation, type RoutableOrderInput, type RoutingNodeInput, type RoutingPlan, type RoutingStock, routeOrder } from '../../src/routing';

const ctx = { today: '2026-03-27' };
const BERLIN = { lat: 52.52, lon: 13.405 };
const MUNICH = { lat: 48.137, lon: 11.575 };
const HAMBURG = { lat: 53.551, lon: 9.993 };
const order = (lines: readonly (readonly [string, number])[]): RoutableOrderInput => ({
  id: 'o',
  channel: 'web',
  shipTo: { geo: MUNICH },
  lines: lines.map(([sku, quantity], i) => ({ id: `l${i + 1}`, sku, quantity })),
});
const st = (s: Record<string, Record<string, number>>) => s as RoutingStock;
const chosen = (p: RoutingPlan) => p.shipments.map((s) => [s.node, s.lines.map((l) => [l.line, l.quantity])]);

describe('routing baselines', () => {
  // Network order: hamburg, berlin, munich; ranks: berlin 0, munich 1, hamburg 2.
  const nodes: RoutingNodeInput[] = [
    { id: 'hamburg', geo: HAMBURG, rank: 2, costs: { perOrder: 1, perUnit: 0 } },
    { id: 'berlin', geo: BERLIN, rank: 0, costs: { perOrder: 1, perUnit: 0 } },
    { id: 'munich', geo: MUNICH, rank: 1, costs: { perOrder: 9, perUnit: 0 } },
  ];
  const stock = st({ hamburg: { tee: 2, cap: 1 }, berlin: { tee: 1, cap: 1 }, munich: { tee: 2, cap: 1 } });
  const policy = { cost: { perShipment: 2, carrier: { perKm: 0.01 } } };
  const o = order([
    ['tee', 2],
    ['cap', 1],
  ]);

  it('first location: the first node in network order holding the whole line', () => {
    expect(chosen(firstLocation(o, nodes, stock, policy, ctx))).toEqual([['hamburg', [['l1', 2], ['l2', 1]]]]);
  });

  it('priority greedy: the best-ranked node fills what it can, then the next', () => {
    expect(chosen(priorityGreedy(o, nodes, stock, policy, ctx))).toEqual([
      ['berlin', [['l1', 1], ['l2', 1]]],
      ['munich', [['l1', 1]]],
    ]);
  });

  it('distance greedy: the nearest node holding the whole line', () => {
    expect(chosen(distanceGreedy(o, nodes, stock, policy, ctx))).toEqual([['munich', [['l1', 2], ['l2', 1]]]]);
  });

  it('line greedy: each line alone to its cheapest node', () => {
    // tee ×2: hamburg (1 + 2 + 6.1) beats munich (9 + 2 + 0.1); cap: berlin (1 + 2 + 5.0) is cheapest alone.
    // Shipments are listed in tie order (rank, then id).
    expect(chosen(lineGreedy(o, nodes, stock, policy, ctx))).toEqual([
      ['berlin', [['l2', 1]]],
      ['hamburg', [['l1', 2]]],
    ]);
    const best = routeOrder(o, nodes, stock, policy, ctx);
    expect(best.cost.total).toBeLessThan(lineGreedy(o, nodes, stock, policy, ctx).cost.total);
  });

  it('honour ship-complete by routing nothing when a rule falls short', () => {
    const plan = firstLocation(order([['tee', 9]]), nodes, stock, { fulfilment: 'ship-complete' }, ctx);
    expect(plan.status).toBe('unroutable');
    expect(firstLocation(order([['tee', 9]]), nodes, stock, {}, ctx).status).toBe('partial');
  });

  it('stay within stock and unit capacity, are costed like any allocation, and never beat the exact router', () => {
    const baselines = [firstLocation, priorityGreedy, distanceGreedy, lineGreedy];
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const world = fc.record({
      nodes: fc.tuple(
        ...ids.map((id) =>
          fc.record({
            id: fc.constant(id),
            geo: fc.record({ lat: fc.double({ min: 46, max: 54, noNaN: true }), lon: fc.double({ min: 6, max: 14, noNaN: true }) }),
            rank: fc.integer({ min: 0, max: 3 }),
            costs: fc.record({ perOrder: fc.integer({ min: 0, max: 8 }), perUnit: fc.integer({ min: 0, max: 2 }) }),
            capacityLeft: fc.record({ units: fc.integer({ min: 1, max: 6 }) }),
          }),
        ),
      ),
      stock: fc.record(Object.fromEntries(ids.map((id) => [id, fc.record({ s0: fc.nat(4), s1: fc.nat(4), s2: fc.nat(4) })]))),
      lines: fc.array(fc.record({ sku: fc.constantFrom('s0', 's1', 's2'), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(world, ({ nodes: network, stock: atp, lines }) => {
        const ord: RoutableOrderInput = { id: 'o', channel: 'web', shipTo: { geo: MUNICH }, lines: lines.map((l, i) => ({ id: `l${i}`, ...l })) };
        const pol = { cost: { perShipment: 5, carrier: { perKm: 0.01 }, splitPenalty: 1 } };
        const best = routeOrder(ord, network, st(atp), pol, ctx);
        for (const baseline of baselines) {
          const plan = baseline(ord, network, st(atp), pol, ctx);
          const taken = new Map<string, number>();
          for (const s of plan.shipments) {
            const node = network.find((n) => n.id === s.node)!;
            expect(s.units).toBeLessThanOrEqual(node.capacityLeft.units);
            for (const l of s.lines) taken.set(`${s.node}/${l.sku}`, (taken.get(`${s.node}/${l.sku}`) ?? 0) + l.quantity);
          }
          for (const [key, units] of taken) {
            const [node, sku] = key.split('/') as [string, 's0' | 's1' | 's2'];
            expect(units).toBeLessThanOrEqual(atp[node as 'a']![sku]);
          }
          const allocation = plan.shipments.flatMap((s) => s.lines.map((l) => ({ node: s.node, line: l.line, quantity: l.quantity })));
          expect(priceAllocation(ord, network, st(atp), allocation, pol, ctx).cost).toEqual(plan.cost);
          const served = (p: RoutingPlan) => p.shipments.reduce((sum, s) => sum + s.units, 0);
          expect(served(best)).toBeGreaterThanOrEqual(served(plan));
          if (served(best) === served(plan)) expect(best.cost.total).toBeLessThanOrEqual(plan.cost.total + 1e-9);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});
