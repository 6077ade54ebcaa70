import {
  type AtpTerm,
  createFulfillment,
  type EventDraft,
  fold,
  initialState,
  type LotId,
  Node,
  type NodeId,
  type Position,
  positionOf,
  type ReservationId,
  Sku,
  type SkuId,
  type TenantId,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { given, SimulatedClock, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

// Lots: FEFO for expiry-tracked SKUs, FIFO by receipt for lot-tracked ones; expired lots are not
// available from the day after their last day of sale, in the node's own time zone.

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
const sumOf = (terms: readonly AtpTerm[]) => terms.reduce((s, t) => s + t.units, 0);

async function world(start: number = T0, timeZone = 'UTC') {
  const clock = new SimulatedClock(start);
  const store = memoryStore();
  const ff = createFulfillment({ store, clock, ids: sequentialIds(), random: () => 0 });
  await ff.defineNode({ id: 'n1', timeZone });
  await ff.defineSku({ id: 'milk', lotTracked: true, expiryTracked: true });
  await ff.defineSku({ id: 'bolt', lotTracked: true });
  await ff.defineSku({ id: 'tee' });
  /** The position as the store holds it, lots included. */
  const stored = async (sku: string): Promise<Position> => {
    const slice = await store.load('default' as TenantId, { positions: [{ node: 'n1' as NodeId, sku: sku as SkuId }] });
    return slice.positions['n1' as NodeId]![sku as SkuId]!;
  };
  const row = async (sku: string) => {
    const r = (await ff.getAvailability(sku, { node: 'n1' })).nodes[0]!;
    expect(r.available).toBe(Math.max(0, sumOf(r.terms)));
    return r;
  };
  const hold = async (sku: string, quantity: number) => (await ff.reserve({ node: 'n1', lines: [{ sku, quantity }] }))[0]!;
  return { ff, clock, stored, row, hold };
}

/** Milk in three lots received out of expiry order: L-2 (10 Apr) ×3, L-1 (5 Apr) ×2, L-3 (20 Apr) ×4. */
async function milk(start?: number, timeZone?: string) {
  const w = await world(start, timeZone);
  await w.ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 3, lot: 'L-2', expiresOn: '2026-04-10' });
  await w.ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 2, lot: 'L-1', expiresOn: '2026-04-05' });
  await w.ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 4, lot: 'L-3', expiresOn: '2026-04-20' });
  return w;
}

describe('FEFO for expiry-tracked SKUs', () => {
  it('takes the earliest expiry first and splits a hold across lots', async () => {
    const { hold, stored } = await milk();
    expect((await hold('milk', 4)).lots).toEqual([
      { lot: 'L-1', quantity: 2 },
      { lot: 'L-2', quantity: 2 },
    ]);
    expect((await hold('milk', 3)).lots).toEqual([
      { lot: 'L-2', quantity: 1 },
      { lot: 'L-3', quantity: 2 },
    ]);
    const p = await stored('milk');
    expect(p).toMatchObject({ onHand: 9, reserved: 7 });
    expect(Object.values(p.lots ?? {}).map((l) => [l.lot, l.onHand, l.reserved])).toEqual(
      expect.arrayContaining([
        ['L-1', 2, 2],
        ['L-2', 3, 3],
        ['L-3', 4, 2],
      ]),
    );
  });

  it('decides the same in the decider', () => {
    const n = 'n1' as NodeId;
    const s = 'milk' as SkuId;
    const lot = (id: string, quantity: number, expiresOn: string): EventDraft => ({
      type: 'StockReceived',
      payload: { node: n, sku: s, quantity, lot: id as LotId, expiresOn },
    });
    given(
      [
        { type: 'NodeDefined', payload: { node: Node.parse({ id: 'n1' }) } },
        { type: 'SkuDefined', payload: { sku: Sku.parse({ id: 'milk', lotTracked: true, expiryTracked: true }) } },
        lot('L-2', 3, '2026-04-10'),
        lot('L-1', 2, '2026-04-05'),
        lot('L-3', 4, '2026-04-20'),
      ],
      { now: T0, ids: sequentialIds() },
    )
      .when({ type: 'ReserveStock', node: n, lines: [{ sku: s, quantity: 6 }] })
      .then([
        {
          type: 'StockReserved',
          payload: { reservation: 'res-1' as ReservationId, node: n, sku: s, quantity: 6, lots: [{ lot: 'L-1' as LotId, quantity: 2 }, { lot: 'L-2' as LotId, quantity: 3 }, { lot: 'L-3' as LotId, quantity: 1 }] },
        },
      ]);
  });
});

