import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Geo } from '../../src/domain/primitives';
import { examine } from '../../src/routing/candidates';
import { compareOutcomes, Evaluator, NOTHING, type Outcome } from '../../src/routing/evaluate';
import { RoutingNodes } from '../../src/routing/node';
import { RoutableOrder } from '../../src/routing/order';
import { RoutingPolicy } from '../../src/routing/policy';
import { problemOf } from '../../src/routing/problem';
import { branchAndBound } from '../../src/routing/search';
import { stockReader } from '../../src/routing/stock';
import { dayNumber } from '../../src/domain/dates';
import { type RoutingNodeInput, type RoutingPolicyInput, type RoutingStock, routeOrder } from '../../src/routing';

const TODAY = '2026-03-27';

interface Line {
  id: string;
  sku: string;
  quantity: number;
  weightG?: number | undefined;
}
interface Instance {
  order: { id: string; channel: string; requestedDate?: string | undefined; shipTo: { geo?: Geo | undefined }; lines: Line[] };
  nodes: (RoutingNodeInput & { id: string })[];
  stock: Record<string, Record<string, number>>;
  policy: RoutingPolicyInput;
}

/** Great-circle km, written again here so the test does not lean on the engine's. */
function km(a: Geo | undefined, b: Geo | undefined): number {
  if (!a || !b) return 0;
  const rad = Math.PI / 180;
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Exhaustive enumeration: every integer allocation of every line's units to every eligible node,
 * within stock and unit capacity, costed by the formula; the most units served, then the least
 * cost (ship-complete: all units or nothing).
 */
function enumerate(x: Instance): { served: number; cost: number } {
  const { order, nodes, stock, policy } = x;
  const c0 = policy.cost ?? {};
  const cost = {
    perShipment: c0.perShipment ?? 0,
    splitPenalty: c0.splitPenalty ?? 0,
    latenessPerDay: c0.latenessPerDay ?? 0,
    carrier: { base: c0.carrier?.base ?? 0, perKm: c0.carrier?.perKm ?? 0, perKg: c0.carrier?.perKg ?? 0 },
  };
  const capability = policy.pickupAt ? 'pickup' : (policy.capability ?? 'ship');
  const eligible = nodes.filter(
    (n) =>
      (n.active ?? true) &&
      (n.open ?? true) &&
      (!n.channels || n.channels.includes(order.channel as never)) &&
      (n.capabilities ?? ['ship']).includes(capability) &&
      (n.capacityLeft?.orders ?? 1) >= 1 &&
      (n.capacityLeft?.units ?? 1) >= 1 &&
      (!policy.pickupAt || n.id === policy.pickupAt),
  );
  const lines = order.lines;
  const total = lines.reduce((a, l) => a + l.quantity, 0);
  const x2 = eligible.map(() => lines.map(() => 0));
  let best = { served: -1, cost: Infinity };
  const evaluate = () => {
    let served = 0;
    let c = 0;
    let ships = 0;
    eligible.forEach((n, i) => {
      const row = x2[i]!;
      const units = row.reduce((a, b) => a + b, 0);
      if (units === 0) return;
      ships++;
      const kg = row.reduce((a, q, l) => a + q * (lines[l]!.weightG ?? 0), 0) / 1000;
      const carrier = policy.pickupAt ? 0 : cost.carrier.base + cost.carrier.perKm * km(n.geo, order.shipTo.geo) + cost.carrier.perKg * kg;
      const opportunity = row.reduce((a, q, l) => a + q * ((policy.opportunityCost as Record<string, Record<string, number>> | undefined)?.[n.id]?.[lines[l]!.sku] ?? 0), 0);
      const late = order.requestedDate && n.deliveryDays !== undefined ? Math.max(0, dayNumber(TODAY) + n.deliveryDays - dayNumber(order.requestedDate)) : 0;
      const credit = n.id === policy.preferredNode ? (policy.preferredDiscount ?? 0) : 0;
      c += cost.perShipment + (n.costs?.perOrder ?? 0) + carrier + (n.costs?.perUnit ?? 0) * units + opportunity + cost.latenessPerDay * late - credit;
      served += units;
    });
    if (policy.maxShipments !== undefined && ships > policy.maxShipments) return;
    c += cost.splitPenalty * Math.max(0, ships - 1);
    if (policy.fulfilment === 'ship-complete' && served < total) {
      served = 0;
      c = 0;
    }
    if (served > best.served || (served === best.served && c < best.cost - 1e-9)) best = { served, cost: c };
  };
  const taken = eligible.map(() => new Map<string, number>());
  const unitsAt = eligible.map(() => 0);
  const fill = (l: number, i: number, left: number): void => {
    if (l === lines.length) {
      evaluate();
      return;
    }
    if (i === eligible.length) {
      fill(l + 1, 0, lines[l + 1]?.quantity ?? 0);
      return;
    }
    const n = eligible[i]!;
    const sku = lines[l]!.sku;
    const room = Math.min(left, (stock[n.id]?.[sku] ?? 0) - (taken[i]!.get(sku) ?? 0), (n.capacityLeft?.units ?? Infinity) - unitsAt[i]!);
    for (let q = 0; q <= room; q++) {
      x2[i]![l] = q;
      taken[i]!.set(sku, (taken[i]!.get(sku) ?? 0) + q);
      unitsAt[i]! += q;
      fill(l, i + 1, left - q);
      taken[i]!.set(sku, taken[i]!.get(sku)! - q);
      unitsAt[i]! -= q;
      x2[i]![l] = 0;
    }
  };
  fill(0, 0, lines[0]!.quantity);
  return best;
}

const geo = fc.option(fc.record({ lat: fc.double({ min: 45, max: 55, noNaN: true }), lon: fc.double({ min: 5, max: 15, noNaN: true }) }), { nil: undefined });
const money = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((v) => v / 4);
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number) => fc.integer({ min: 1, max: oneIn }).chain((v) => (v === 1 ? arb : fc.constant(undefined)));

