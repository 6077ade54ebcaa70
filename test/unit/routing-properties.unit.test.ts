import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type RoutableOrderInput,
  type RoutingNodeInput,
  type RoutingPlan,
  type RoutingPolicyInput,
  type RoutingStock,
  routeBatch,
  routeOrder,
} from '../../src/routing';

const ctx = { today: '2026-03-27' };
const SKUS = ['s0', 's1', 's2', 's3'];

interface World {
  nodes: (RoutingNodeInput & { id: string })[];
  stock: Record<string, Record<string, number>>;
  policy: RoutingPolicyInput;
}

const money = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((v) => v / 4);
const maybe = <T>(arb: fc.Arbitrary<T>, oneIn: number) => fc.integer({ min: 1, max: oneIn }).chain((v) => (v === 1 ? arb : fc.constant(undefined)));

const nodeArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    geo: fc.option(fc.record({ lat: fc.double({ min: 45, max: 55, noNaN: true }), lon: fc.double({ min: 5, max: 15, noNaN: true }) }), { nil: undefined }),
    rank: fc.integer({ min: 0, max: 3 }),
    costs: fc.record({ perOrder: money(4), perUnit: money(1) }),
    capabilities: fc.subarray(['ship', 'pickup', 'ship-from-store'] as const, { minLength: 1 }),
    channels: maybe(fc.subarray(['web', 'pos'], { minLength: 1 }), 4),
    active: fc.integer({ min: 0, max: 7 }).map((v) => v > 0),
    open: fc.integer({ min: 0, max: 7 }).map((v) => v > 0),
    capacityLeft: maybe(fc.record({ orders: fc.integer({ min: 0, max: 4 }), units: fc.integer({ min: 0, max: 8 }) }, { requiredKeys: [] }), 2),
    deliveryDays: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
  });

const worldArb: fc.Arbitrary<World> = fc.integer({ min: 1, max: 8 }).chain((n) => {
  const ids = Array.from({ length: n }, (_, i) => `n${i}`);
  return fc.record({
    nodes: fc.tuple(...ids.map(nodeArb)),
    stock: fc.record(Object.fromEntries(ids.map((id) => [id, fc.record(Object.fromEntries(SKUS.map((s) => [s, fc.integer({ min: 0, max: 5 })])))]))),
    policy: fc.record(
      {
        fulfilment: fc.constantFrom('ship-complete' as const, 'ship-available' as const),
        maxShipments: fc.integer({ min: 1, max: 4 }),
        pickupAt: fc.constantFrom(...ids),
        preferredNode: fc.constantFrom(...ids),
        preferredDiscount: money(6),
        nodeRank: fc.constantFrom('tie-break' as const, 'hard' as const),
        capability: fc.constantFrom('ship' as const, 'ship-from-store' as const),
        cost: fc.record({ perShipment: money(6), splitPenalty: money(3), latenessPerDay: money(2), carrier: fc.record({ base: money(3), perKm: fc.constantFrom(0, 0.005, 0.02), perKg: money(1) }) }),
        opportunityCost: fc.constant(Object.fromEntries(ids.map((id, i) => [id, { s0: (i % 3) * 0.75, s2: (i % 2) * 1.5 }]))),
        exact: fc.constantFrom({ maxLines: 8, maxNodes: 30 }, { maxLines: 0, maxNodes: 0 }, { maxExplored: 3 }),
        lookAhead: fc.constantFrom({ rounds: 0 }, { rounds: 3 }, { rounds: 6, step: 0.5 }),
      },
      { requiredKeys: ['cost'] },
    ),
  }) as fc.Arbitrary<World>;
});

