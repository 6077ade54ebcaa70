import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import {
  haversineKm,
  prepareNodes,
  preparePolicy,
  priceAllocation,
  type RoutableOrderInput,
  type RoutingNodeInput,
  type RoutingPolicyInput,
  type RoutingStock,
  routeOrder,
} from '../../src/routing';

const TODAY = '2026-03-27';
const ctx = { today: TODAY };
const BERLIN = { lat: 52.52, lon: 13.405 };
const MUNICH = { lat: 48.137, lon: 11.575 };
const HAMBURG = { lat: 53.551, lon: 9.993 };
const COLOGNE = { lat: 50.938, lon: 6.96 };

type Line = readonly [sku: string, quantity: number];
function order(lines: readonly Line[], extra: Partial<RoutableOrderInput> = {}): RoutableOrderInput {
  return { id: 'o-1', channel: 'web', shipTo: { geo: MUNICH }, lines: lines.map(([sku, quantity], i) => ({ id: `l${i + 1}`, sku, quantity })), ...extra };
}
const node = (id: string, extra: Partial<RoutingNodeInput> = {}): RoutingNodeInput => ({ id, ...extra });
const stock = (s: Record<string, Record<string, number>>) => s as RoutingStock;
const route = (o: RoutableOrderInput, nodes: readonly RoutingNodeInput[], st: Record<string, Record<string, number>>, policy?: RoutingPolicyInput) =>
  routeOrder(o, nodes, stock(st), policy, ctx);
const shipped = (plan: ReturnType<typeof routeOrder>) => plan.shipments.map((s) => [s.node, s.lines.map((l) => [l.line, l.quantity])]);
const reasonsOf = (plan: ReturnType<typeof routeOrder>, id: string) => plan.trace.candidates.find((c) => c.node === id)?.reasons;

describe('routeOrder: candidates', () => {
  it('names every reason a node may not ship', () => {
    const nodes = [
      node('off', { active: false }),
      node('shut', { open: false }),
      node('b2b', { channels: ['wholesale'] }),
      node('shop', { capabilities: ['pickup'] }),
      node('full', { capacityLeft: { orders: 0 } }),
      node('busy', { capacityLeft: { units: 0 } }),
      node('empty'),
      node('dc', { geo: BERLIN }),
    ];
    const all = Object.fromEntries(nodes.map((n) => [n.id, { tee: 5 }]));
    const plan = route(order([['tee', 1]]), nodes, { ...all, empty: { cap: 3 } });
    expect(plan.trace.candidates.map((c) => [c.node, c.eligible, c.reasons])).toEqual([
      ['off', false, ['inactive']],
      ['shut', false, ['closed today']],
      ['b2b', false, ['does not serve channel web']],
      ['shop', false, ['lacks capability ship']],
      ['full', false, ['no order capacity left today']],
      ['busy', false, ['no unit capacity left today']],
      ['empty', false, ["holds none of the order's units"]],
      ['dc', true, ['rank 0', 'holds 1 of 1 units', `${haversineKm(BERLIN, MUNICH).toFixed(1)} km`]],
    ]);
    expect(plan.trace.chosen).toEqual(['dc']);
  });

  it('lists every failed check of a node, not only the first', () => {
    const plan = route(order([['tee', 1]]), [node('x', { active: false, open: false, channels: ['pos'] })], { x: { tee: 1 } });
    expect(reasonsOf(plan, 'x')).toEqual(['inactive', 'closed today', 'does not serve channel web']);
    expect(plan.status).toBe('unroutable');
    expect(plan.trace.rules).toContain("no eligible node holds the order's units");
  });

  it('ship-from-store needs that capability; a plain warehouse is then not a candidate', () => {
    const nodes = [node('dc', { capabilities: ['ship'] }), node('store', { capabilities: ['ship-from-store', 'pickup'] })];
    const plan = route(order([['tee', 1]]), nodes, { dc: { tee: 9 }, store: { tee: 9 } }, { capability: 'ship-from-store' });
    expect(plan.trace.chosen).toEqual(['store']);
    expect(reasonsOf(plan, 'dc')).toEqual(['lacks capability ship-from-store']);
  });

  it('serves a node with a channel list only for those channels', () => {
    const nodes = [node('web-dc', { channels: ['web'], rank: 1 }), node('pos', { channels: ['pos'] })];
    const plan = route(order([['tee', 1]]), nodes, { 'web-dc': { tee: 1 }, pos: { tee: 1 } });
    expect(plan.trace.chosen).toEqual(['web-dc']);
  });

  it('notes missing geo and counts the distance as 0', () => {
    const nodes = [node('a'), node('b', { geo: BERLIN })];
    const plan = route(order([['tee', 1]]), nodes, { a: { tee: 1 }, b: { tee: 1 } }, { cost: { carrier: { perKm: 1 } } });
    expect(reasonsOf(plan, 'a')).toContain('no geo: distance counted as 0');
    expect(plan.trace.rules).toContain('no geo at a: distance counted as 0');
    expect(plan.trace.chosen).toEqual(['a']);
    expect(plan.shipments[0]!.distanceKm).toBe(0);
    const noShipTo = route(order([['tee', 1]], { shipTo: {} }), nodes, { a: { tee: 1 }, b: { tee: 1 } });
    expect(noShipTo.trace.rules).toContain('ship-to has no geo: distances counted as 0');
  });
});

