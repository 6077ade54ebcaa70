import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

async function released(stock = 10) {
  const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-02T08:00:00Z'), ids: seededIds(31) });
  await ff.defineNode({ id: 'dc' });
  await ff.defineSku({ id: 'a' });
  await ff.defineSku({ id: 'b' });
  await ff.receiveStock({ node: 'dc', sku: 'a', quantity: stock });
  await ff.receiveStock({ node: 'dc', sku: 'b', quantity: stock });
  await ff.placeOrder({ node: 'dc', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 3 }, { id: '2', sku: 'b', quantity: 1 }] } });
  return ff;
}
const statuses = (o: { history: readonly { status: string }[] }) => o.history.map((h) => h.status);
const at = async (ff: Awaited<ReturnType<typeof released>>, sku: string) => (await ff.getAvailability(sku)).nodes[0]!;

describe('partial shipments', () => {
  it('ships part of a line: the hold shrinks, on hand drops, the order is partially shipped', async () => {
    const ff = await released();
    const order = await ff.releaseOrder('o-1');
    const partly = await ff.shipOrder({ order: 'o-1', lines: [{ line: '1', quantity: 1 }] });
    expect(partly.status).toBe('partially-shipped');
    expect(partly.progress).toEqual([
      { line: '1', shipped: 1, cancelled: 0, returned: 0 },
      { line: '2', shipped: 0, cancelled: 0, returned: 0 },
    ]);
    expect(await at(ff, 'a')).toMatchObject({ onHand: 9, reserved: 2 });
    const a = await ff.getReservation(order.reservations[0]!);
    expect(a).toMatchObject({ status: 'active', quantity: 2 });
    const rest = await ff.shipOrder('o-1');
    expect(rest.status).toBe('shipped');
    expect(statuses(rest)).toEqual(['placed', 'reserved', 'released', 'partially-shipped', 'shipped']);
    expect(await at(ff, 'a')).toMatchObject({ onHand: 7, reserved: 0 });
    expect((await ff.getReservation(order.reservations[0]!))?.status).toBe('consumed');
  });

  it('refuses more than is open, an unknown line, and shipping before release', async () => {
    const ff = await released();
    await expect(ff.shipOrder('o-1')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await ff.releaseOrder('o-1');
    const tooMany = await ff.shipOrder({ order: 'o-1', lines: [{ line: '1', quantity: 4 }] }).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['lines', 0, 'quantity'] })] });
    const unknown = await ff.shipOrder({ order: 'o-1', lines: [{ line: '9' }] }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['lines', 0, 'line'] })] });
    await ff.shipOrder({ order: 'o-1', lines: [{ line: '1', quantity: 1 }] });
    await expect(ff.cancelOrder('o-1')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('cancelling lines', () => {
  it('gives a cancelled line’s units back; the order ends cancelled when nothing is left', async () => {
    const ff = await released();
    const one = await ff.cancelLines({ order: 'o-1', lines: [{ line: '2' }], reason: 'out of colour' });
    expect(one.status).toBe('reserved');
    expect(one.history.at(-1)).toMatchObject({ status: 'reserved', reason: 'lines cancelled: out of colour' });
    expect(await at(ff, 'b')).toMatchObject({ reserved: 0, available: 10 });
    const part = await ff.cancelLines({ order: 'o-1', lines: [{ line: '1', quantity: 1 }] });
    expect(await at(ff, 'a')).toMatchObject({ reserved: 2, available: 8 });
    expect(part.progress[0]).toEqual({ line: '1', shipped: 0, cancelled: 1, returned: 0 });
    const done = await ff.cancelLines({ order: 'o-1', lines: [{ line: '1' }] });
    expect(done.status).toBe('cancelled');
    expect(await at(ff, 'a')).toMatchObject({ reserved: 0, available: 10 });
  });

  it('ends a partly shipped order as shipped when its rest is cancelled', async () => {
    const ff = await released();
    await ff.releaseOrder('o-1');
    await ff.shipOrder({ order: 'o-1', lines: [{ line: '1' }] });
    const done = await ff.cancelLines({ order: 'o-1', lines: [{ line: '2' }], reason: 'customer no longer wants it' });
    expect(done.status).toBe('shipped');
    expect(done.progress).toEqual([
      { line: '1', shipped: 3, cancelled: 0, returned: 0 },
      { line: '2', shipped: 0, cancelled: 1, returned: 0 },
    ]);
    expect(await at(ff, 'b')).toMatchObject({ onHand: 10, reserved: 0 });
  });

  it('cancels the lines of a backordered order without touching stock', async () => {
    const ff = await released(3);
    const o = await ff.placeOrder({ node: 'dc', onShortage: 'backorder', order: { id: 'o-2', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
    expect(o.status).toBe('backordered');
    expect((await ff.cancelLines({ order: 'o-2', lines: [{ line: '1' }] })).status).toBe('cancelled');
  });

  it('a whole cancellation closes every open line', async () => {
    const ff = await released();
    const o = await ff.cancelOrder('o-1');
    expect(o.progress.map((p) => p.cancelled)).toEqual([3, 1]);
    await expect(ff.cancelLines({ order: 'o-1', lines: [{ line: '1' }] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('lots on a partial shipment', () => {
  it('consumes the reservation’s lots in the order they were chosen', async () => {
    const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-02T08:00:00Z'), ids: seededIds(32) });
    await ff.defineNode({ id: 'dc' });
    await ff.defineSku({ id: 'milk', lotTracked: true, expiryTracked: true });
    await ff.receiveStock({ node: 'dc', sku: 'milk', quantity: 2, lot: 'late', expiresOn: '2026-03-20' });
    await ff.receiveStock({ node: 'dc', sku: 'milk', quantity: 2, lot: 'soon', expiresOn: '2026-03-05' });
    const o = await ff.placeOrder({ node: 'dc', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'milk', quantity: 3 }] } });
    await ff.releaseOrder('o-1');
    await ff.shipOrder({ order: 'o-1', lines: [{ line: '1', quantity: 2 }] });
    expect((await ff.getReservation(o.reservations[0]!))?.lots).toEqual([{ lot: 'late', quantity: 1 }]);
  });
});
