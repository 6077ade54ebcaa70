import { describe, expect, it } from 'vitest';
import type { EventId, NodeId, ReservationId, SkuId, TenantId } from '../../domain/ids';
import type { FulfillmentEvent } from '../../domain/events';
import { initialState } from '../../domain/state';
import type { Commit } from '../../runtime/ports';
import { createFulfillment } from '../../runtime/fulfillment';
import { SimulatedClock } from '../../simulation/clock';
import { seededIds } from '../../simulation/random';
import { canonical, defineWorld, replayAndLoad, START, uniqueTenant, withStore } from './fixtures';
import type { SuiteContext } from './suite';

const n = (id: string) => id as NodeId;
const s = (id: string) => id as SkuId;

function received(tenant: TenantId, id: string, node: string, sku: string, quantity: number): FulfillmentEvent {
  return {
    type: 'StockReceived',
    id: id as EventId,
    tenant,
    at: '2026-03-27T08:00:00.000Z',
    version: 1,
    payload: { node: n(node), sku: s(sku), quantity },
  };
}

const receipt = (tenant: TenantId, id: string, node: string, sku: string, quantity: number): Commit => ({
  events: [received(tenant, id, node, sku, quantity)],
  positions: [{ node: n(node), sku: s(sku), delta: { onHand: quantity }, requireAvailable: false }],
  entities: [],
});