describe('routeOrder: cost model', () => {
  const policy: RoutingPolicyInput = {
    cost: { perShipment: 4, carrier: { base: 3, perKm: 0.01, perKg: 0.5 }, splitPenalty: 2, latenessPerDay: 1.5 },
  };

  it('costs every term of the formula', () => {
    const o = order([['tee', 2]], { requestedDate: '2026-03-28' });
    o.lines[0]!.weightG = 400;
    const nodes = [node('dc', { geo: BERLIN, costs: { perOrder: 1.25, perUnit: 0.5 }, deliveryDays: 3 })];
    const plan = route(o, nodes, { dc: { tee: 5 } }, { ...policy, opportunityCost: { dc: { tee: 0.75 } } });
    const km = haversineKm(BERLIN, MUNICH);
    const s = plan.shipments[0]!;
    expect(s).toMatchObject({ node: 'dc', units: 2, weightG: 800, distanceKm: km });
    expect(s.cost.shipping).toBeCloseTo(4 + 3 + 0.01 * km + 0.5 * 0.8, 9);
    expect(s.cost.handling).toBeCloseTo(1.25 + 2 * 0.5, 9);
    expect(s.cost.lateness).toBeCloseTo(1.5 * 2, 9); // ships today, 3 days: 2 days after the 28th
    expect(s.cost.opportunity).toBeCloseTo(1.5, 9);
    expect(plan.cost.total).toBeCloseTo(4 + 3 + 0.01 * km + 0.4 + 2.25 + 3 + 1.5, 9);
    expect(plan.trace.rules).toContain('dc delivers late: lateness 3.00');
    expect(plan.trace.rules).toContain('opportunity cost of the units shipped: 1.50');
  });

  it('charges the split penalty per extra shipment and sums shipments into the plan', () => {
    const nodes = [node('a', { geo: MUNICH }), node('b', { geo: MUNICH })];
    const plan = route(order([['tee', 1], ['cap', 1]]), nodes, { a: { tee: 1 }, b: { cap: 1 } }, policy);
    expect(plan.shipments).toHaveLength(2);
    expect(plan.cost.split).toBe(2);
    const sum = plan.shipments.reduce((acc, s) => acc + s.cost.total, 0);
    expect(plan.cost.total).toBeCloseTo(sum + 2, 9);
    expect(plan.trace.rules).toContain('split into 2 shipments: a, b');
  });

  it('ships complete from one far node when a shipment costs more than the distance saved', () => {
    const nodes = [node('near-a', { geo: MUNICH }), node('near-b', { geo: MUNICH }), node('far', { geo: HAMBURG })];
    const st = { 'near-a': { tee: 1 }, 'near-b': { cap: 1 }, far: { tee: 1, cap: 1 } };
    const consolidated = route(order([['tee', 1], ['cap', 1]]), nodes, st, { cost: { perShipment: 10, carrier: { perKm: 0.01 } } });
    expect(consolidated.trace.chosen).toEqual(['far']);
    const split = route(order([['tee', 1], ['cap', 1]]), nodes, st, { cost: { perShipment: 1, carrier: { perKm: 0.05 } } });
    expect(split.trace.chosen).toEqual(['near-a', 'near-b']);
    expect(split.trace.rejected[0]).toMatchObject({ nodes: ['far'] });
    expect(split.trace.rejected[0]!.reason).toMatch(/^costs [\d.]+ more$/);
  });

  it('splits the units of one line across nodes when no node holds them all', () => {
    const nodes = [node('a', { rank: 0 }), node('b', { rank: 1 })];
    const plan = route(order([['tee', 5]]), nodes, { a: { tee: 3 }, b: { tee: 4 } }, { cost: { perShipment: 1 } });
    expect(plan.status).toBe('complete');
    expect(shipped(plan)).toEqual([
      ['a', [['l1', 3]]],
      ['b', [['l1', 2]]],
    ]);
  });

  it('a lateness penalty moves the order to a node that delivers on time', () => {
    const nodes = [node('near', { geo: MUNICH, deliveryDays: 4 }), node('far', { geo: BERLIN, deliveryDays: 1 })];
    const o = order([['tee', 1]], { requestedDate: '2026-03-28' });
    const cheap = route(o, nodes, { near: { tee: 1 }, far: { tee: 1 } }, { cost: { carrier: { perKm: 0.001 } } });
    expect(cheap.trace.chosen).toEqual(['near']);
    const late = route(o, nodes, { near: { tee: 1 }, far: { tee: 1 } }, { cost: { carrier: { perKm: 0.001 }, latenessPerDay: 5 } });
    expect(late.trace.chosen).toEqual(['far']);
    expect(reasonsOf(late, 'near')).toContain('3 day(s) late');
  });

  it('notes nodes whose delivery days are unknown and counts no lateness for them', () => {
    const plan = route(order([['tee', 1]], { requestedDate: '2026-03-27' }), [node('a')], { a: { tee: 1 } }, { cost: { latenessPerDay: 9 } });
    expect(plan.cost.lateness).toBe(0);
    expect(plan.trace.rules).toContain('delivery days unknown at a: lateness counted as 0');
  });

  it('an opportunity cost on scarce stock changes the choice', () => {
    const nodes = [node('a', { rank: 0, costs: { perOrder: 1, perUnit: 0 } }), node('b', { rank: 1, costs: { perOrder: 2, perUnit: 0 } })];
    const st = { a: { tee: 1 }, b: { tee: 50 } };
    expect(route(order([['tee', 1]]), nodes, st).trace.chosen).toEqual(['a']);
    const priced = route(order([['tee', 1]]), nodes, st, { opportunityCost: { a: { tee: 3 } } });
    expect(priced.trace.chosen).toEqual(['b']);
    expect(priced.trace.rejected[0]).toMatchObject({ nodes: ['a'], reason: 'costs 2.00 more' });
  });

  it('charges weight by kilogram and node handling per unit', () => {
    const o = order([['tee', 3]]);
    o.lines[0]!.weightG = 250;
    const plan = route(o, [node('a', { costs: { perOrder: 0, perUnit: 2 } })], { a: { tee: 3 } }, { cost: { carrier: { perKg: 4 } } });
    expect(plan.cost.shipping).toBeCloseTo(3, 9);
    expect(plan.cost.handling).toBeCloseTo(6, 9);
  });
});

