import { describe, expect, it } from 'vitest';
import { prepareNodes, preparePolicy, type RoutingPlan, routeOrder } from '../../src/routing';

/** A seeded generator (mulberry32): the same instances on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Hard instances: a per-shipment cost that dominates, scarce stock spread unevenly (rich and poor nodes). */
function instance(r: () => number, lines: number, nodes: number) {
  const skus = Array.from({ length: lines + 2 }, (_, i) => `s${i}`);
  const network = Array.from({ length: nodes }, (_, i) => ({
    id: `n${String(i).padStart(2, '0')}`,
    geo: { lat: 47 + r() * 8, lon: 6 + r() * 9 },
    rank: Math.floor(r() * 3),
    costs: { perOrder: 1 + r() * 3, perUnit: r() * 0.4 },
    deliveryDays: 1 + Math.floor(r() * 4),
  }));
  const stock: Record<string, Record<string, number>> = {};
  for (const n of network) {
    const richness = r();
    stock[n.id] = {};
    for (const s of skus) if (r() < 0.3 + 0.5 * richness) stock[n.id]![s] = Math.floor(r() * 4 * richness);
  }
  const order = {
    id: 'o',
    channel: 'web',
    requestedDate: '2026-03-29',
    shipTo: { geo: { lat: 47 + r() * 8, lon: 6 + r() * 9 } },
    lines: Array.from({ length: lines }, (_, i) => ({ id: `l${i}`, sku: skus[Math.floor(r() * skus.length)]!, quantity: 1 + Math.floor(r() * 3), weightG: Math.floor(r() * 1500) })),
  };
  return { order, nodes: prepareNodes(network), stock };
}

const cost = { perShipment: 8, carrier: { base: 3, perKm: 0.004, perKg: 0.3 }, splitPenalty: 2, latenessPerDay: 1.5 };
const exact = preparePolicy({ cost });
const heuristic = preparePolicy({ cost, exact: { maxLines: 0 } });
const served = (p: RoutingPlan) => p.shipments.reduce((sum, s) => sum + s.units, 0);

describe('the heuristic against the exact search', () => {
  // Measured with more instances (2,000 × 3×6, 1,000 × 5×10, 300 × 8×20, 200 × 8×30): equal cost on
  // 100%, 99.9%, 99.7%, 97.5%; mean gap 0.000%, 0.002%, 0.005%, 0.039%; worst 0%, 2.0%, 1.6%, 2.9%.
  for (const [lines, nodes, runs] of [
    [3, 6, 600],
    [5, 10, 300],
    [8, 20, 80],
  ] as const) {
    it(`${lines} lines × ${nodes} nodes: never better than exact, equal on ≥ 95%, mean gap < 0.5%`, () => {
      const r = random(lines * 100 + nodes);
      let equal = 0;
      let gaps = 0;
      let worst = 0;
      for (let i = 0; i < runs; i++) {
        const x = instance(r, lines, nodes);
        const e = routeOrder(x.order, x.nodes, x.stock, exact, { today: '2026-03-27' });
        const h = routeOrder(x.order, x.nodes, x.stock, heuristic, { today: '2026-03-27' });
        expect(e.trace.search.method).toBe('exact');
        expect(h.trace.search.method).toBe('heuristic');
        expect(served(h)).toBe(served(e));
        const gap = e.cost.total > 0 ? (h.cost.total - e.cost.total) / e.cost.total : 0;
        expect(gap).toBeGreaterThan(-1e-9);
        if (h.trace.search.bound !== undefined) expect(h.trace.search.bound).toBeLessThanOrEqual(e.cost.total + 1e-6);
        if (gap <= 1e-9) equal++;
        gaps += Math.max(0, gap);
        worst = Math.max(worst, gap);
      }
      expect(equal / runs).toBeGreaterThanOrEqual(0.95);
      expect(gaps / runs).toBeLessThan(0.005);
      expect(worst).toBeLessThan(0.1);
    });
  }

  it('the exact search proves 8 lines × 30 nodes within its budget', () => {
    const r = random(830);
    for (let i = 0; i < 60; i++) {
      const x = instance(r, 8, 30);
      const plan = routeOrder(x.order, x.nodes, x.stock, exact, { today: '2026-03-27' });
      expect(plan.trace.search.method).toBe('exact');
      expect(plan.trace.search.bound).toBeCloseTo(plan.cost.total, 6);
    }
  });
});
