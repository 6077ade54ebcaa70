import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventId, NodeId, OrderId, TenantId } from '../../domain/ids';
import type { FulfillmentEvent } from '../../domain/events';
import { createFulfillment } from '../../runtime/fulfillment';
import type { Commit, WorkloadChange } from '../../runtime/ports';
import { SimulatedClock } from '../../simulation/clock';
import { seededIds } from '../../simulation/random';
import { canonical, replayAndLoad, START, uniqueTenant, withStore } from './fixtures';
import { checkWorkload } from './invariants';
import { scheduledStore } from './races';
import type { SuiteContext } from './suite';

const DAY = '2026-03-27';
const n1 = 'n1' as NodeId;

/** A commit booking work at n1 on DAY, as the runtime would write it. */
function booking(tenant: TenantId, id: string, change: Omit<WorkloadChange, 'node' | 'day'>): Commit {
  const event: FulfillmentEvent = {
    type: change.orders >= 0 && change.units >= 0 ? 'CapacityBooked' : 'CapacityReleased',
    id: id as EventId,
    tenant,
    at: '2026-03-27T08:00:00.000Z',
    version: 1,
    payload: { order: `o-${id}` as OrderId, node: n1, day: DAY, orders: Math.abs(change.orders), units: Math.abs(change.units), reason: 'test' },
  } as FulfillmentEvent;
  return { events: [event], positions: [], entities: [], workload: [{ node: n1, day: DAY, ...change }] };
}


/** Nodes' daily workload: stored as guarded counters, loaded by node and day, raced by routers. */
export function capacityTests(ctx: SuiteContext): void {
  describe('daily capacity', () => {
    it('adds workload changes, loads them by node and day, and refuses one past its limit whole', async () => {
      await withStore(ctx, 'capacity', async (store, tenant) => {
        await store.commit(tenant, booking(tenant, 'e1', { orders: 1, units: 3, limit: { orders: 2, units: 5 } }));
        await store.commit(tenant, booking(tenant, 'e2', { orders: 1, units: 2, limit: { orders: 2, units: 5 } }));
        const keys = { workload: [{ node: n1, day: DAY }, { node: n1, day: '2026-03-28' }] };
        expect((await store.load(tenant, keys)).workload).toEqual({ n1: { [DAY]: { orders: 2, units: 5 } } });
        const before = canonical(await store.load(tenant, keys));
        // Past either limit: refused, nothing written, the journal unchanged.
        await expect(store.commit(tenant, booking(tenant, 'e3', { orders: 1, units: 0, limit: { orders: 2 } }))).rejects.toMatchObject({ details: { reason: 'guard' } });
        await expect(store.commit(tenant, booking(tenant, 'e4', { orders: 0, units: 1, limit: { units: 5 } }))).rejects.toMatchObject({ details: { reason: 'guard' } });
        expect(canonical(await store.load(tenant, keys))).toBe(before);
        expect(await store.readJournal(tenant)).toHaveLength(2);
        // Without a limit (a node the host chose) the day may pass its capacity; never below zero.
        await store.commit(tenant, booking(tenant, 'e5', { orders: 1, units: 1 }));
        await expect(store.commit(tenant, booking(tenant, 'e6', { orders: -4, units: 0 }))).rejects.toMatchObject({ details: { reason: 'guard' } });
        await store.commit(tenant, booking(tenant, 'e7', { orders: -3, units: -6 }));
        const left = (await store.load(tenant, keys)).workload;
        expect(left[n1]?.[DAY] ?? { orders: 0, units: 0 }).toEqual({ orders: 0, units: 0 });
      });
    });

    it(`race: routers booking one node's last capacity never pass it (${ctx.numRuns} schedules)`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.scheduler(), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 2, max: 7 }), fc.integer(), async (s, capacity, count, seed) => {
          const store = await ctx.factory();
          const tenant = uniqueTenant('capacity-race');
          const clock = new SimulatedClock(START);
          try {
            const setup = createFulfillment({ store, tenant, clock, ids: seededIds(seed) });
            // n1 is cheaper, so every router wants it until its orders for the day run out.
            await setup.defineNode({ id: 'n1', dailyCapacity: { orders: capacity }, costs: { perOrder: 1 } });
            await setup.defineNode({ id: 'n2', costs: { perOrder: 5 } });
            await setup.defineSku({ id: 'a' });
            for (const node of ['n1', 'n2']) await setup.receiveStock({ node, sku: 'a', quantity: 50 });
            const racing = createFulfillment({ store: scheduledStore(store, s), tenant, clock, ids: seededIds(seed + 1), retry: { attempts: 100, baseDelayMs: 0 } });
            const calls = Array.from({ length: count }, (_, i) => racing.placeOrder({ order: { id: `r${i}`, channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } }));
            const results = await s.waitFor(Promise.allSettled(calls));
            const placed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
            expect(placed, 'every order finds a node').toHaveLength(count);
            const atN1 = placed.filter((o) => o.node === 'n1').length;
            expect(atN1, 'orders routed to n1 fill its capacity and no more').toBe(Math.min(capacity, count));
            const { stored, replayed } = await replayAndLoad(store, tenant);
            expect(canonical(stored)).toBe(canonical(replayed));
            checkWorkload(stored);
            expect(stored.workload[n1]?.[DAY]?.orders ?? 0).toBe(atN1);
          } finally {
            await store.close?.();
          }
        }),
        { numRuns: Math.max(10, Math.floor(ctx.numRuns / 4)), ...ctx.fcParameters },
      );
    });
  });
}