describe('expired lots', () => {
  // 23:30 UTC on 27 March is 00:30 on 28 March in Berlin (CET, before the switch to summer time).
  const LATE = Date.parse('2026-03-27T23:30:00.000Z');
  async function lastDay(timeZone: string, start = LATE) {
    const w = await world(start, timeZone);
    await w.ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 2, lot: 'OLD', expiresOn: '2026-03-27' });
    await w.ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 3, lot: 'NEW', expiresOn: '2026-04-30' });
    return w;
  }

  it("are skipped from the day after their last day in the node's zone, and shown as a term", async () => {
    const { row, hold, ff } = await lastDay('Europe/Berlin');
    expect(await row('milk')).toMatchObject({
      onHand: 5,
      available: 3,
      terms: [
        { term: 'on hand', units: 5 },
        { term: 'expired lots', units: -2 },
      ],
    });
    expect((await hold('milk', 2)).lots).toEqual([{ lot: 'NEW', quantity: 2 }]);
    await expect(ff.reserve({ node: 'n1', lines: [{ sku: 'milk', quantity: 2 }] })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { shortages: [{ sku: 'milk', requested: 2, available: 1 }] },
    });
  });

  it('are still sold on their last day: in UTC it is still 27 March', async () => {
    const { row, hold } = await lastDay('UTC');
    expect(await row('milk')).toMatchObject({ available: 5, terms: [{ term: 'on hand', units: 5 }] });
    expect((await hold('milk', 3)).lots).toEqual([
      { lot: 'OLD', quantity: 2 },
      { lot: 'NEW', quantity: 1 },
    ]);
  });

  it('count only their free units: what was held before midnight stays held', async () => {
    // 22:30 UTC is 23:30 in Berlin, still the last day of OLD.
    const { row, hold, clock } = await lastDay('Europe/Berlin', LATE - 3_600_000);
    expect((await hold('milk', 1)).lots).toEqual([{ lot: 'OLD', quantity: 1 }]);
    clock.advance(3_600_000);
    expect(await row('milk')).toMatchObject({
      available: 3,
      terms: [
        { term: 'on hand', units: 5 },
        { term: 'reserved', units: -1 },
        { term: 'expired lots', units: -1 },
      ],
    });
  });
});

describe('FIFO for lot-tracked SKUs without expiry', () => {
  /** Bolts received as Z, then A a minute later, then M: lot ids sort against receipt order. */
  async function bolts() {
    const w = await world();
    for (const lot of ['Z', 'A', 'M']) {
      await w.ff.receiveStock({ node: 'n1', sku: 'bolt', quantity: 3, lot });
      w.clock.advance(60_000);
    }
    return w;
  }

  it('takes the earliest receipt first', async () => {
    const { hold } = await bolts();
    expect((await hold('bolt', 4)).lots).toEqual([
      { lot: 'Z', quantity: 3 },
      { lot: 'A', quantity: 1 },
    ]);
  });

  it('keeps the receipt order after a hold of the first lot is released', async () => {
    const { ff, hold, clock } = await bolts();
    const first = await hold('bolt', 2);
    expect(first.lots).toEqual([{ lot: 'Z', quantity: 2 }]);
    clock.advance(60_000);
    await ff.releaseReservations({ reservations: [first.id] });
    expect((await hold('bolt', 2)).lots).toEqual([{ lot: 'Z', quantity: 2 }]);
  });

  it('keeps the receipt instant of a lot when more of it arrives or a hold of it ends', async () => {
    const { ff, hold, stored, clock } = await bolts();
    const receivedAt = (await stored('bolt')).lots?.['Z' as LotId]?.receivedAt;
    expect(receivedAt).toBe('2026-03-27T08:00:00.000Z');
    await ff.receiveStock({ node: 'n1', sku: 'bolt', quantity: 1, lot: 'Z' });
    const held = await hold('bolt', 1);
    clock.advance(60_000);
    await ff.consumeReservations({ reservations: [held.id] });
    expect((await stored('bolt')).lots?.['Z' as LotId]).toMatchObject({ onHand: 3, reserved: 0, receivedAt });
    // The journal, replayed, gives the stored position.
    const replayed = fold(initialState(), (await ff.readJournal()).map((e) => e.event));
    expect(positionOf(replayed, 'n1' as NodeId, 'bolt' as SkuId)).toEqual(await stored('bolt'));
  });
});

