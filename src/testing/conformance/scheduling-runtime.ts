import { describe, expect, it } from 'vitest';
import { createFulfillment } from '../../runtime/fulfillment';
import { SimulatedClock } from '../../simulation/clock';
import { seededIds } from '../../simulation/random';
import { canonical, replayAndLoad, withStore } from './fixtures';
import type { SuiteContext } from './suite';

const MONDAY = '2026-05-04T00:00:00Z';

/**
 * The scheduling loop through the runtime on the store under test: calendars and departures
 * stored, a plan recorded on orders, releases found by the store's due-release index, a
 * cancelled departure re-planned; the journal replays to the stored state.
 */
export function schedulingRuntimeTests(ctx: SuiteContext): void {
  describe('scheduling through the runtime', () => {
    it('plans, releases when due, re-plans a cancelled departure, and replays', async () => {
      await withStore(ctx, 'plan', async (store, tenant) => {
        const clock = new SimulatedClock(MONDAY);
        const ff = createFulfillment({ store, tenant, clock, ids: seededIds(5) });
        const shift = [{ from: '08:00', to: '20:00' }];
        await ff.defineCalendar({ id: 'hub.week', timeZone: 'Asia/Shanghai', week: [shift, shift, shift, shift, shift, [], []] });
        await ff.defineNode({ id: 'hub', timeZone: 'Asia/Shanghai', calendar: 'hub.week', processing: { pickMinutes: 60, capacity: { unitsPerHour: 10 } } });
        await ff.defineSku({ id: 'a' });
        await ff.receiveStock({ node: 'hub', sku: 'a', quantity: 1_000 });
        const sailing = (id: string, etd: string) =>
          ff.defineDeparture({ id, kind: 'one-off', node: 'hub', carrier: 'msc', serviceLevel: 'sea', departsAt: etd, cutoffs: [{ kind: 'cargo', at: etd }] });
        await sailing('S-1', '2026-05-06T04:00:00Z');
        await sailing('S-2', '2026-05-08T04:00:00Z');
        for (let i = 0; i < 6; i++) await ff.placeOrder({ node: 'hub', order: { id: `o${i}`, channel: 'web', serviceLevel: 'sea', lines: [{ id: '1', sku: 'a', quantity: 5 }] } });

        const plan = await ff.planRelease({ policy: { releaseWindowMinutes: 0 } });
        expect(plan.scheduled).toBe(6);
        // 10 units/h from 08:00 local: each order starts half an hour after the one before.
        const releases = plan.orders.map((o) => o.schedule!.releaseAt).sort();
        expect(releases.slice(0, 3)).toEqual(['2026-05-04T00:00:00.000Z', '2026-05-04T00:30:00.000Z', '2026-05-04T01:00:00.000Z']);
        expect((await ff.getDepartures('hub')).map((d) => d.id)).toEqual(['S-1', 'S-2']);

        clock.set('2026-05-04T00:45:00Z');
        expect((await ff.releaseDue()).released).toHaveLength(2);
        expect((await ff.releaseDue()).released).toEqual([]);

        await ff.cancelDeparture({ departure: 'S-1', reason: 'blank sailing' });
        expect((await ff.getDepartures('hub')).map((d) => d.id)).toEqual(['S-2']);
        expect((await ff.atRisk()).filter((r) => r.replan)).toHaveLength(6);
        const again = await ff.planRelease();
        expect(again.orders.every((o) => o.schedule?.departure === 'S-2')).toBe(true);
        expect(await ff.atRisk()).toEqual([]);

        const { stored, replayed } = await replayAndLoad(store, tenant);
        expect(canonical(stored)).toBe(canonical(replayed));
      });
    });

    it('two instances releasing what is due at once release each order exactly once', async () => {
      await withStore(ctx, 'due-race', async (store, tenant) => {
        const clock = new SimulatedClock(MONDAY);
        const ff = createFulfillment({ store, tenant, clock, ids: seededIds(6) });
        const other = createFulfillment({ store, tenant, clock, ids: seededIds(60) });
        await ff.defineNode({ id: 'hub' });
        await ff.defineSku({ id: 'a' });
        await ff.receiveStock({ node: 'hub', sku: 'a', quantity: 1_000 });
        await ff.defineDeparture({ id: 'daily', kind: 'recurring', node: 'hub', carrier: 'post', weekdays: [0, 1, 2, 3, 4, 5, 6], at: '17:00' });
        const ids = Array.from({ length: 12 }, (_, i) => `o${i}`);
        for (const id of ids) await ff.placeOrder({ node: 'hub', order: { id, channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
        await ff.planRelease();
        const [a, b] = await Promise.all([ff.releaseDue({ batchSize: 5 }), other.releaseDue({ batchSize: 5 })]);
        const released = [...a.released, ...b.released];
        expect(released.sort()).toEqual([...ids].sort());
        const events = (await ff.readJournal({ limit: 100_000 })).filter((e) => e.event.type === 'OrderReleased');
        expect(events).toHaveLength(ids.length);
      });
    });
  });
}
