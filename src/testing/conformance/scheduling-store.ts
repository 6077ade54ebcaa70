import { describe, expect, it } from 'vitest';
import type { DepartureId, NodeId, OrderId, TenantId } from '../../domain/ids';
import type { Order } from '../../domain/order';
import type { Departure } from '../../domain/schedule';
import type { FulfillmentState, Versioned } from '../../domain/state';
import { planCommit } from '../../runtime/commit-plan';
import { createFulfillment } from '../../runtime/fulfillment';
import type { Commit, Store } from '../../runtime/ports';
import { SimulatedClock } from '../../simulation/clock';
import { seededIds } from '../../simulation/random';
import { canonical, defineWorld, replayAndLoad, START, uniqueTenant, withStore } from './fixtures';
import { at, calendar, commitEvents, oneOff, recurring, scheduled } from './scheduling-fixtures';
import type { SuiteContext } from './suite';

const d = (id: string) => id as DepartureId;
const n = (id: string) => id as NodeId;


/** The ids of the live departures the store loads for `nodes`, sorted. */
async function liveAt(store: Store, tenant: TenantId, ...nodes: string[]): Promise<string[]> {
  const slice = await store.load(tenant, { departuresOfNodes: nodes.map(n) });
  return Object.keys(slice.departures).sort();
}

const define = (departure: Departure) => ({ type: 'DepartureDefined' as const, payload: { departure } });