const orderArb = (id: string): fc.Arbitrary<RoutableOrderInput> =>
  fc.record({
    id: fc.constant(id),
    channel: fc.constantFrom('web', 'pos'),
    priority: fc.integer({ min: 0, max: 9 }),
    requestedDate: fc.option(fc.constantFrom('2026-03-27', '2026-03-29'), { nil: undefined }),
    shipTo: fc.record({ geo: fc.option(fc.record({ lat: fc.double({ min: 45, max: 55, noNaN: true }), lon: fc.double({ min: 5, max: 15, noNaN: true }) }), { nil: undefined }) }),
    lines: fc
      .array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 6 }), weightG: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }) }), { minLength: 1, maxLength: 5 })
      .map((lines) => lines.map((l, i) => ({ id: `l${i}`, ...l }))),
  }).map((o) => JSON.parse(JSON.stringify(o)) as RoutableOrderInput);

const clean = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every unit and shipment a set of plans takes, per node and SKU. */
function takenBy(plans: readonly RoutingPlan[]) {
  const units = new Map<string, number>();
  const shipments = new Map<string, number>();
  const perNode = new Map<string, number>();
  for (const plan of plans) {
    for (const s of plan.shipments) {
      shipments.set(s.node, (shipments.get(s.node) ?? 0) + 1);
      perNode.set(s.node, (perNode.get(s.node) ?? 0) + s.units);
      for (const l of s.lines) units.set(`${s.node}/${l.sku}`, (units.get(`${s.node}/${l.sku}`) ?? 0) + l.quantity);
    }
  }
  return { units, shipments, perNode };
}

/** The plans keep within stock, capacity and eligibility, and account for every unit. */
function checkFeasible(world: World, orders: readonly RoutableOrderInput[], plans: readonly RoutingPlan[]): void {
  const { units, shipments, perNode } = takenBy(plans);
  for (const [key, taken] of units) {
    const [node, sku] = key.split('/') as [string, string];
    expect(taken).toBeLessThanOrEqual(world.stock[node]?.[sku] ?? 0);
  }
  for (const n of world.nodes) {
    if (n.capacityLeft?.orders !== undefined) expect(shipments.get(n.id) ?? 0).toBeLessThanOrEqual(n.capacityLeft.orders);
    if (n.capacityLeft?.units !== undefined) expect(perNode.get(n.id) ?? 0).toBeLessThanOrEqual(n.capacityLeft.units);
  }
  plans.forEach((plan, i) => {
    const order = orders[i]!;
    expect(plan.order).toBe(order.id);
    const policy = world.policy;
    const capability = policy.pickupAt !== undefined ? 'pickup' : (policy.capability ?? 'ship');
    for (const s of plan.shipments) {
      const n = world.nodes.find((x) => x.id === s.node)!;
      expect(n.active ?? true).toBe(true);
      expect(n.open ?? true).toBe(true);
      expect(n.capabilities).toContain(capability);
      if (n.channels) expect(n.channels).toContain(order.channel);
      if (policy.pickupAt !== undefined) expect(s.node).toBe(policy.pickupAt);
      expect(s.units).toBeGreaterThan(0);
    }
    if (policy.maxShipments !== undefined) expect(plan.shipments.length).toBeLessThanOrEqual(policy.maxShipments);
    // Every unit is shipped or backordered, once.
    for (const line of order.lines) {
      const shipped = plan.shipments.reduce((sum, s) => sum + s.lines.filter((l) => l.line === line.id).reduce((a, l) => a + l.quantity, 0), 0);
      const backordered = plan.backorders.find((b) => b.line === line.id)?.quantity ?? 0;
      expect(shipped + backordered).toBe(line.quantity);
    }
    const served = plan.shipments.reduce((sum, s) => sum + s.units, 0);
    expect(plan.status).toBe(plan.backorders.length === 0 ? 'complete' : served > 0 ? 'partial' : 'unroutable');
    if (policy.fulfilment === 'ship-complete') expect(plan.status).not.toBe('partial');
    const c = plan.cost;
    expect(c.total).toBeCloseTo(c.shipping + c.handling + c.split + c.lateness + c.opportunity + c.preferred, 9);
    expect(c.total).toBeCloseTo(plan.shipments.reduce((sum, s) => sum + s.cost.total, 0) + c.split, 9);
    expect(plan.trace.chosen).toEqual(plan.shipments.map((s) => s.node));
    if (plan.trace.search.bound !== undefined && plan.status !== 'unroutable') expect(plan.trace.search.bound).toBeLessThanOrEqual(c.total + 1e-6);
  });
}

