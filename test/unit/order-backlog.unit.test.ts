import { createFulfillment, type FulfillmentOptions, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

async function backlog(options: Partial<FulfillmentOptions> = {}) {
  const clock = new SimulatedClock('2026-03-02T08:00:00Z');
  const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(61), ...options });
  await ff.defineNode({ id: 'dc' });
  await ff.defineNode({ id: 'shop' });
  await ff.defineSku({ id: 'tee' });
  const place = async (id: string, quantity: number, extra: Record<string, unknown> = {}, node = 'dc') => {
    clock.advance(60_000);
    return ff.placeOrder({ node, onShortage: 'backorder', order: { id, channel: 'web', lines: [{ id: '1', sku: 'tee', quantity, unitPrice: 10 }], ...extra } });
  };
  return { ff, place };
}

describe('allocateBacklog', () => {
  it('fills backorders first come first served when stock arrives, each order whole or not at all', async () => {
    const { ff, place } = await backlog();
    await place('o-1', 2);
    await place('o-2', 3);
    await place('o-3', 1);
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 4 });
    const report = await ff.allocateBacklog();
    // FIFO: o-1 (2) fits, o-2 (3) does not with 2 left, o-3 (1) does.
    expect(report).toEqual({ filled: ['o-1', 'o-3'], waiting: ['o-2'] });
    expect((await ff.getOrder('o-1'))?.status).toBe('reserved');
    expect((await ff.getOrder('o-2'))?.status).toBe('backordered');
    expect((await ff.getAvailability('tee')).available).toBe(1);
  });

  it('serves higher priority first under the priority rule', async () => {
    const { ff, place } = await backlog({ policies: { allocation: { rule: 'priority' } } });
    await place('o-1', 3, { priority: 1 });
    await place('o-2', 3, { priority: 9 });
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 3 });
    expect((await ff.allocateBacklog()).filled).toEqual(['o-2']);
  });

  it('takes the rule of the call, and only the node asked', async () => {
    const { ff, place } = await backlog();
    await place('o-1', 1);
    await place('o-2', 1, {}, 'shop');
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 5 });
    await ff.receiveStock({ node: 'shop', sku: 'tee', quantity: 5 });
    expect(await ff.allocateBacklog({ node: 'shop', policy: { rule: 'edd' } })).toEqual({ filled: ['o-2'], waiting: [] });
    expect((await ff.getOrder('o-1'))?.status).toBe('backordered');
    expect((await ff.allocateBacklog()).filled).toEqual(['o-1']);
  });

  it('leaves the backlog as it is when nothing arrived, and writes nothing', async () => {
    const { ff, place } = await backlog();
    await place('o-1', 2);
    const before = (await ff.readJournal()).length;
    expect(await ff.allocateBacklog()).toEqual({ filled: [], waiting: ['o-1'] });
    expect((await ff.readJournal()).length).toBe(before);
  });

  it('refuses a rule it does not know, with its path', async () => {
    const { ff } = await backlog();
    const e = await ff.allocateBacklog({ policy: { rule: 'lottery' } as never }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['policy', 'rule'] })] });
  });
});

describe('backorders filled on receipt', () => {
  it('fills a node’s backlog as soon as stock arrives there, when the policy says so', async () => {
    const { ff, place } = await backlog({ policies: { fillBackordersOnReceipt: true } });
    await place('o-1', 2);
    await place('o-2', 2, {}, 'shop');
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 2 });
    expect((await ff.getOrder('o-1'))?.status).toBe('reserved');
    expect((await ff.getOrder('o-2'))?.status).toBe('backordered');
  });
});

describe('allocateBacklog with lots and capacity', () => {
  it('gives two filled orders different lot units (FEFO across the whole fill)', async () => {
    const clock = new SimulatedClock('2026-03-02T08:00:00Z');
    const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(62) });
    await ff.defineNode({ id: 'dc' });
    await ff.defineSku({ id: 'milk', lotTracked: true, expiryTracked: true });
    for (const id of ['o-1', 'o-2']) {
      await ff.placeOrder({ node: 'dc', onShortage: 'backorder', order: { id, channel: 'web', lines: [{ id: '1', sku: 'milk', quantity: 2 }] } });
    }
    await ff.receiveStock({ node: 'dc', sku: 'milk', quantity: 2, lot: 'L-1', expiresOn: '2026-04-05' });
    await ff.receiveStock({ node: 'dc', sku: 'milk', quantity: 3, lot: 'L-2', expiresOn: '2026-04-10' });
    expect((await ff.allocateBacklog()).filled).toEqual(['o-1', 'o-2']);
    const lotsOf = async (id: string) => {
      const order = await ff.getOrder(id);
      return (await ff.getReservation(order!.reservations.at(-1)!))?.lots;
    };
    expect([await lotsOf('o-1'), await lotsOf('o-2')]).toEqual([[{ lot: 'L-1', quantity: 2 }], [{ lot: 'L-2', quantity: 2 }]]);
  });

  it("books a filled order's units on the node's day, and a pre-empted order gives its booking back", async () => {
    const { ff, place } = await backlog({ policies: { allocation: { rule: 'priority', preemption: {} } } });
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 2 });
    await place('low', 2, { priority: 1 });
    await place('vip', 2, { priority: 9 });
    const booked = async () => (await ff.getCapacity({ nodes: ['dc'] }))[0]?.booked;
    expect(await booked()).toEqual({ orders: 1, units: 2 });
    await ff.allocateBacklog();
    expect((await ff.getOrder('vip'))?.bookings).toEqual([{ node: 'dc', day: '2026-03-02', units: 2 }]);
    expect((await ff.getOrder('low'))?.bookings).toBeUndefined();
    expect(await booked()).toEqual({ orders: 1, units: 2 });
  });
});
