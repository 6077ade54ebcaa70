import {
  createFulfillment,
  type EventDraft,
  type EventType,
  Node,
  type NodeId,
  type ReservationId,
  Sku,
  type SkuId,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { given, SimulatedClock, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

// Holds: reserve (all lines or none), extend, release, consume and expire, each ending once.

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** n1 with 5 of a and 3 of b. */
async function stocked() {
  const clock = new SimulatedClock(T0);
  const ff = createFulfillment({ store: memoryStore(), clock, ids: sequentialIds(), random: () => 0 });
  await ff.defineNode({ id: 'n1' });
  await ff.defineSku({ id: 'a' });
  await ff.defineSku({ id: 'b' });
  await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
  await ff.receiveStock({ node: 'n1', sku: 'b', quantity: 3 });
  /** The network figure, each node's checked to be the sum of its terms. */
  const available = async (sku = 'a') => {
    const a = await ff.getAvailability(sku);
    for (const r of a.nodes) expect(r.available).toBe(Math.max(0, r.terms.reduce((s, t) => s + t.units, 0)));
    return a.available;
  };
  const count = async (type: EventType) => (await ff.readJournal()).filter((e) => e.event.type === type).length;
  const cart = async (quantity: number, holdForMs?: number) =>
    (await ff.reserve({ node: 'n1', holder: 'cart-1', lines: [{ sku: 'a', quantity }], ...(holdForMs === undefined ? {} : { holdForMs }) }))[0]!;
  return { ff, clock, available, count, cart };
}

describe('reserve', () => {
  it('holds every line, with the holder and expiry', async () => {
    const { ff, available } = await stocked();
    const held = await ff.reserve({ node: 'n1', holder: 'cart-1', holdForMs: 15 * MINUTE, lines: [{ sku: 'a', quantity: 2 }, { sku: 'b', quantity: 3 }] });
    expect(held).toEqual([
      { id: 'res-1', node: 'n1', sku: 'a', quantity: 2, holder: 'cart-1', status: 'active', createdAt: iso(T0), expiresAt: iso(T0 + 15 * MINUTE), version: 1 },
      { id: 'res-2', node: 'n1', sku: 'b', quantity: 3, holder: 'cart-1', status: 'active', createdAt: iso(T0), expiresAt: iso(T0 + 15 * MINUTE), version: 1 },
    ]);
    expect([await available('a'), await available('b')]).toEqual([3, 0]);
    expect(await ff.getReservation('res-1')).toEqual(held[0]);
  });

  it('holds nothing when one line is short', async () => {
    const { ff, available, count } = await stocked();
    await expect(ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 2 }, { sku: 'b', quantity: 4 }] })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { node: 'n1', shortages: [{ sku: 'b', requested: 4, available: 3 }] },
    });
    expect([await available('a'), await available('b')]).toEqual([5, 3]);
    expect(await count('StockReserved')).toBe(0);
  });

  it('makes one reservation of the sum for a SKU on two lines, checked in total', async () => {
    const { ff, available } = await stocked();
    await expect(ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 3 }, { sku: 'a', quantity: 3 }] })).rejects.toMatchObject({
      details: { shortages: [{ sku: 'a', requested: 6, available: 5 }] },
    });
    const held = await ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 2 }, { sku: 'b', quantity: 1 }, { sku: 'a', quantity: 3 }] });
    expect(held.map((r) => [r.sku, r.quantity])).toEqual([
      ['a', 5],
      ['b', 1],
    ]);
    expect(await available('a')).toBe(0);
  });

  it('returns the same reservations when repeated with its idempotency key, and holds once', async () => {
    const { ff, available, count } = await stocked();
    const input = { node: 'n1', idempotencyKey: 'cart-1-checkout', lines: [{ sku: 'a', quantity: 2 }] };
    const first = await ff.reserve(input);
    expect(await ff.reserve({ ...input, lines: [{ sku: 'a', quantity: 2 }] })).toEqual(first);
    expect(await available()).toBe(3);
    expect(await count('StockReserved')).toBe(1);
    await expect(ff.reserve({ ...input, lines: [{ sku: 'a', quantity: 3 }] })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });
});

