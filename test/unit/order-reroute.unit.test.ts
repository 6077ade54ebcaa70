import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

async function network(hamburgStock = 5) {
  const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-02T08:00:00Z'), ids: seededIds(71) });
  await ff.defineNode({ id: 'berlin', geo: { lat: 52.52, lon: 13.4 } });
  await ff.defineNode({ id: 'hamburg', geo: { lat: 53.55, lon: 9.99 } });
  await ff.defineSku({ id: 'tee' });
  await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 5 });
  if (hamburgStock > 0) await ff.receiveStock({ node: 'hamburg', sku: 'tee', quantity: hamburgStock });
  await ff.placeOrder({ node: 'berlin', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'tee', quantity: 3 }] } });
  return ff;
}
const held = async (ff: Awaited<ReturnType<typeof network>>, node: string) => (await ff.getAvailability('tee', { node })).reserved;

describe('rerouteOrder', () => {
  it('moves everything an order holds at a node that cannot ship to another, with the reason and the plan', async () => {
    const ff = await network();
    const o = await ff.rerouteOrder({ order: 'o-1', from: 'berlin', reason: 'node closed for stocktake' });
    expect(o).toMatchObject({ status: 'reserved', node: 'hamburg', shipments: [{ node: 'hamburg', lines: [{ line: '1', quantity: 3 }] }] });
    expect([await held(ff, 'berlin'), await held(ff, 'hamburg')]).toEqual([0, 3]);
    expect(o.history.at(-1)).toMatchObject({ status: 'reserved', reason: 'rerouted from berlin: node closed for stocktake' });
    const why = await ff.explainOrder('o-1');
    expect(why?.routing.at(-1)).toMatchObject({ status: 'reserved', from: 'berlin', shipments: [{ node: 'hamburg' }] });
  });

  it('moves only a short pick’s units, taking a released order back to reserved', async () => {
    const ff = await network();
    await ff.releaseOrder('o-1');
    const o = await ff.rerouteOrder({ order: 'o-1', from: 'berlin', lines: [{ line: '1', quantity: 1 }], reason: 'short pick' });
    expect(o.status).toBe('reserved');
    expect([await held(ff, 'berlin'), await held(ff, 'hamburg')]).toEqual([2, 1]);
    expect(o.shipments?.map((s) => [s.node, s.lines[0]?.quantity])).toEqual([
      ['berlin', 2],
      ['hamburg', 1],
    ]);
    await ff.releaseOrder('o-1');
    expect((await ff.shipOrder({ order: 'o-1', node: 'hamburg' })).status).toBe('partially-shipped');
    expect((await ff.shipOrder({ order: 'o-1', node: 'berlin' })).status).toBe('shipped');
  });

  it('backorders the units no other node can take', async () => {
    const ff = await network(0);
    await ff.releaseOrder('o-1');
    const o = await ff.rerouteOrder({ order: 'o-1', from: 'berlin' });
    expect(o.status).toBe('backordered');
    expect(await held(ff, 'berlin')).toBe(0);
  });

  it('refuses a node the order holds nothing at, more than it holds, and a shipped order', async () => {
    const ff = await network();
    const none = await ff.rerouteOrder({ order: 'o-1', from: 'hamburg' }).catch((e: unknown) => e);
    expect(none).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['from'] })] });
    const tooMany = await ff.rerouteOrder({ order: 'o-1', from: 'berlin', lines: [{ line: '1', quantity: 4 }] }).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['lines', 0, 'quantity'] })] });
    await ff.releaseOrder('o-1');
    await ff.shipOrder('o-1');
    await expect(ff.rerouteOrder({ order: 'o-1', from: 'berlin' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});
