import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

const T0 = '2026-03-02T08:00:00Z';

/** Berlin is cheap but takes 2 orders and 5 units a day; Hamburg costs more and has no limit. */
async function network(clock = new SimulatedClock(T0), timeZone = 'Europe/Berlin') {
  const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(77) });
  await ff.defineNode({ id: 'berlin', timeZone, costs: { perOrder: 1 }, dailyCapacity: { orders: 2, units: 5 } });
  await ff.defineNode({ id: 'hamburg', costs: { perOrder: 4 } });
  await ff.defineSku({ id: 'tee' });
  await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 50 });
  await ff.receiveStock({ node: 'hamburg', sku: 'tee', quantity: 50 });
  return { ff, clock };
}
const order = (id: string, quantity = 1) => ({ id, channel: 'web', lines: [{ id: '1', sku: 'tee', quantity }] });
const booked = async (ff: Awaited<ReturnType<typeof network>>['ff'], node = 'berlin') => (await ff.getCapacity({ nodes: [node] }))[0]?.booked;

describe('daily node capacity', () => {
  it('routes to a node until its orders for the day run out, then elsewhere, saying why', async () => {
    const { ff } = await network();
    const nodes = [];
    for (const id of ['o-1', 'o-2', 'o-3']) nodes.push((await ff.placeOrder({ order: order(id) })).node);
    expect(nodes).toEqual(['berlin', 'berlin', 'hamburg']);
    expect(await ff.getCapacity({ nodes: ['berlin'] })).toEqual([
      { node: 'berlin', day: '2026-03-02', capacity: { orders: 2, units: 5 }, booked: { orders: 2, units: 2 }, left: { orders: 0, units: 3 } },
    ]);
    const trace = (await ff.explainOrder('o-3'))?.routing.at(-1);
    expect(JSON.stringify(trace)).toContain('no order capacity left today');
  });

  it('counts units too: an order bigger than the units left goes (at least partly) elsewhere', async () => {
    const { ff } = await network();
    await ff.placeOrder({ order: order('o-1', 4) });
    const o = await ff.placeOrder({ order: order('o-2', 3) });
    expect(o.status).toBe('reserved');
    expect((await booked(ff))?.units).toBeLessThanOrEqual(5);
    expect(o.shipments?.some((s) => s.node === 'hamburg')).toBe(true);
  });

  it('gives capacity back when an order is cancelled, and when lines are', async () => {
    const { ff } = await network();
    await ff.placeOrder({ order: order('o-1', 2) });
    await ff.placeOrder({ order: order('o-2', 1) });
    await ff.cancelOrder({ order: 'o-1', reason: 'changed mind' });
    expect(await booked(ff)).toEqual({ orders: 1, units: 1 });
    expect((await ff.placeOrder({ order: order('o-3', 1) })).node).toBe('berlin');
    await ff.cancelLines({ order: 'o-3', lines: [{ line: '1' }], reason: 'out of colour' });
    expect(await booked(ff)).toEqual({ orders: 1, units: 1 });
    expect((await ff.getOrder('o-3'))?.bookings).toBeUndefined();
  });

  it("starts afresh on the node's next local day, not the UTC one", async () => {
    // 22:59 UTC is 23:59 in Berlin (winter time); a minute later Berlin is on the 3rd, UTC still on the 2nd.
    const { ff, clock } = await network(new SimulatedClock('2026-03-02T22:59:00Z'));
    await ff.placeOrder({ order: order('o-1') });
    await ff.placeOrder({ order: order('o-2') });
    expect((await ff.placeOrder({ order: order('o-3') })).node).toBe('hamburg');
    clock.advance(60_000);
    expect((await ff.placeOrder({ order: order('o-4') })).node).toBe('berlin');
    expect((await ff.getCapacity({ nodes: ['berlin'] }))[0]).toMatchObject({ day: '2026-03-03', booked: { orders: 1, units: 1 } });
    expect((await ff.getCapacity({ nodes: ['berlin'], day: '2026-03-02' }))[0]?.booked).toEqual({ orders: 2, units: 2 });
  });

  it('moves the booking with a reroute: off the node it leaves, onto the one that takes the units', async () => {
    const { ff } = await network();
    await ff.placeOrder({ order: order('o-1', 2) });
    const moved = await ff.rerouteOrder({ order: 'o-1', from: 'berlin', reason: 'node closed' });
    expect(moved.shipments?.map((s) => s.node)).toEqual(['hamburg']);
    expect(await booked(ff)).toEqual({ orders: 0, units: 0 });
    expect(await booked(ff, 'hamburg')).toEqual({ orders: 1, units: 2 });
    expect(moved.bookings).toEqual([{ node: 'hamburg', day: '2026-03-02', units: 2 }]);
  });

  it('books a node the host names even past its capacity, and routing then steers clear of it', async () => {
    const { ff } = await network();
    for (const id of ['o-1', 'o-2', 'o-3']) await ff.placeOrder({ node: 'berlin', order: order(id) });
    expect(await booked(ff)).toEqual({ orders: 3, units: 3 });
    expect((await ff.placeOrder({ order: order('o-4') })).node).toBe('hamburg');
  });
});

describe('cancelling lines of a backordered order', () => {
  it('cancels the missing units first and gives back held units only when fewer stay open', async () => {
    const { ff } = await network();
    await ff.defineSku({ id: 'mug' });
    await ff.receiveStock({ node: 'hamburg', sku: 'mug', quantity: 2 });
    const placed = await ff.placeOrder({ onShortage: 'backorder', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'mug', quantity: 5 }] } });
    expect(placed.status).toBe('backordered');
    expect((await ff.getAvailability('mug')).reserved).toBe(2);
    // 3 units were missing: cancelling 3 keeps the 2 held for the 2 still open.
    await ff.cancelLines({ order: 'o-1', lines: [{ line: '1', quantity: 3 }], reason: 'customer' });
    expect((await ff.getAvailability('mug')).reserved).toBe(2);
    await ff.cancelLines({ order: 'o-1', lines: [{ line: '1', quantity: 1 }], reason: 'customer' });
    expect((await ff.getAvailability('mug')).reserved).toBe(1);
    expect(await booked(ff, 'hamburg')).toEqual({ orders: 1, units: 1 });
  });
});
