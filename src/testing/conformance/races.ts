import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { TenantId } from '../../domain/ids';
import type { Reservation } from '../../domain/inventory';
import { createFulfillment } from '../../runtime/fulfillment';
import type { Store } from '../../runtime/ports';
import { SimulatedClock } from '../../simulation/clock';
import { seededIds } from '../../simulation/random';
import { canonical, defineWorld, replayAndLoad, START, uniqueTenant } from './fixtures';
import type { SuiteContext } from './suite';

/**
 * Wraps a store so fast-check's scheduler decides when each call's answer arrives: loads return
 * stale snapshots and commits land in every order the scheduler can find.
 */
export function scheduledStore(store: Store, s: fc.Scheduler): Store {
  return {
    load: s.scheduleFunction((t, k) => handled(store.load(t, k))),
    commit: s.scheduleFunction((t, c) => handled(store.commit(t, c))),
    readJournal: s.scheduleFunction((t, o) => handled(store.readJournal(t, o))),
    readOrderJournal: s.scheduleFunction((t, o) => handled(store.readOrderJournal(t, o))),
    findIdempotency: s.scheduleFunction((t, k) => handled(store.findIdempotency(t, k))),
    findDueReservations: s.scheduleFunction((t, d, l) => handled(store.findDueReservations(t, d, l))),
    findOrdersByStatus: s.scheduleFunction((t, st, l) => handled(store.findOrdersByStatus(t, st, l))),
    findDueReleases: s.scheduleFunction((t, d, l) => handled(store.findDueReleases(t, d, l))),
  };
}

/**
 * The scheduler attaches its handlers only when it releases a call; a store doing real I/O may
 * reject before that, which Node would report as an unhandled rejection. The error still reaches
 * the caller through the scheduler.
 */
function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

async function racers(ctx: SuiteContext, s: fc.Scheduler, seed: number) {
  const store = await ctx.factory();
  const tenant: TenantId = uniqueTenant('race');
  const clock = new SimulatedClock(START);
  const setup = createFulfillment({ store, tenant, clock, ids: seededIds(seed) });
  await defineWorld(setup);
  // Many attempts and no pauses: under the scheduler every retry must eventually win or see the shortage.
  const racing = createFulfillment({ store: scheduledStore(store, s), tenant, clock, ids: seededIds(seed + 1), retry: { attempts: 100, baseDelayMs: 0 } });
  return { store, tenant, clock, setup, racing };
}

const order = (id: string, quantity: number) => ({ id, channel: 'web', lines: [{ id: '1', sku: 'a', quantity }] });

async function settle<T>(s: fc.Scheduler, calls: Promise<T>[]) {
  return s.waitFor(Promise.allSettled(calls));
}

async function assertConsistent(store: Store, tenant: TenantId) {
  const { stored, replayed } = await replayAndLoad(store, tenant);
  expect(canonical(stored)).toBe(canonical(replayed));
  for (const bySku of Object.values(stored.positions)) {
    for (const p of Object.values(bySku)) {
      // Nothing here sets safety stock, so the strict form of invariant 1 applies.
      expect(p.reserved + p.allocated).toBeLessThanOrEqual(p.onHand - p.safety);
      expect(p.reserved).toBeGreaterThanOrEqual(0);
    }
  }
  return stored;
}