describe('routeOrder: policies', () => {
  const nodes = [node('a', { rank: 0 }), node('b', { rank: 1 })];
  const st = { a: { tee: 2 }, b: { cap: 1 } };

  it('ship-available routes what it can and backorders the rest', () => {
    const plan = route(order([['tee', 3], ['cap', 1], ['hat', 1]]), nodes, st, { cost: { perShipment: 1 } });
    expect(plan.status).toBe('partial');
    expect(plan.backorders).toEqual([
      { line: 'l1', sku: 'tee', quantity: 1 },
      { line: 'l3', sku: 'hat', quantity: 1 },
    ]);
    expect(plan.trace.rules).toContain('ship-available: 2 unit(s) backordered');
  });

  it('ship-complete routes every unit or none', () => {
    const short = route(order([['tee', 3], ['cap', 1]]), nodes, st, { fulfilment: 'ship-complete' });
    expect(short.status).toBe('unroutable');
    expect(short.shipments).toEqual([]);
    expect(short.backorders).toEqual([
      { line: 'l1', sku: 'tee', quantity: 3 },
      { line: 'l2', sku: 'cap', quantity: 1 },
    ]);
    expect(short.cost.total).toBe(0);
    expect(short.trace.rejected[0]).toEqual({ nodes: ['a', 'b'], cost: null, reason: 'serves 3 of 4 units; ship-complete needs all' });
    expect(short.trace.rules).toContain('ship-complete: only 3 of 4 units can be routed: unroutable');
    const whole = route(order([['tee', 2], ['cap', 1]]), nodes, st, { fulfilment: 'ship-complete' });
    expect(whole.status).toBe('complete');
  });

  it('maxShipments limits the shipments, even when that leaves units behind', () => {
    const two = order([['tee', 1], ['cap', 1]]);
    expect(route(two, nodes, st).shipments).toHaveLength(2);
    const one = route(two, nodes, st, { maxShipments: 1 });
    expect(one.shipments).toHaveLength(1);
    expect(one.status).toBe('partial');
    expect(one.trace.rules).toContain('at most 1 shipment(s)');
    expect(route(two, nodes, st, { maxShipments: 1, fulfilment: 'ship-complete' }).status).toBe('unroutable');
  });

  it('pickup takes the whole order from the pickup node, which must offer pickup, with no carrier cost', () => {
    const network = [node('dc', { geo: BERLIN }), node('store', { geo: HAMBURG, capabilities: ['ship-from-store', 'pickup'] })];
    const both = { dc: { tee: 5 }, store: { tee: 5 } };
    const policy: RoutingPolicyInput = { pickupAt: 'store', cost: { perShipment: 2, carrier: { base: 5, perKm: 1 } } };
    const plan = route(order([['tee', 2]]), network, both, policy);
    expect(plan.trace.chosen).toEqual(['store']);
    expect(plan.cost.shipping).toBe(2);
    expect(reasonsOf(plan, 'dc')).toEqual(['not the pickup node store', 'lacks capability pickup']);
    expect(plan.trace.rules).toContain('pickup at store: the customer collects, no carrier cost');
    const noPickup = route(order([['tee', 2]]), network, both, { pickupAt: 'dc' });
    expect(noPickup.status).toBe('unroutable');
    expect(reasonsOf(noPickup, 'dc')).toEqual(['lacks capability pickup']);
    const short = route(order([['tee', 9]]), network, both, { pickupAt: 'store', fulfilment: 'ship-complete' });
    expect(short.status).toBe('unroutable');
  });

  it('a preferred node wins with its credit, and is credited only when it ships', () => {
    const network = [node('a', { costs: { perOrder: 1, perUnit: 0 } }), node('p', { rank: 5, costs: { perOrder: 3, perUnit: 0 } })];
    const both = { a: { tee: 1 }, p: { tee: 1 } };
    expect(route(order([['tee', 1]]), network, both, { preferredNode: 'p' }).trace.chosen).toEqual(['a']);
    const credited = route(order([['tee', 1]]), network, both, { preferredNode: 'p', preferredDiscount: 2.5 });
    expect(credited.trace.chosen).toEqual(['p']);
    expect(credited.cost.preferred).toBe(-2.5);
    expect(credited.cost.total).toBeCloseTo(0.5, 9);
    expect(credited.trace.rules).toContain('preferred node p ships: credit 2.5');
    expect(reasonsOf(credited, 'p')).toContain('preferred node');
    const idle = route(order([['tee', 1]]), network, { a: { tee: 1 } }, { preferredNode: 'p', preferredDiscount: 2.5 });
    expect(idle.cost.preferred).toBe(0);
    expect(idle.trace.rules).toContain('preferred node p does not ship');
  });

  it('a preferred node wins ties before rank', () => {
    const network = [node('a', { rank: 0 }), node('p', { rank: 3 })];
    const plan = route(order([['tee', 1]]), network, { a: { tee: 1 }, p: { tee: 1 } }, { preferredNode: 'p' });
    expect(plan.trace.chosen).toEqual(['p']);
  });

  it('a credit larger than a shipment adds the preferred node to the plan', () => {
    const network = [node('a'), node('p')];
    const plan = route(order([['tee', 2]]), network, { a: { tee: 2 }, p: { tee: 1 } }, { preferredNode: 'p', preferredDiscount: 5, cost: { perShipment: 1 } });
    expect(plan.trace.chosen).toEqual(['p', 'a']);
    expect(plan.cost.total).toBeCloseTo(1 + 1 - 5, 9);
  });

  it('ranks break ties of cost, then node ids', () => {
    const network = [node('z', { rank: 0 }), node('b', { rank: 2 }), node('a', { rank: 2 })];
    const st = { z: { tee: 1 }, a: { tee: 1 }, b: { tee: 1 } };
    expect(route(order([['tee', 1]]), network, st).trace.chosen).toEqual(['z']);
    const noZ = route(order([['tee', 1]]), network, { a: { tee: 1 }, b: { tee: 1 } });
    expect(noZ.trace.chosen).toEqual(['a']);
    expect(noZ.trace.rejected[0]).toEqual({ nodes: ['b'], cost: 0, reason: 'same cost and shipments: loses the tie-break (preferred node, rank, id)' });
    expect(noZ.trace.rules).toContain('equal-cost plans: the preferred node, then rank, then node id decided');
  });

  it('with equal costs, fewer shipments win', () => {
    const network = [node('a', { rank: 0 }), node('b', { rank: 0 }), node('c', { rank: 9 })];
    const plan = route(order([['tee', 1], ['cap', 1]]), network, { a: { tee: 1 }, b: { cap: 1 }, c: { tee: 1, cap: 1 } });
    expect(plan.trace.chosen).toEqual(['c']);
  });

  it('a tie-break rank never beats a lower cost; a hard rank does', () => {
    const network = [node('cheap', { rank: 1, costs: { perOrder: 1, perUnit: 0 } }), node('first', { rank: 0, costs: { perOrder: 4, perUnit: 0 } })];
    const st = { cheap: { tee: 3 }, first: { tee: 2 } };
    expect(route(order([['tee', 2]]), network, st).trace.chosen).toEqual(['cheap']);
    const hard = route(order([['tee', 3]]), network, st, { nodeRank: 'hard' });
    expect(shipped(hard)).toEqual([
      ['first', [['l1', 2]]],
      ['cheap', [['l1', 1]]],
    ]);
    expect(hard.trace.rules).toContain('node rank hard: rank 0 serves 2 unit(s) from first');
    expect(hard.trace.rules).toContain('node rank hard: rank 1 serves 1 unit(s) from cheap');
  });

  it('hard ranks choose the cheapest plan within a rank and count split penalties across ranks', () => {
    const network = [node('r0a', { rank: 0, costs: { perOrder: 3, perUnit: 0 } }), node('r0b', { rank: 0, costs: { perOrder: 1, perUnit: 0 } }), node('r1', { rank: 1 })];
    const plan = route(order([['tee', 1], ['cap', 1]]), network, { r0a: { tee: 1 }, r0b: { tee: 1 }, r1: { cap: 1 } }, { nodeRank: 'hard', cost: { splitPenalty: 4 } });
    expect(plan.trace.chosen).toEqual(['r0b', 'r1']);
    expect(plan.cost.total).toBeCloseTo(1 + 4, 9);
    expect(plan.trace.search.bound).toBeCloseTo(5, 9);
  });
});