describe('routeOrder properties', () => {
  it('never plans more than stock, never uses a node without the capability or capacity, respects maxShipments', () => {
    fc.assert(
      fc.property(worldArb, orderArb('o-1'), (raw, order) => {
        const world = clean(raw);
        const plan = routeOrder(order, world.nodes, world.stock as RoutingStock, world.policy, ctx);
        checkFeasible(world, [order], [plan]);
      }),
      { numRuns: 1500, seed: 1 },
    );
  });

  it('is deterministic: the same input gives the same plan, byte for byte', () => {
    fc.assert(
      fc.property(worldArb, orderArb('o-1'), (raw, order) => {
        const world = clean(raw);
        const a = routeOrder(order, world.nodes, world.stock as RoutingStock, world.policy, ctx);
        const b = routeOrder(clean(order), clean(world.nodes), clean(world.stock) as RoutingStock, clean(world.policy), ctx);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 500, seed: 2 },
    );
  });
});

describe('routeBatch properties', () => {
  const windowArb = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => orderArb(`o-${i}`))));

  it('never promises a unit or a unit of capacity twice across the window', () => {
    fc.assert(
      fc.property(worldArb, windowArb, (raw, orders) => {
        const world = clean(raw);
        const plans = routeBatch(orders, world.nodes, world.stock as RoutingStock, world.policy, ctx);
        expect(plans).toHaveLength(orders.length);
        checkFeasible(world, orders, plans);
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(worldArb, windowArb, (raw, orders) => {
        const world = clean(raw);
        const a = routeBatch(orders, world.nodes, world.stock as RoutingStock, world.policy, ctx);
        const b = routeBatch(clean(orders), clean(world.nodes), clean(world.stock) as RoutingStock, clean(world.policy), ctx);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 150, seed: 4 },
    );
  });

  it('serves at least as many units, at no more total cost for as many, as routing the window in turn', () => {
    fc.assert(
      fc.property(worldArb, windowArb, (raw, orders) => {
        const world = clean(raw);
        world.policy.nodeRank = 'tie-break';
        world.policy.exact = {};
        world.policy.lookAhead = { rounds: 0 };
        const joint = routeBatch(orders, world.nodes, world.stock as RoutingStock, world.policy, ctx);
        const inTurn = sequential(world, orders);
        const served = (plans: readonly RoutingPlan[]) => plans.reduce((sum, p) => sum + p.shipments.reduce((a, s) => a + s.units, 0), 0);
        const cost = (plans: readonly RoutingPlan[]) => plans.reduce((sum, p) => sum + p.cost.total, 0);
        expect(served(joint)).toBeGreaterThanOrEqual(served(inTurn));
        if (served(joint) === served(inTurn)) expect(cost(joint)).toBeLessThanOrEqual(cost(inTurn) + 1e-6);
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});

/** Routes orders one by one (priority first) with routeOrder, taking stock and capacity as it goes. */
function sequential(world: World, orders: readonly RoutableOrderInput[]): RoutingPlan[] {
  const stock = clean(world.stock);
  const nodes = clean(world.nodes);
  const plans: RoutingPlan[] = [];
  const sequence = orders.map((_, i) => i).sort((a, b) => (orders[b]!.priority ?? 5) - (orders[a]!.priority ?? 5) || a - b);
  for (const i of sequence) {
    const plan = routeOrder(orders[i]!, nodes, stock as RoutingStock, world.policy, ctx);
    plans[i] = plan;
    for (const s of plan.shipments) {
      const n = nodes.find((x) => x.id === s.node)!;
      if (n.capacityLeft?.orders !== undefined) n.capacityLeft.orders -= 1;
      if (n.capacityLeft?.units !== undefined) n.capacityLeft.units -= s.units;
      for (const l of s.lines) stock[s.node]![l.sku]! -= l.quantity;
    }
  }
  return plans;
}