/** Races found by `fc.scheduler`: concurrent reservations on one hot SKU, and reserve/cancel/expire. */
export function raceTests(ctx: SuiteContext): void {
  it(`race: concurrent orders on one hot SKU never oversell (${ctx.numRuns} schedules)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 8 }),
        fc.integer(),
        async (s, stock, quantities, seed) => {
          const { store, tenant, setup, racing } = await racers(ctx, s, seed);
          try {
            await setup.receiveStock({ node: 'n1', sku: 'a', quantity: stock });
            const results = await settle(s, quantities.map((q, i) => racing.placeOrder({ node: 'n1', order: order(`r${i}`, q) })));
            let granted = 0;
            results.forEach((r, i) => {
              if (r.status === 'fulfilled') granted += quantities[i]!;
              else expect(r.reason).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
            });
            expect(granted).toBeLessThanOrEqual(stock);
            const stored = await assertConsistent(store, tenant);
            expect(stored.positions['n1' as never]?.['a' as never]).toMatchObject({ onHand: stock, reserved: granted });
            // No order was refused while its units were free at the end: refusals saw a real shortage.
            const left = stock - granted;
            results.forEach((r, i) => {
              if (r.status === 'rejected') expect(quantities[i]!).toBeGreaterThan(left);
            });
          } finally {
            await store.close?.();
          }
        },
      ),
      { numRuns: ctx.numRuns, ...ctx.fcParameters },
    );
  });

  it(`race: reserve, cancel and expire together end every reservation once (${ctx.numRuns} schedules)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(fc.constantFrom('cancel', 'release', 'none'), { minLength: 1, maxLength: 6 }),
        fc.integer(),
        async (s, fates, seed) => {
          const { store, tenant, clock, setup, racing } = await racers(ctx, s, seed);
          try {
            await setup.receiveStock({ node: 'n1', sku: 'a', quantity: 100 });
            for (const [i] of fates.entries()) await setup.placeOrder({ node: 'n1', holdForMs: 1_000, order: order(`x${i}`, 2) });
            clock.advance(5_000);
            const calls: Promise<unknown>[] = fates.map((fate, i) =>
              fate === 'cancel' ? racing.cancelOrder(`x${i}`) : fate === 'release' ? racing.releaseOrder(`x${i}`) : Promise.resolve(undefined),
            );
            const expiries = [racing.expireReservations(), racing.expireReservations()];
            const results = await settle(s, [...calls, ...expiries]);
            for (const r of results) {
              if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
            }
            const stored = await assertConsistent(store, tenant);
            const active = Object.values(stored.reservations).filter((r) => r.status === 'active');
            const released = Object.values(stored.orders).filter((o) => o.status === 'released');
            // Only orders the warehouse got keep their stock; everything else ended, once.
            expect(active.map((r) => r.order).sort()).toEqual(released.map((o) => o.id).sort());
            expect(stored.positions['n1' as never]?.['a' as never]).toMatchObject({ reserved: active.length * 2 });
            // What succeeded stays done: a released order keeps its stock, a cancelled one stays cancelled.
            fates.forEach((fate, i) => {
              if (results[i]!.status !== 'fulfilled' || fate === 'none') return;
              expect(stored.orders[`x${i}` as never]?.status).toBe(fate === 'cancel' ? 'cancelled' : 'released');
            });
          } finally {
            await store.close?.();
          }
        },
      ),
      { numRuns: ctx.numRuns, ...ctx.fcParameters },
    );
  });

  it(`race: carts reserving while holds expire and extend never oversell (${ctx.numRuns} schedules)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 2, max: 10 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.boolean(), { maxLength: 4 }),
        fc.integer(),
        async (s, stock, held, wanted, extend, seed) => {
          const { store, tenant, clock, setup, racing } = await racers(ctx, s, seed);
          try {
            await setup.receiveStock({ node: 'n1', sku: 'a', quantity: stock + held.reduce((a, b) => a + b, 0) });
            const old: Reservation[] = [];
            for (const q of held) old.push(...(await setup.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: q }], holdForMs: 1_000 })));
            clock.advance(5_000);
            const calls: Promise<unknown>[] = [
              ...wanted.map((q) => racing.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: q }], holdForMs: 60_000 })),
              ...extend.flatMap((yes, i) => (yes && old[i] ? [racing.extendReservation({ reservation: old[i].id, holdForMs: 60_000 })] : [])),
              racing.expireReservations(),
            ];
            const results = await settle(s, calls);
            for (const r of results) {
              if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: expect.stringMatching(/^(INSUFFICIENT_STOCK|ILLEGAL_TRANSITION)$/) });
            }
            const stored = await assertConsistent(store, tenant);
            const active = Object.values(stored.reservations).filter((r) => r.status === 'active');
            const position = stored.positions['n1' as never]?.['a' as never] as { reserved: number; onHand: number } | undefined;
            expect(position?.reserved ?? 0).toBe(active.reduce((sum, r) => sum + r.quantity, 0));
            expect(position?.reserved ?? 0).toBeLessThanOrEqual(position?.onHand ?? 0);
            // A hold extended before expiry ran survives; one that expired first refused the extension.
            extend.forEach((yes, i) => {
              const result = results[wanted.length + extend.slice(0, i).filter(Boolean).length];
              if (!yes || !old[i] || !result) return;
              const status = stored.reservations[old[i].id as never]?.status;
              expect(status).toBe(result.status === 'fulfilled' ? 'active' : 'expired');
            });
          } finally {
            await store.close?.();
          }
        },
      ),
      { numRuns: ctx.numRuns, ...ctx.fcParameters },
    );
  });

  it(`race: two channels holding at once never overdraw a ring-fence (${ctx.numRuns} schedules)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 4, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.tuple(fc.constantFrom('web', 'store', 'none'), fc.integer({ min: 1, max: 4 })), { minLength: 2, maxLength: 6 }),
        fc.integer(),
        async (s, stock, fence, holds, seed) => {
          const { store, tenant, setup, racing } = await racers(ctx, s, seed);
          try {
            await setup.defineNode({ id: 'n1', ringFences: [{ channel: 'store', quantity: fence }] });
            await setup.receiveStock({ node: 'n1', sku: 'a', quantity: stock });
            const calls = holds.map(([channel, quantity]) =>
              racing.reserve({ node: 'n1', lines: [{ sku: 'a', quantity }], ...(channel === 'none' ? {} : { channel }) }),
            );
            for (const r of await settle(s, calls)) if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
            const stored = await assertConsistent(store, tenant);
            const p = stored.positions['n1' as never]?.['a' as never] as { onHand: number; reserved: number; channels?: Record<string, number> } | undefined;
            const heldByStore = p?.channels?.store ?? 0;
            // Whatever interleaving: units still free cover what the store channel has not used of its fence.
            expect((p?.onHand ?? 0) - (p?.reserved ?? 0)).toBeGreaterThanOrEqual(Math.min(stock, Math.max(0, fence - heldByStore)));
          } finally {
            await store.close?.();
          }
        },
      ),
      { numRuns: ctx.numRuns, ...ctx.fcParameters },
    );
  });
}