describe('routeOrder: capacity', () => {
  it('never plans more units at a node than it can still ship today', () => {
    const network = [node('a', { capacityLeft: { units: 2 } }), node('b', { rank: 1 })];
    const plan = route(order([['tee', 3], ['cap', 2]]), network, { a: { tee: 5, cap: 5 }, b: { tee: 5, cap: 5 } }, { cost: { perShipment: 1 } });
    expect(plan.shipments.find((s) => s.node === 'a')?.units ?? 0).toBeLessThanOrEqual(2);
    expect(plan.trace.chosen).toEqual(['b']);
  });

  it('solves the assignment exactly when unit capacity binds', () => {
    // a is cheaper per unit for both SKUs but takes 2 units; only a holds cap, so a must spend its capacity on cap.
    const network = [node('a', { costs: { perOrder: 0, perUnit: 0 }, capacityLeft: { units: 2 } }), node('b', { costs: { perOrder: 0, perUnit: 1 } })];
    const plan = route(order([['tee', 2], ['cap', 2]]), network, { a: { tee: 2, cap: 2 }, b: { tee: 2 } });
    expect(plan.status).toBe('complete');
    expect(shipped(plan)).toEqual([
      ['a', [['l2', 2]]],
      ['b', [['l1', 2]]],
    ]);
    expect(plan.trace.rules).toContain('unit capacity binds: units assigned by an exact transportation solve');
    expect(reasonsOf(plan, 'a')).toContain('2 units of capacity left');
  });
});