/** Places reserved orders (one unit each) through the runtime. */
async function placeReserved(store: Store, tenant: TenantId, ids: readonly string[]) {
  const ff = createFulfillment({ store, tenant, clock: new SimulatedClock(START), ids: seededIds(7) });
  await defineWorld(ff);
  await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 100 });
  for (const id of ids) await ff.placeOrder({ node: 'n1', order: { id, channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
  return ff;
}

/** The stored order rewritten by hand (a commit the decider never makes), under its version. */
async function rewriteOrder(store: Store, tenant: TenantId, id: string, change: (order: Order) => Order): Promise<void> {
  const before = await store.load(tenant, { orders: [id as OrderId] });
  const order = before.orders[id as OrderId]!;
  const after: FulfillmentState = { ...before, orders: { ...before.orders, [id]: { ...change(order), version: order.version + 1 } } };
  await store.commit(tenant, planCommit(before, after, []));
}

/**
 * The store side of cutoff scheduling: calendars and departures as versioned entities, the live
 * departures of nodes (`departuresOfNodes`) and the orders due for release (`findDueReleases`).
 *
 * @example
 * ```ts
 * describe('my store', () => schedulingStoreTests({ factory: () => myStore(), numRuns: 50, maxCommands: 30, fcParameters: {} }))
 * ```
 */
export function schedulingStoreTests(ctx: SuiteContext): void {
  describe('Store contract: scheduling', () => {
    it('stores calendars and departures whole, under their versions', async () => {
      await withStore(ctx, 'sched', async (store, tenant) => {
        const keys = { calendars: ['berlin' as never], departures: [d('truck-1')] };
        await commitEvents(store, tenant, keys, [{ type: 'CalendarDefined', payload: { calendar: calendar('berlin') } }, define(oneOff('truck-1', 'n1'))]);
        const after = await commitEvents(store, tenant, keys, [
          { type: 'CalendarDefined', payload: { calendar: calendar('berlin', ['2026-12-25']) } },
          { type: 'DepartureDelayed', payload: { departure: d('truck-1'), departsAt: at(700), cutoffs: [{ kind: 'pickup', at: at(640) }], reason: 'fog' } },
        ]);
        const stored = await store.load(tenant, keys);
        expect(stored.calendars).toEqual(after.calendars);
        expect(stored.departures).toEqual(after.departures);
        expect(stored.calendars['berlin' as never]).toMatchObject({ version: 2, holidays: ['2026-12-25'] });
        expect(stored.departures[d('truck-1')]).toMatchObject({ version: 2, status: 'delayed', departsAt: at(700) });

        const truck = stored.departures[d('truck-1')]!;
        const stale = (w: Commit['entities'][number]): Commit => ({ events: [], positions: [], entities: [w] });
        await expect(store.commit(tenant, stale({ kind: 'departure', id: 'truck-1', expectedVersion: 1, value: { ...truck, version: 2 } }))).rejects.toMatchObject({
          code: 'CONCURRENCY',
          details: { reason: 'version' },
        });
        await expect(store.commit(tenant, stale({ kind: 'calendar', id: 'berlin', expectedVersion: 0, value: { ...calendar('berlin'), version: 1 } }))).rejects.toMatchObject({
          code: 'CONCURRENCY',
          details: { reason: 'version' },
        });
        expect(canonical(await store.load(tenant, keys))).toBe(canonical(stored));
        const { stored: whole, replayed } = await replayAndLoad(store, tenant);
        expect(canonical(whole)).toBe(canonical(replayed));
      });
    });

    it('loads the live departures of exactly the nodes asked for, following every change', async () => {
      await withStore(ctx, 'sched', async (store, tenant) => {
        const all = ['sched', 'late', 'gone', 'off', 'daily', 'paused', 'a.b@c', 'constructor', 'far'].map(d);
        await commitEvents(store, tenant, { departures: all }, [
          define(oneOff('sched', 'n1')),
          define(oneOff('late', 'n1')),
          define(oneOff('gone', 'n1')),
          define(oneOff('off', 'n1')),
          define(recurring('daily', 'n1')),
          define(recurring('paused', 'n1', { status: 'suspended' })),
          define(oneOff('a.b@c', 'constructor')),
          define(oneOff('constructor', 'constructor')),
          define(oneOff('far', 'n2')),
        ]);
        await commitEvents(store, tenant, { departures: all }, [
          { type: 'DepartureDelayed', payload: { departure: d('late'), departsAt: at(700), cutoffs: [{ kind: 'cargo', at: at(650) }], reason: 'port congestion' } },
          { type: 'DepartureDeparted', payload: { departure: d('gone') } },
          { type: 'DepartureCancelled', payload: { departure: d('off'), reason: 'no driver' } },
          // A cancelled occurrence leaves a recurring pick-up live.
          { type: 'DepartureCancelled', payload: { departure: d('daily'), date: '2026-03-30', reason: 'holiday' } },
        ]);
        expect(await liveAt(store, tenant, 'n1')).toEqual(['daily', 'late', 'paused', 'sched']);
        expect(await liveAt(store, tenant, 'constructor')).toEqual(['a.b@c', 'constructor']);
        expect(await liveAt(store, tenant, 'n1', 'n2')).toEqual(['daily', 'far', 'late', 'paused', 'sched']);
        expect(await liveAt(store, tenant, 'n3')).toEqual([]);
        const slice = await store.load(tenant, { departuresOfNodes: [n('n1')] });
        expect(slice.departures[d('late')]).toMatchObject({ status: 'delayed', version: 2, departsAt: at(700) });
        expect(slice.departures[d('daily')]).toMatchObject({ skipDates: ['2026-03-30'], version: 2 });

        // Redefined onto another node it moves; a cancelled one redefined as scheduled is live again.
        await commitEvents(store, tenant, { departures: all }, [define(oneOff('sched', 'n2')), define(oneOff('off', 'n1')), define(recurring('a.b@c', 'n2'))]);
        expect(await liveAt(store, tenant, 'n1')).toEqual(['daily', 'late', 'off', 'paused']);
        expect(await liveAt(store, tenant, 'n2')).toEqual(['a.b@c', 'far', 'sched']);
        expect(await liveAt(store, tenant, 'constructor')).toEqual(['constructor']);
        // Asked for by id, a departure loads whatever its state.
        expect(Object.keys((await store.load(tenant, { departures: [d('gone')] })).departures)).toEqual(['gone']);

        const other = uniqueTenant('sched');
        expect(await liveAt(store, other, 'n1', 'n2', 'constructor')).toEqual([]);
        await commitEvents(store, other, { departures: [d('sched')] }, [define(oneOff('sched', 'n1'))]);
        expect(await liveAt(store, other, 'n1', 'n2')).toEqual(['sched']);
        expect(await liveAt(store, tenant, 'n1')).toEqual(['daily', 'late', 'off', 'paused']);
        const { stored, replayed } = await replayAndLoad(store, tenant);
        expect(canonical(stored)).toBe(canonical(replayed));
      });
    });

    it('finds the orders due for release, by release time then id, and forgets them once they no longer wait', async () => {
      await withStore(ctx, 'sched', async (store, tenant) => {
        const ff = await placeReserved(store, tenant, ['o-1', 'o-2', 'o-3', 'o-4', 'o.5@x']);
        await ff.placeOrder({ node: 'n2', onShortage: 'backorder', order: { id: 'o-back', channel: 'web', lines: [{ id: '1', sku: 'b', quantity: 1 }] } });
        const orders = ['o-1', 'o-2', 'o-3', 'o-4', 'o.5@x', 'o-back'] as OrderId[];
        await commitEvents(store, tenant, { orders }, [
          scheduled('o-3', at(60)),
          scheduled('o-1', at(120)),
          scheduled('o.5@x', at(60)),
          scheduled('o-2', at(60)),
          scheduled('o-4', at(300)),
          // Not reserved: it does not wait for release, whatever its schedule says.
          scheduled('o-back', at(0)),
        ]);
        const due = (minutes: number, limit = 10) => store.findDueReleases(tenant, at(minutes), limit);
        expect(await due(59)).toEqual([]);
        expect(await due(60)).toEqual(['o-2', 'o-3', 'o.5@x']);
        expect(await due(120)).toEqual(['o-2', 'o-3', 'o.5@x', 'o-1']);
        expect(await due(120, 2)).toEqual(['o-2', 'o-3']);
        expect(await due(10_000)).toEqual(['o-2', 'o-3', 'o.5@x', 'o-1', 'o-4']);
        expect(await due(10_000, 0)).toEqual([]);

        await ff.releaseOrder('o-3');
        await rewriteOrder(store, tenant, 'o-2', ({ schedule: _dropped, ...order }) => order);
        await commitEvents(store, tenant, { orders }, [scheduled('o-4', at(30))]);
        expect(await due(10_000)).toEqual(['o-4', 'o.5@x', 'o-1']);
        await ff.cancelOrder('o-1');
        expect(await due(10_000)).toEqual(['o-4', 'o.5@x']);

        const other = uniqueTenant('sched');
        expect(await store.findDueReleases(other, at(10_000), 10)).toEqual([]);
        await placeReserved(store, other, ['o-4']);
        await commitEvents(store, other, { orders: ['o-4' as OrderId] }, [scheduled('o-4', at(500))]);
        expect(await store.findDueReleases(other, at(10_000), 10)).toEqual(['o-4']);
        expect(await due(10_000)).toEqual(['o-4', 'o.5@x']);
        expect(await store.findDueReleases(other, at(499), 10)).toEqual([]);
      });
    });

    it('orders equal release times by id, whatever characters the ids hold', async () => {
      await withStore(ctx, 'sched', async (store, tenant) => {
        // Ids outside the id charset reach a store only through a hand-made commit like this one.
        const ids = ['ab', 'a|', 'a b', 'a:', 'a%', 'zz'];
        const order = (id: string, minutes: number) =>
          ({ id, status: 'reserved', placedAt: at(0), schedule: { releaseAt: at(minutes) }, version: 1 }) as unknown as Versioned<Order>;
        await store.commit(tenant, {
          events: [],
          positions: [],
          entities: ids.map((id) => ({ kind: 'order', id, expectedVersion: 0, value: order(id, id === 'zz' ? 0 : 60) })),
        });
        const sorted = ['zz', 'a b', 'a%', 'a:', 'ab', 'a|'];
        for (let limit = 1; limit <= ids.length; limit++) expect(await store.findDueReleases(tenant, at(60), limit)).toEqual(sorted.slice(0, limit));
      });
    });
  });
}