/** The Store port's contract, method by method, and tenant isolation (invariant 9). */
export function contractTests(ctx: SuiteContext): void {
  describe('Store contract', () => {
    it('loads nothing for unknown keys', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        const slice = await store.load(tenant, {
          nodes: [n('x')],
          orders: ['o' as never],
          positions: [{ node: n('x'), sku: s('y') }],
          positionsOfSkus: [s('y')],
          calendars: ['c' as never],
          departures: ['d' as never],
          departuresOfNodes: [n('x')],
        });
        expect(canonical(slice)).toBe(canonical(initialState()));
        expect(slice.calendars).toEqual({});
        expect(slice.departures).toEqual({});
      });
    });

    it('numbers the journal from 1 without gaps and pages it', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        for (let i = 0; i < 5; i++) await store.commit(tenant, receipt(tenant, `e${i}`, 'n1', 'a', 1));
        const all = await store.readJournal(tenant);
        expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
        expect((await store.readJournal(tenant, { after: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
        expect(all[0]!.event).toEqual(received(tenant, 'e0', 'n1', 'a', 1));
      });
    });

    it('applies position deltas and finds positions by SKU across nodes', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        await store.commit(tenant, receipt(tenant, 'e1', 'n1', 'a', 4));
        await store.commit(tenant, receipt(tenant, 'e2', 'n2', 'a', 6));
        const slice = await store.load(tenant, { positionsOfSkus: [s('a')] });
        expect(Object.keys(slice.positions).sort()).toEqual(['n1', 'n2']);
        expect(slice.positions[n('n2')]?.[s('a')]).toEqual({ node: 'n2', sku: 'a', onHand: 6, reserved: 0, allocated: 0, safety: 0 });
      });
    });

    it('refuses a commit whose guard fails, and applies none of it', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        await store.commit(tenant, receipt(tenant, 'e1', 'n1', 'a', 3));
        const greedy: Commit = {
          events: [received(tenant, 'e2', 'n1', 'b', 1)],
          positions: [
            { node: n('n1'), sku: s('b'), delta: { onHand: 1 }, requireAvailable: false },
            { node: n('n1'), sku: s('a'), delta: { reserved: 4 }, requireAvailable: true },
          ],
          entities: [],
        };
        await expect(store.commit(tenant, greedy)).rejects.toMatchObject({ code: 'CONCURRENCY', details: { reason: 'guard' } });
        const slice = await store.load(tenant, { positions: [{ node: n('n1'), sku: s('a') }, { node: n('n1'), sku: s('b') }] });
        expect(slice.positions[n('n1')]?.[s('a')]?.reserved).toBe(0);
        expect(slice.positions[n('n1')]?.[s('b')]).toBeUndefined();
        expect(await store.readJournal(tenant)).toHaveLength(1);
      });
    });

    it('guards safety stock only when units are held, and never lets on hand fall below what is held', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        const pos = { node: n('n1'), sku: s('a') };
        await store.commit(tenant, { events: [], entities: [], positions: [{ ...pos, delta: { onHand: 5, safety: 2 }, requireAvailable: false }] });
        const hold = (q: number) => store.commit(tenant, { events: [], entities: [], positions: [{ ...pos, delta: { reserved: q }, requireAvailable: true }] });
        await expect(hold(4)).rejects.toMatchObject({ details: { reason: 'guard' } });
        await hold(3);
        const lose = (q: number) => store.commit(tenant, { events: [], entities: [], positions: [{ ...pos, delta: { onHand: -q }, requireAvailable: false }] });
        await expect(lose(3)).rejects.toMatchObject({ details: { reason: 'guard' } });
        await lose(2); // into safety stock: allowed, the units held are still there
        expect((await store.load(tenant, { positions: [pos] })).positions[n('n1')]?.[s('a')]).toMatchObject({ onHand: 3, reserved: 3, safety: 2 });
      });
    });

    it('refuses a stale version and a taken idempotency key', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        const ff = createFulfillment({ store, tenant, clock: new SimulatedClock(START), ids: seededIds(1) });
        await ff.defineNode({ id: 'n1' });
        const node = { id: 'n1', kind: 'warehouse', timeZone: 'UTC', capabilities: ['ship'], costs: { perOrder: 0, perUnit: 0 }, rank: 0, active: true };
        const stale: Commit = { events: [], positions: [], entities: [{ kind: 'node', id: 'n1', expectedVersion: 0, value: { ...node, version: 1 } }] };
        await expect(store.commit(tenant, stale)).rejects.toMatchObject({ code: 'CONCURRENCY', details: { reason: 'version' } });
        const keyed: Commit = { events: [], positions: [], entities: [], idempotency: { key: 'k1', fingerprint: 'f', result: { ok: 1 } } };
        await store.commit(tenant, keyed);
        await expect(store.commit(tenant, keyed)).rejects.toMatchObject({ code: 'CONCURRENCY', details: { reason: 'idempotency' } });
        expect(await store.findIdempotency(tenant, 'k1')).toEqual({ key: 'k1', fingerprint: 'f', result: { ok: 1 } });
        expect(await store.findIdempotency(tenant, 'k2')).toBeUndefined();
      });
    });

    it('reads the journal of one order: every event about it, in order, and nothing else', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        const ff = createFulfillment({ store, tenant, clock: new SimulatedClock(START), ids: seededIds(4) });
        await defineWorld(ff);
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
        const line = [{ id: '1', sku: 'a', quantity: 1 }];
        await ff.placeOrder({ node: 'n1', order: { id: 'o-1', channel: 'web', lines: line } });
        await ff.placeOrder({ node: 'n1', order: { id: 'o-2', channel: 'web', lines: line } });
        await ff.cancelOrder('o-1');
        const own = await store.readOrderJournal(tenant, 'o-1' as never);
        const all = await store.readJournal(tenant);
        const about = all.filter(({ event }) =>
          event.type === 'OrderPlaced' ? event.payload.order.id === 'o-1' : (event.payload as { order?: string }).order === 'o-1',
        );
        expect(own).toEqual(about);
        expect(own.map((e) => e.event.type)).toEqual(['OrderPlaced', 'StockReserved', 'OrderReserved', 'CapacityBooked', 'ReservationReleased', 'CapacityReleased', 'OrderCancelled']);
        expect(await store.readOrderJournal(tenant, 'o-9' as never)).toEqual([]);
      });
    });

    it('finds orders by status, oldest placed first, following every move', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        const clock = new SimulatedClock(START);
        const ff = createFulfillment({ store, tenant, clock, ids: seededIds(5) });
        await defineWorld(ff);
        const line = [{ id: '1', sku: 'a', quantity: 1 }];
        for (const id of ['o-3', 'o-1', 'o-2']) {
          clock.advance(1_000);
          await ff.placeOrder({ node: 'n1', onShortage: 'backorder', order: { id, channel: 'web', lines: line } });
        }
        expect(await store.findOrdersByStatus(tenant, 'backordered', 10)).toEqual(['o-3', 'o-1', 'o-2']);
        expect(await store.findOrdersByStatus(tenant, 'backordered', 2)).toEqual(['o-3', 'o-1']);
        await ff.cancelOrder('o-1');
        expect(await store.findOrdersByStatus(tenant, 'backordered', 10)).toEqual(['o-3', 'o-2']);
        expect(await store.findOrdersByStatus(tenant, 'cancelled', 10)).toEqual(['o-1']);
        expect(await store.findOrdersByStatus(tenant, 'shipped', 10)).toEqual([]);
      });
    });

    it('finds due reservations and forgets them once they end', async () => {
      await withStore(ctx, 'contract', async (store, tenant) => {
        const clock = new SimulatedClock(START);
        const ff = createFulfillment({ store, tenant, clock, ids: seededIds(2) });
        await defineWorld(ff);
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 10 });
        const early = await ff.placeOrder({ node: 'n1', holdForMs: 1_000, order: { id: 'early', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
        await ff.placeOrder({ node: 'n1', holdForMs: 9_000, order: { id: 'late', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
        await ff.placeOrder({ node: 'n1', order: { id: 'never', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
        const dueBy = (ms: number) => store.findDueReservations(tenant, new Date(START + ms).toISOString(), 10);
        expect(await dueBy(999)).toEqual([]);
        expect(await dueBy(1_000)).toEqual(early.reservations);
        expect((await dueBy(60_000)).length).toBe(2);
        await ff.cancelOrder('early');
        expect((await dueBy(60_000)).length).toBe(1);
        expect((await dueBy(60_000)).every((id: ReservationId) => !early.reservations.includes(id))).toBe(true);
      });
    });
  });

  describe('tenant isolation (invariant 9)', () => {
    it('keeps the same ids in two tenants apart', async () => {
      const store = await ctx.factory();
      try {
        const [t1, t2] = [uniqueTenant('iso'), uniqueTenant('iso')];
        const a = createFulfillment({ store, tenant: t1, clock: new SimulatedClock(START), ids: seededIds(3) });
        const b = a.forTenant(t2);
        await defineWorld(a);
        await a.receiveStock({ node: 'n1', sku: 'constructor', quantity: 7 });
        await a.placeOrder({ node: 'n1', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'constructor', quantity: 2 }] } });
        expect(await b.getOrder('o-1')).toBeUndefined();
        expect((await b.getAvailability('constructor')).onHand).toBe(0);
        expect(await b.readJournal()).toEqual([]);
        await expect(b.receiveStock({ node: 'n1', sku: 'constructor', quantity: 1 })).rejects.toMatchObject({ code: 'VALIDATION' });
        await defineWorld(b);
        await b.placeOrder({ node: 'n1', onShortage: 'backorder', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'constructor', quantity: 2 }] } });
        expect((await a.getOrder('o-1'))?.status).toBe('reserved');
        expect((await b.getOrder('o-1'))?.status).toBe('backordered');
        for (const t of [t1, t2]) {
          const { stored, replayed } = await replayAndLoad(store, t);
          expect(canonical(stored)).toBe(canonical(replayed));
        }
      } finally {
        await store.close?.();
      }
    });
  });
}