describe('routeOrder: trace and search', () => {
  const network = [node('a', { geo: BERLIN }), node('b', { geo: COLOGNE }), node('c', { geo: HAMBURG })];
  const st = { a: { tee: 2, cap: 1 }, b: { tee: 2 }, c: { cap: 1 } };
  const policy: RoutingPolicyInput = { cost: { perShipment: 5, carrier: { perKm: 0.01 }, splitPenalty: 1 } };

  it('reports the exact search, its bound, the runners-up and the nodes chosen', () => {
    const plan = route(order([['tee', 2], ['cap', 1]]), network, st, policy);
    expect(plan.trace.chosen).toEqual(['a']);
    expect(plan.trace.search.method).toBe('exact');
    expect(plan.trace.search.explored).toBeGreaterThan(0);
    expect(plan.trace.search.bound).toBeCloseTo(plan.cost.total, 9);
    expect(plan.trace.rejected.length).toBeGreaterThan(0);
    for (const r of plan.trace.rejected) {
      // A runner-up is dearer, or serves fewer units.
      expect(r.cost === null || r.cost >= plan.cost.total - 1e-9 || r.reason.includes('fewer')).toBe(true);
      expect(r.reason).toMatch(/more|fewer|same cost/);
    }
    expect(plan.trace.candidates.map((c) => c.node)).toEqual(['a', 'b', 'c']);
    expect(plan.trace.rules[0]).toBe('fulfilment ship-available');
  });

  it('falls back to the heuristic beyond the exact limits, with a lower bound', () => {
    const plan = route(order([['tee', 2], ['cap', 1]]), network, st, { ...policy, exact: { maxLines: 1 } });
    expect(plan.trace.search.method).toBe('heuristic');
    expect(plan.trace.rules).toContain("2 lines × 3 nodes is beyond the exact search's 1 × 30: heuristic");
    expect(plan.trace.search.bound!).toBeLessThanOrEqual(plan.cost.total + 1e-9);
    expect(plan.trace.chosen).toEqual(['a']);
  });

  it('reports a budget-limited search as heuristic', () => {
    const plan = route(order([['tee', 2], ['cap', 1]]), network, st, { ...policy, exact: { maxExplored: 1 } });
    expect(plan.trace.search.method).toBe('heuristic');
    expect(plan.trace.rules.some((r) => r.startsWith('exact search stopped after 1 node sets'))).toBe(true);
    expect(plan.trace.chosen).toEqual(['a']);
  });

  it('is deterministic, and independent of the order nodes are listed in', () => {
    const o = order([['tee', 2], ['cap', 1]]);
    const first = route(o, network, st, policy);
    expect(route(o, network, st, policy)).toEqual(first);
    const reversed = route(o, [...network].reverse(), st, policy);
    expect(reversed.shipments).toEqual(first.shipments);
    expect(reversed.cost).toEqual(first.cost);
  });

  it('routes a stored order as it is (fields it does not read are dropped)', () => {
    const stored = { ...order([['tee', 1]]), paymentStatus: 'paid', tags: ['vip'], shipTo: { lines: ['Marienplatz 1'], city: 'München', country: 'DE', geo: MUNICH } };
    expect(routeOrder(stored as RoutableOrderInput, network, stock(st), policy, ctx).status).toBe('complete');
  });
});

