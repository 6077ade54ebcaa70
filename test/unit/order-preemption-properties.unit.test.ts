import fc from 'fast-check';
import { type AllocationRule, createFulfillment, fold, type FulfillmentState, initialState, type NodeId, SimulatedClock, type SkuId, seededIds, type TenantId } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

// allocateBacklog with pre-emption, on random backlogs: stock is conserved, no unit is held
// twice, and only orders below `belowPriority` (and below their taker) ever lose units.

const NODES = ['dc', 'shop'] as const;
const SKUS = ['a', 'b'] as const;

const orderArb = fc.record({
  priority: fc.integer({ min: 0, max: 9 }),
  node: fc.constantFrom('dc', 'dc', 'dc', 'shop'),
  lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2, selector: (l) => l.sku }),
  release: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
});
const caseArb = fc.record({
  stock: fc.record({ a: fc.integer({ min: 0, max: 8 }), b: fc.integer({ min: 0, max: 8 }), shop: fc.integer({ min: 0, max: 4 }) }),
  orders: fc.array(orderArb, { minLength: 1, maxLength: 10 }),
  // Lower priorities placed first reserve the stock that later, higher ones then miss.
  ascending: fc.boolean(),
  arrival: fc.integer({ min: 0, max: 3 }),
  rule: fc.constantFrom<AllocationRule>('priority', 'fifo', 'edd', 'fair-share', 'max-value'),
  belowPriority: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
});

/** Active units each order holds, per node and SKU. */
function holdings(state: FulfillmentState): Map<string, number> {
  const held = new Map<string, number>();
  for (const r of Object.values(state.reservations)) {
    if (r.status === 'active' && r.order) held.set(`${r.order}/${r.node}/${r.sku}`, (held.get(`${r.order}/${r.node}/${r.sku}`) ?? 0) + r.quantity);
  }
  return held;
}

describe('allocateBacklog with pre-emption (properties)', () => {
  it('conserves stock, holds no unit twice, and takes only from lower priorities below belowPriority', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const clock = new SimulatedClock('2026-03-02T08:00:00Z');
        const store = memoryStore();
        const ff = createFulfillment({ store, clock, ids: seededIds(3) });
        for (const node of NODES) await ff.defineNode({ id: node });
        for (const sku of SKUS) await ff.defineSku({ id: sku });
        if (c.stock.a > 0) await ff.receiveStock({ node: 'dc', sku: 'a', quantity: c.stock.a });
        if (c.stock.b > 0) await ff.receiveStock({ node: 'dc', sku: 'b', quantity: c.stock.b });
        if (c.stock.shop > 0) await ff.receiveStock({ node: 'shop', sku: 'a', quantity: c.stock.shop });
        const orders = c.ascending ? [...c.orders].sort((x, y) => x.priority - y.priority) : c.orders;
        for (const [i, o] of orders.entries()) {
          clock.advance(60_000);
          const lines = o.lines.map((l, j) => ({ id: `l${j}`, sku: l.sku, quantity: l.quantity }));
          const placed = await ff.placeOrder({ node: o.node, onShortage: 'backorder', order: { id: `o-${i}`, channel: 'web', priority: o.priority, lines } });
          if (o.release && placed.status === 'reserved') await ff.releaseOrder(placed.id);
        }
        if (c.arrival > 0) await ff.receiveStock({ node: 'dc', sku: 'a', quantity: c.arrival });
        const replay = async () => fold(initialState(), (await ff.readJournal()).map((e) => e.event));
        const before = await replay();

        const report = await ff.allocateBacklog({ policy: { rule: c.rule, preemption: c.belowPriority === undefined ? {} : { belowPriority: c.belowPriority } } });
        const after = await replay();
        const below = c.belowPriority ?? Number.POSITIVE_INFINITY;
        const priority = (id: string) => before.orders[id as keyof typeof before.orders]!.priority;

        // Per SKU at each node: held never beyond on hand, reserved is the sum of live reservations, on hand untouched.
        const live = new Map<string, number>();
        for (const r of Object.values(after.reservations)) if (r.status === 'active') live.set(`${r.node}/${r.sku}`, (live.get(`${r.node}/${r.sku}`) ?? 0) + r.quantity);
        for (const node of NODES) {
          for (const sku of SKUS) {
            const p = after.positions[node as NodeId]?.[sku as SkuId];
            const was = before.positions[node as NodeId]?.[sku as SkuId];
            if (!p) continue;
            expect(p.reserved + p.allocated).toBeLessThanOrEqual(p.onHand);
            expect(p.reserved).toBe(live.get(`${node}/${sku}`) ?? 0);
            expect(p.onHand).toBe(was?.onHand ?? 0);
            const stored = (await store.load('default' as TenantId, { positions: [{ node: node as NodeId, sku: sku as SkuId }] })).positions[node as NodeId]![sku as SkuId]!;
            expect({ onHand: stored.onHand, reserved: stored.reserved }).toEqual({ onHand: p.onHand, reserved: p.reserved });
          }
        }

        // Only reserved orders below belowPriority and below their taker lose units, and exactly what the report says.
        const held0 = holdings(before);
        const held1 = holdings(after);
        const reported = new Map<string, number>();
        for (const t of report.preempted ?? []) {
          expect(priority(t.order)).toBeLessThan(Math.min(below, priority(t.by)));
          expect(report.filled).toContain(t.by);
          const node = before.orders[t.order as keyof typeof before.orders]!.node;
          expect(after.orders[t.by as keyof typeof after.orders]!.node).toBe(node);
          reported.set(`${t.order}/${node}/${t.sku}`, (reported.get(`${t.order}/${node}/${t.sku}`) ?? 0) + t.quantity);
        }
        for (const [key, units] of held0) {
          const lost = units - (held1.get(key) ?? 0);
          const id = key.split('/')[0]!;
          if (lost <= 0) continue;
          expect(before.orders[id as keyof typeof before.orders]!.status).toBe('reserved');
          expect(priority(id)).toBeLessThan(below);
          expect(after.orders[id as keyof typeof after.orders]!.status).toBe('backordered');
          expect(reported.get(key)).toBe(lost);
        }
        expect([...reported.keys()].every((key) => (held0.get(key) ?? 0) - (held1.get(key) ?? 0) === reported.get(key))).toBe(true);

        // Every order reserved afterwards holds all its units; released ones are untouched.
        for (const o of Object.values(after.orders)) {
          const was = before.orders[o.id]!;
          if (was.status === 'released') expect(o).toEqual(was);
          if (o.status !== 'reserved') continue;
          const want = o.lines.reduce((sum, l) => sum + l.quantity, 0);
          const has = [...held1].filter(([key]) => key.startsWith(`${o.id}/`)).reduce((sum, [, units]) => sum + units, 0);
          expect(has).toBe(want);
        }
      }),
      { numRuns: 200 },
    );
  });
});