/** Tiny orders over tiny networks, with every rule in play: scarce stock, capacity, credits, pickup, lateness, weights. */
function instances(maxLines: number, maxNodes: number, maxQty: number, minNodes = 1): fc.Arbitrary<Instance> {
  return fc
    .record({ nLines: fc.integer({ min: 1, max: maxLines }), nSkus: fc.integer({ min: 1, max: 3 }), nNodes: fc.integer({ min: minNodes, max: maxNodes }) })
    .chain(({ nLines, nSkus, nNodes }) => {
      const skus = Array.from({ length: nSkus }, (_, i) => `s${i}`);
      const ids = Array.from({ length: nNodes }, (_, i) => `n${i}`);
      const line = (i: number) =>
        fc.record({ id: fc.constant(`l${i}`), sku: fc.constantFrom(...skus), quantity: fc.integer({ min: 1, max: maxQty }), weightG: fc.option(fc.integer({ min: 0, max: 2000 }), { nil: undefined }) });
      const node = (id: string) =>
        fc.record({
          id: fc.constant(id),
          geo,
          rank: fc.integer({ min: 0, max: 2 }),
          costs: fc.record({ perOrder: money(5), perUnit: money(2) }),
          capabilities: fc.constantFrom(['ship' as const], ['ship' as const], ['ship' as const], ['ship' as const, 'pickup' as const], ['pickup' as const]),
          active: fc.integer({ min: 0, max: 9 }).map((v) => v > 0),
          open: fc.integer({ min: 0, max: 9 }).map((v) => v > 0),
          capacityLeft: sometimes(fc.record({ units: fc.integer({ min: 0, max: 6 }), orders: fc.integer({ min: 0, max: 9 }).map((v) => (v > 0 ? 3 : 0)) }), 2),
          deliveryDays: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
        });
      return fc.record({
        order: fc.record({
          id: fc.constant('o1'),
          channel: fc.constant('web'),
          requestedDate: fc.option(fc.constantFrom('2026-03-28', '2026-03-30'), { nil: undefined }),
          shipTo: fc.record({ geo }),
          lines: fc.tuple(...Array.from({ length: nLines }, (_, i) => line(i))),
        }),
        nodes: fc.tuple(...ids.map(node)),
        stock: fc.record(Object.fromEntries(ids.map((id) => [id, fc.record(Object.fromEntries(skus.map((s) => [s, fc.integer({ min: 0, max: 3 })])))]))),
        policy: fc.record({
          fulfilment: fc.constantFrom('ship-complete' as const, 'ship-available' as const, 'ship-available' as const),
          maxShipments: sometimes(fc.integer({ min: 1, max: 3 }), 3),
          preferredNode: sometimes(fc.constantFrom(...ids), 2),
          preferredDiscount: money(8),
          cost: fc.record({
            perShipment: money(6),
            splitPenalty: money(3),
            latenessPerDay: money(2),
            carrier: fc.record({ base: money(3), perKm: fc.integer({ min: 0, max: 4 }).map((v) => v / 200), perKg: money(2) }),
          }),
          opportunityCost: sometimes(fc.constant(Object.fromEntries(ids.map((id, i) => [id, Object.fromEntries(skus.map((s, j) => [s, ((i + j) % 3) * 0.5]))]))), 3),
          pickupAt: sometimes(fc.constantFrom(...ids), 12),
        }),
      }) as unknown as fc.Arbitrary<Instance>;
    });
}