describe('receiving and adjusting lots', () => {
  it('refuses a lot-tracked receipt without a lot', async () => {
    const { ff } = await world();
    for (const sku of ['bolt', 'milk']) {
      await expect(ff.receiveStock({ node: 'n1', sku, quantity: 1 })).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ path: ['lot'], code: 'lot_required' }] });
    }
  });

  it('refuses a lot for a SKU that is not lot-tracked', async () => {
    const { ff } = await world();
    await expect(ff.receiveStock({ node: 'n1', sku: 'tee', quantity: 1, lot: 'L-1' })).rejects.toMatchObject({ issues: [{ path: ['lot'], code: 'not_lot_tracked' }] });
  });

  it('needs the expiry of a new lot of an expiry-tracked SKU, not of a known one', async () => {
    const { ff, stored } = await milk();
    await expect(ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 1, lot: 'L-9' })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['expiresOn'], code: 'expiry_required' }],
    });
    await ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 1, lot: 'L-1' });
    expect((await stored('milk')).lots?.['L-1' as LotId]).toMatchObject({ onHand: 3, expiresOn: '2026-04-05' });
  });

  it('lowers the on hand of the lots a consumed reservation took', async () => {
    const { ff, hold, stored, row } = await milk();
    const held = await hold('milk', 4);
    await ff.consumeReservations({ reservations: [held.id] });
    const p = await stored('milk');
    expect(p).toMatchObject({ onHand: 5, reserved: 0 });
    expect(p.lots?.['L-1' as LotId]).toMatchObject({ onHand: 0, reserved: 0 });
    expect(p.lots?.['L-2' as LotId]).toMatchObject({ onHand: 1, reserved: 0 });
    expect(p.lots?.['L-3' as LotId]).toMatchObject({ onHand: 4, reserved: 0 });
    expect((await row('milk')).available).toBe(5);
    expect((await hold('milk', 1)).lots).toEqual([{ lot: 'L-2', quantity: 1 }]);
  });

  it('refuses to adjust a lot below its free units', async () => {
    const { ff, hold, stored } = await milk();
    await hold('milk', 4); // L-1 all 2, L-2 2 of 3: one free unit in L-2
    await expect(ff.adjustStock({ node: 'n1', sku: 'milk', lot: 'L-2', delta: -2, reason: 'damage' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { node: 'n1', sku: 'milk', requested: 2, available: 1 },
    });
    await expect(ff.adjustStock({ node: 'n1', sku: 'milk', lot: 'L-1', delta: -1, reason: 'damage' })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    await ff.receiveStock({ node: 'n1', sku: 'bolt', quantity: 5, lot: 'B-1' });
    await expect(ff.adjustStock({ node: 'n1', sku: 'bolt', lot: 'B-7', delta: -1, reason: 'damage' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { requested: 1, available: 0 },
    });
    await expect(ff.adjustStock({ node: 'n1', sku: 'milk', delta: -1, reason: 'damage' })).rejects.toMatchObject({ issues: [{ path: ['lot'] }] });
    await ff.adjustStock({ node: 'n1', sku: 'milk', lot: 'L-2', delta: -1, reason: 'damage' });
    expect((await stored('milk')).lots?.['L-2' as LotId]).toMatchObject({ onHand: 2, reserved: 2 });
  });

  it('moves the lots a transfer takes, FEFO, off the source', async () => {
    const { ff, stored } = await milk();
    await ff.defineNode({ id: 'n2' });
    await ff.transferStock({ id: 'T-1', from: 'n1', to: 'n2', sku: 'milk', quantity: 3, expectedAt: '2026-03-30T08:00:00.000Z' });
    const shipped = (await ff.readJournal()).map((e) => e.event).find((e) => e.type === 'TransferShipped');
    expect(shipped?.payload).toMatchObject({ lots: [{ lot: 'L-1', quantity: 2 }, { lot: 'L-2', quantity: 1 }] });
    const p = await stored('milk');
    expect(p.onHand).toBe(6);
    expect([p.lots?.['L-1' as LotId]?.onHand, p.lots?.['L-2' as LotId]?.onHand]).toEqual([0, 2]);
  });
});