describe('expiry', () => {
  it('returns the stock once: a second run and a late release find nothing to end', async () => {
    const { ff, clock, available, count, cart } = await stocked();
    const held = await cart(3, MINUTE);
    expect(await ff.expireReservations({ now: T0 + MINUTE - 1 })).toEqual({ expired: [], cancelledOrders: [] });
    clock.advance(MINUTE);
    expect(await ff.expireReservations()).toEqual({ expired: [held.id], cancelledOrders: [] });
    expect(await available()).toBe(5);
    expect(await ff.expireReservations()).toEqual({ expired: [], cancelledOrders: [] });
    await expect(ff.releaseReservations({ reservations: [held.id] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'expired' } });
    expect(await available()).toBe(5);
    expect(await count('ReservationExpired')).toBe(1);
    expect(await count('ReservationReleased')).toBe(0);
    expect(await ff.getReservation(held.id)).toMatchObject({ status: 'expired', endedAt: iso(T0 + MINUTE), version: 2 });
  });

  it('finds nothing to end after a release: the stock came back with the release alone', async () => {
    const { ff, clock, available, count, cart } = await stocked();
    const held = await cart(3, MINUTE);
    await ff.releaseReservations({ reservations: [held.id], reason: 'cart emptied' });
    expect(await available()).toBe(5);
    clock.advance(10 * MINUTE);
    expect(await ff.expireReservations()).toEqual({ expired: [], cancelledOrders: [] });
    expect(await available()).toBe(5);
    expect(await count('ReservationReleased')).toBe(1);
    expect(await count('ReservationExpired')).toBe(0);
  });

  it('in the decider, ends only active holds that are due', () => {
    const n = 'n1' as NodeId;
    const a = 'a' as SkuId;
    const res = (id: string, expiresAt?: string): EventDraft => ({
      type: 'StockReserved',
      payload: { reservation: id as ReservationId, node: n, sku: a, quantity: 1, ...(expiresAt === undefined ? {} : { expiresAt }) },
    });
    const past: EventDraft[] = [
      { type: 'NodeDefined', payload: { node: Node.parse({ id: 'n1' }) } },
      { type: 'SkuDefined', payload: { sku: Sku.parse({ id: 'a' }) } },
      { type: 'StockReceived', payload: { node: n, sku: a, quantity: 5 } },
      res('r-due', iso(T0)),
      res('r-later', iso(T0 + 1)),
      res('r-forever'),
      res('r-released', iso(T0)),
      { type: 'ReservationReleased', payload: { reservation: 'r-released' as ReservationId, node: n, sku: a, quantity: 1, reason: 'x' } },
      res('r-expired', iso(T0)),
      { type: 'ReservationExpired', payload: { reservation: 'r-expired' as ReservationId, node: n, sku: a, quantity: 1 } },
    ];
    const ids = ['r-due', 'r-due', 'r-later', 'r-forever', 'r-released', 'r-expired', 'r-unknown'] as ReservationId[];
    given(past, { now: T0, ids: sequentialIds() })
      .when({ type: 'ExpireReservations', reservations: ids })
      .then([{ type: 'ReservationExpired', payload: { reservation: 'r-due' as ReservationId, node: n, sku: a, quantity: 1 } }]);
  });
});

describe('extendReservation', () => {
  it('moves the expiry to holdForMs from now: the old expiry no longer ends it', async () => {
    const { ff, clock, available, cart } = await stocked();
    const held = await cart(2, MINUTE);
    clock.advance(30_000);
    expect(await ff.extendReservation({ reservation: held.id, holdForMs: 2 * MINUTE })).toMatchObject({
      status: 'active',
      expiresAt: iso(T0 + 30_000 + 2 * MINUTE),
      version: 2,
    });
    clock.advance(30_000); // the first expiry, T0 + 1 min
    expect((await ff.expireReservations()).expired).toEqual([]);
    expect(await available()).toBe(3);
    expect((await ff.expireReservations({ now: T0 + 150_000 - 1 })).expired).toEqual([]);
    expect((await ff.expireReservations({ now: T0 + 150_000 })).expired).toEqual([held.id]);
    expect(await available()).toBe(5);
  });

  it('sets an expiry given as an instant', async () => {
    const { ff, cart } = await stocked();
    const held = await cart(2);
    expect(held).not.toHaveProperty('expiresAt');
    expect(await ff.extendReservation({ reservation: held.id, expiresAt: '2026-03-27T09:00:00.000Z' })).toMatchObject({ expiresAt: '2026-03-27T09:00:00.000Z' });
    expect((await ff.expireReservations({ now: '2026-03-27T09:00:00.000Z' })).expired).toEqual([held.id]);
  });

  it('removes the expiry when given neither: the hold lasts until it ends', async () => {
    const { ff, available, cart } = await stocked();
    const held = await cart(2, MINUTE);
    const extended = await ff.extendReservation({ reservation: held.id });
    expect(extended).not.toHaveProperty('expiresAt');
    expect(extended).toMatchObject({ status: 'active', version: 2 });
    expect((await ff.expireReservations({ now: T0 + 365 * 24 * 60 * MINUTE })).expired).toEqual([]);
    expect(await available()).toBe(3);
  });

  it('refuses both holdForMs and expiresAt', async () => {
    const { ff, cart } = await stocked();
    const held = await cart(2, MINUTE);
    await expect(ff.extendReservation({ reservation: held.id, holdForMs: 1, expiresAt: iso(T0) })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('refuses an ended reservation, and an unknown one', async () => {
    const { ff, cart } = await stocked();
    const released = await cart(1, MINUTE);
    const consumed = await cart(1);
    await ff.releaseReservations({ reservations: [released.id] });
    await ff.consumeReservations({ reservations: [consumed.id] });
    for (const [id, from] of [
      [released.id, 'released'],
      [consumed.id, 'consumed'],
    ] as const) {
      await expect(ff.extendReservation({ reservation: id, holdForMs: MINUTE })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from } });
      await expect(ff.releaseReservations({ reservations: [id] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from } });
    }
    await expect(ff.extendReservation({ reservation: 'res-99' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('release and consume', () => {
  it('release gives the units back; consume takes them off on hand', async () => {
    const { ff, cart } = await stocked();
    const a = await cart(2);
    const b = await cart(1);
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 5, reserved: 3, available: 2 });
    expect(await ff.releaseReservations({ reservations: [a.id], reason: 'cart emptied' })).toMatchObject([{ status: 'released', endedAt: iso(T0) }]);
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 5, reserved: 1, available: 4 });
    expect(await ff.consumeReservations({ reservations: [b.id] })).toMatchObject([{ status: 'consumed' }]);
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 4, reserved: 0, available: 4 });
  });

  it('is all or nothing over the reservations named', async () => {
    const { ff, count, cart } = await stocked();
    const a = await cart(2);
    await expect(ff.consumeReservations({ reservations: [a.id, 'res-99'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(ff.releaseReservations({ reservations: [a.id, a.id] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(await ff.getReservation(a.id)).toMatchObject({ status: 'active' });
    expect(await count('ReservationConsumed')).toBe(0);
    expect(await count('ReservationReleased')).toBe(0);
  });
});