/** Drops keys whose value is undefined (the schemas are exact about optional fields). */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

describe('exact routing equals exhaustive enumeration', () => {
  it('on 1,500 random small orders (≤ 3 lines, ≤ 4 nodes, every rule in play)', () => {
    const seen = { orders: 0, split: 0, capacityBinds: 0, credited: 0, partial: 0, complete: 0, unroutable: 0 };
    fc.assert(
      fc.property(instances(3, 4, 4), (raw) => {
        const x = clean(raw);
        const plan = routeOrder(x.order, x.nodes, x.stock as RoutingStock, x.policy, { today: TODAY });
        const truth = enumerate(x);
        const served = plan.shipments.reduce((a, s) => a + s.units, 0);
        expect(plan.trace.search.method).toBe('exact');
        expect(served).toBe(truth.served);
        expect(plan.cost.total).toBeCloseTo(truth.cost, 6);
        seen.orders++;
        seen[plan.status]++;
        if (plan.shipments.length > 1) seen.split++;
        if (plan.trace.rules.some((r) => r.startsWith('unit capacity binds'))) seen.capacityBinds++;
        if (plan.cost.preferred < 0) seen.credited++;
      }),
      { numRuns: 1500, seed: 20260327 },
    );
    expect(seen.orders).toBe(1500);
    // The generator reaches every case the search must get right.
    expect(Math.min(seen.split, seen.capacityBinds, seen.credited, seen.partial, seen.complete, seen.unroutable)).toBeGreaterThan(30);
  });

  it('on 300 random orders of up to 6 lines × 10 nodes, the branch and bound finds the best of all 2^n node sets', () => {
    const sizes: number[] = [];
    fc.assert(
      fc.property(instances(6, 10, 3, 6), (raw) => {
        // Mostly eligible nodes, so the sets are many.
        const x = clean(raw);
        delete x.policy.pickupAt;
        x.nodes = x.nodes.map((n, i) => ({ ...n, active: true, open: true, capabilities: ['ship'], ...(i % 3 === 0 ? {} : { capacityLeft: undefined }) }));
        x.nodes = clean(x.nodes);
        const order = RoutableOrder.parse(x.order);
        const nodes = RoutingNodes.parse(x.nodes);
        const policy = RoutingPolicy.parse(x.policy);
        const ex = examine(order, nodes, stockReader(x.stock as RoutingStock, nodes, 'test'), policy, dayNumber(TODAY));
        const p = problemOf(ex, ex.candidates, order.lines.map((l) => l.quantity), policy.cost.carrier.perKg, policy.cost.splitPenalty, 0, policy.maxShipments ?? 1e9);
        const searched = branchAndBound(p, 1e9);
        const ev = new Evaluator(p);
        let best: Outcome = NOTHING;

        const m = p.cands.length;
        for (let mask = 1; mask < 1 << m; mask++) {
          const members = [...Array(m).keys()].filter((i) => mask & (1 << i));
          if (members.length > p.maxShips) continue;
          const o = ev.evaluate(members);
          if (compareOutcomes(o, best) < 0) best = o;
        }
        sizes.push(m);
        expect(searched.method).toBe('exact');
        expect(searched.best.served).toBe(best.served);
        expect(searched.best.cost).toBeCloseTo(best.cost, 9);
        // Ties are broken the same way: fewest shipments, then tie order.
        expect(searched.best.used).toEqual(best.used);
      }),
      { numRuns: 300, seed: 7 },
    );
    expect(sizes.filter((m) => m >= 6).length).toBeGreaterThan(100);
  });
});