describe('routeOrder: input', () => {
  const network = [node('a')];
  const catchError = (f: () => unknown): ValidationError => {
    try {
      f();
    } catch (e) {
      if (e instanceof ValidationError) return e;
      throw e;
    }
    throw new Error('expected a ValidationError');
  };

  it('rejects bad input with issue paths under the argument', () => {
    const bad = { ...order([['tee', 1]]), lines: [{ id: 'l1', sku: 'tee', quantity: -1 }] };
    expect(catchError(() => route(bad, network, {})).issues[0]!.path).toEqual(['order', 'lines', 0, 'quantity']);
    expect(catchError(() => route(order([['tee', 1]]), [node('a'), node('a')], {})).issues[0]!.path).toEqual(['nodes', 1, 'id']);
    expect(catchError(() => route(order([['tee', 1]]), network, {}, { cost: { splitPenalty: -1 } })).issues[0]!.path).toEqual(['policy', 'cost', 'splitPenalty']);
    expect(catchError(() => routeOrder(order([['tee', 1]]), network, {}, {}, { today: '2026-02-30' })).issues[0]!.path).toEqual(['context', 'today']);
    expect(catchError(() => route(order([['tee', 1]]), network, { a: { tee: 1.5 } })).issues[0]!.path).toEqual(['stock', 'a', 'tee']);
    expect(catchError(() => route(order([['tee', 1]]), network, { a: { tee: Number.NaN } })).issues[0]!.path).toEqual(['stock', 'a', 'tee']);
    const dupLines = order([['tee', 1], ['cap', 1]]);
    dupLines.lines[1]!.id = 'l1';
    expect(catchError(() => route(dupLines, network, {})).issues[0]!.path).toEqual(['order', 'lines', 1, 'id']);
  });

  it('reads stock through own properties only', () => {
    const plan = route(order([['constructor', 1]]), network, { a: {} });
    expect(plan.status).toBe('unroutable');
    const inherited = route(order([['tee', 1]]), [node('constructor')], {});
    expect(inherited.status).toBe('unroutable');
  });

  it('prepared nodes and policy give the same plans, frozen', () => {
    const nodes = prepareNodes([node('a', { geo: BERLIN }), node('b')]);
    const policy = preparePolicy({ cost: { perShipment: 2 } });
    expect(Object.isFrozen(nodes) && Object.isFrozen(nodes[0]) && Object.isFrozen(policy.cost)).toBe(true);
    const o = order([['tee', 2]]);
    const st = stock({ a: { tee: 1 }, b: { tee: 1 } });
    expect(routeOrder(o, nodes, st, policy, ctx)).toEqual(routeOrder(o, [node('a', { geo: BERLIN }), node('b')], st, { cost: { perShipment: 2 } }, ctx));
    expect(prepareNodes(nodes)).toBe(nodes);
    expect(() => prepareNodes([{ id: 'x', rank: -1 }])).toThrow(ValidationError);
  });
});

