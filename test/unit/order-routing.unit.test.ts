import { createFulfillment, type FulfillmentOptions, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

/** Berlin holds tees and mugs, Hamburg only mugs; a shipment costs 5, a split 3 more. */
async function network(options: Partial<FulfillmentOptions> = {}) {
  const ff = createFulfillment({
    store: memoryStore(),
    clock: new SimulatedClock('2026-03-02T08:00:00Z'),
    ids: seededIds(51),
    policies: { routing: { cost: { perShipment: 5, carrier: { base: 0, perKm: 0.01, perKg: 0 }, splitPenalty: 3, latenessPerDay: 0 } } },
    ...options,
  });
  await ff.defineNode({ id: 'berlin', geo: { lat: 52.52, lon: 13.4 } });
  await ff.defineNode({ id: 'hamburg', geo: { lat: 53.55, lon: 9.99 } });
  await ff.defineSku({ id: 'tee' });
  await ff.defineSku({ id: 'mug' });
  await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 5 });
  await ff.receiveStock({ node: 'berlin', sku: 'mug', quantity: 1 });
  await ff.receiveStock({ node: 'hamburg', sku: 'mug', quantity: 10 });
  return ff;
}
const shipTo = { lines: ['Jungfernstieg 1'], city: 'Hamburg', country: 'DE', geo: { lat: 53.55, lon: 9.99 } };
const order = (id: string, lines: [string, number][]) => ({ id, channel: 'web', shipTo, lines: lines.map(([sku, quantity], i) => ({ id: `${i + 1}`, sku, quantity })) });

describe('placement routed across nodes', () => {
  it('ships from one node when it can serve all, records the plan and why', async () => {
    const ff = await network();
    const o = await ff.placeOrder({ order: order('o-1', [['tee', 1], ['mug', 1]]) });
    expect(o).toMatchObject({ status: 'reserved', node: 'berlin', shipments: [{ node: 'berlin' }] });
    const why = await ff.explainOrder('o-1');
    expect(why?.routing).toHaveLength(1);
    expect(why?.routing[0]).toMatchObject({ status: 'complete', shipments: [{ node: 'berlin' }] });
    const trace = why?.routing[0]?.trace as { chosen: string[] } | undefined;
    expect(trace?.chosen).toEqual(['berlin']);
    expect(why?.events.map((e) => e.event.type)).toEqual(['OrderPlaced', 'OrderRouted', 'StockReserved', 'StockReserved', 'OrderReserved', 'CapacityBooked']);
  });

  it('splits when no node has it all, and each shipment ships from its node', async () => {
    const ff = await network();
    const o = await ff.placeOrder({ order: order('o-1', [['tee', 2], ['mug', 3]]) });
    // Two shipments either way (tees only in Berlin, not enough mugs there): mugs may come from both.
    const units = (node: string, sku: string) =>
      o.shipments?.find((s) => s.node === node)?.lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.quantity, 0) ?? 0;
    expect(o.shipments?.map((s) => s.node)).toEqual(['berlin', 'hamburg']);
    expect([units('berlin', 'tee'), units('berlin', 'mug') + units('hamburg', 'mug')]).toEqual([2, 3]);
    await ff.releaseOrder('o-1');
    const part = await ff.shipOrder({ order: 'o-1', node: 'hamburg' });
    expect(part.status).toBe('partially-shipped');
    expect((await ff.getAvailability('mug', { node: 'hamburg' })).onHand).toBe(10 - units('hamburg', 'mug'));
    expect((await ff.shipOrder({ order: 'o-1', node: 'berlin' })).status).toBe('shipped');
    expect((await ff.getAvailability('tee', { node: 'berlin' })).onHand).toBe(3);
    expect((await ff.getAvailability('mug')).reserved).toBe(0);
  });

  it('backorders what no node can serve, keeping what it could route', async () => {
    const ff = await network();
    const o = await ff.placeOrder({ onShortage: 'backorder', order: order('o-1', [['tee', 7], ['mug', 1]]) });
    expect(o.status).toBe('backordered');
    expect(o.statusReason).toBe('short: tee 5/7');
    expect((await ff.getAvailability('tee')).reserved).toBe(5);
  });

  it('refuses, writing nothing, an order no plan serves in full when told to reject', async () => {
    const ff = await network();
    const before = (await ff.readJournal()).length;
    await expect(ff.placeOrder({ order: order('o-1', [['tee', 9]]) })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect((await ff.readJournal()).length).toBe(before);
  });

  it('keeps other channels’ ring-fences out of what it routes', async () => {
    const ff = await network();
    await ff.defineNode({ id: 'hamburg', geo: { lat: 53.55, lon: 9.99 }, ringFences: [{ channel: 'store', quantity: 10 }] });
    const o = await ff.placeOrder({ onShortage: 'backorder', order: order('o-1', [['mug', 2]]) });
    expect(o.shipments?.map((s) => s.node)).toEqual(['berlin']);
    expect(o.status).toBe('backordered');
  });

  it('takes the routing policy of the call over the runtime’s', async () => {
    const ff = await network();
    const o = await ff.placeOrder({ order: order('o-1', [['mug', 1]]), routing: { preferredNode: 'berlin', preferredDiscount: 100 } });
    expect(o.node).toBe('berlin');
    const p = await ff.placeOrder({ order: order('o-2', [['mug', 1]]) });
    expect(p.node).toBe('hamburg');
  });
});