describe('priceAllocation', () => {
  const network = [node('a', { geo: BERLIN, costs: { perOrder: 1, perUnit: 0.5 } }), node('b', { geo: HAMBURG })];
  const st = { a: { tee: 3 }, b: { tee: 1 } };
  const policy: RoutingPolicyInput = { cost: { perShipment: 2, carrier: { perKm: 0.01 }, splitPenalty: 3 } };

  it('costs an allocation exactly as routeOrder costs the same plan', () => {
    const routed = route(order([['tee', 4]]), network, st, policy);
    const priced = priceAllocation(
      order([['tee', 4]]),
      network,
      stock(st),
      routed.shipments.flatMap((s) => s.lines.map((l) => ({ node: s.node, line: l.line, quantity: l.quantity }))),
      policy,
      ctx,
    );
    expect(priced.shipments).toEqual(routed.shipments);
    expect(priced.cost).toEqual(routed.cost);
  });

  it('refuses what the order, the stock or the node cannot give', () => {
    const price = (allocation: { node: string; line: string; quantity: number }[]) => () => priceAllocation(order([['tee', 2]]), network, stock(st), allocation, policy, ctx);
    expect(price([{ node: 'b', line: 'l1', quantity: 2 }])).toThrow(/holds only 1 of tee/);
    expect(price([{ node: 'a', line: 'l1', quantity: 3 }])).toThrow(/beyond its quantity/);
    expect(price([{ node: 'a', line: 'l9', quantity: 1 }])).toThrow(/no line l9/);
    expect(price([{ node: 'x', line: 'l1', quantity: 1 }])).toThrow(/may not ship/);
    expect(price([{ node: 'a', line: 'l1', quantity: 1 }])().status).toBe('partial');
  });
});

describe('src/routing public API', () => {
  it('documents every export with TSDoc and one @example', async () => {
    const ts = (await import('typescript')).default;
    const { fileURLToPath } = await import('node:url');
    const entry = fileURLToPath(new URL('../../src/routing/index.ts', import.meta.url));
    const program = ts.createProgram([entry], { strict: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, noEmit: true });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const exports = checker.getExportsOfModule(moduleSymbol);
    expect(exports.length).toBeGreaterThan(20);
    const missing = exports
      .filter((exported) => {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        return !(symbol.getDeclarations() ?? []).some((d) => {
          const text = d.getSourceFile().getFullText();
          for (let n: import('typescript').Node | undefined = d; n && !ts.isSourceFile(n); n = n.parent) {
            const docs = (ts.getLeadingCommentRanges(text, n.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).filter((c) => c.startsWith('/**'));
            if (docs.some((c) => (c.match(/@example/g) ?? []).length === 1)) return true;
          }
          return false;
        });
      })
      .map((s) => s.getName());
    expect(missing).toEqual([]);
  }, 30_000);
});
