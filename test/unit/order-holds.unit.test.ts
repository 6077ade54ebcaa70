import { createFulfillment, type FulfillmentOptions, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

async function shop(options: Partial<FulfillmentOptions> = {}, stock = 10) {
  const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-02T08:00:00Z'), ids: seededIds(21), ...options });
  await ff.defineNode({ id: 'dc' });
  await ff.defineSku({ id: 'tee' });
  await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: stock });
  return ff;
}
const order = (extra: Record<string, unknown> = {}, quantity = 2) => ({
  id: 'o-1',
  channel: 'web',
  lines: [{ id: '1', sku: 'tee', quantity, unitPrice: 20 }],
  shipTo: { lines: ['Main St 1'], city: 'Berlin', country: 'DE', geo: { lat: 52.5, lon: 13.4 } },
  ...extra,
});
const statuses = (o: { history: readonly { status: string }[] }) => o.history.map((h) => h.status);

describe('hold rules at placement', () => {
  it('holds an order whose payment is pending, keeping its stock, until the payment clears', async () => {
    const ff = await shop();
    const held = await ff.placeOrder({ node: 'dc', order: order({ paymentStatus: 'pending' }) });
    expect(held).toMatchObject({ status: 'on-hold', holds: [{ kind: 'payment', reason: 'payment pending' }] });
    expect(statuses(held)).toEqual(['placed', 'reserved', 'on-hold']);
    expect((await ff.getAvailability('tee')).available).toBe(8);
    await expect(ff.releaseOrder('o-1')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await ff.updatePayment({ order: 'o-1', paymentStatus: 'failed' })).status).toBe('on-hold');
    const paid = await ff.updatePayment({ order: 'o-1', paymentStatus: 'authorized' });
    expect(paid).toMatchObject({ status: 'reserved', holds: [], paymentStatus: 'authorized' });
    expect(paid.history.at(-1)).toMatchObject({ status: 'reserved', reason: 'payment hold lifted by rule: payment authorized' });
    expect((await ff.releaseOrder('o-1')).status).toBe('released');
  });

  it('fires fraud, address, value and manual rules, one hold each, with their reasons', async () => {
    const ff = await shop({
      policies: { holds: { rules: [{ kind: 'fraud', over: 70 }, { kind: 'address' }, { kind: 'value', over: 100 }, { kind: 'manual' }] } },
    });
    const o = await ff.placeOrder({ node: 'dc', order: order({ fraudScore: 85, shipTo: undefined, tags: ['hold'] }, 6) });
    expect(o.holds.map((h) => [h.kind, h.reason])).toEqual([
      ['fraud', 'fraud score 85 over 70'],
      ['address', 'no ship-to address'],
      ['value', 'order value 120 over 100'],
      ['manual', 'tagged hold'],
    ]);
    const noGeo = await ff.placeOrder({ node: 'dc', order: { ...order({}, 1), id: 'o-2', shipTo: { lines: ['x'], city: 'Berlin', country: 'DE' } } });
    expect(noGeo.holds).toEqual([expect.objectContaining({ kind: 'address', reason: 'ship-to address has no geo position' })]);
  });

  it('takes the rules of the call over the runtime’s, and none fire on a clean order', async () => {
    const ff = await shop();
    expect((await ff.placeOrder({ node: 'dc', order: order({ paymentStatus: 'pending' }), holds: { rules: [] } })).status).toBe('reserved');
    expect((await ff.placeOrder({ node: 'dc', order: { ...order(), id: 'o-2' } })).status).toBe('reserved');
  });

  it('holds from the start when a person says so', async () => {
    const ff = await shop();
    const o = await ff.placeOrder({ node: 'dc', order: order(), holdReason: 'VIP: call first' });
    expect(o.holds).toEqual([expect.objectContaining({ kind: 'manual', reason: 'VIP: call first' })]);
  });
});

describe('lifting holds', () => {
  it('resumes only when the last hold is lifted, and says who lifted each', async () => {
    const ff = await shop({ policies: { holds: { rules: [{ kind: 'fraud', over: 50 }, { kind: 'value', over: 10 }] } } });
    await ff.placeOrder({ node: 'dc', order: order({ fraudScore: 90 }) });
    const one = await ff.releaseHold({ order: 'o-1', kind: 'fraud', note: 'checked by phone' });
    expect(one).toMatchObject({ status: 'on-hold', holds: [expect.objectContaining({ kind: 'value' })] });
    expect(one.history.at(-1)).toMatchObject({ status: 'on-hold', reason: 'fraud hold lifted by person: checked by phone' });
    expect((await ff.releaseHold('o-1')).status).toBe('reserved');
    await expect(ff.releaseHold('o-1')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('reserves on release an order held before it reserved, or backorders it when stock went meanwhile', async () => {
    const ff = await shop({ policies: { holds: { reserveWhileHeld: false } } }, 3);
    const held = await ff.placeOrder({ node: 'dc', order: order({ paymentStatus: 'pending' }) });
    expect(statuses(held)).toEqual(['placed', 'on-hold']);
    expect((await ff.getAvailability('tee')).available).toBe(3);
    expect((await ff.updatePayment({ order: 'o-1', paymentStatus: 'paid' })).status).toBe('reserved');
    expect((await ff.getAvailability('tee')).available).toBe(1);
    await ff.placeOrder({ node: 'dc', order: { ...order({ paymentStatus: 'pending' }), id: 'o-2' } });
    await ff.adjustStock({ node: 'dc', sku: 'tee', delta: -1, reason: 'damage' });
    expect((await ff.releaseHold('o-2')).status).toBe('backordered');
  });

  it('returns a backordered order to backordered', async () => {
    const ff = await shop({}, 1);
    const o = await ff.placeOrder({ node: 'dc', onShortage: 'backorder', order: order({ paymentStatus: 'pending' }) });
    expect(statuses(o)).toEqual(['placed', 'backordered', 'on-hold']);
    expect((await ff.updatePayment({ order: 'o-1', paymentStatus: 'paid' })).status).toBe('backordered');
  });

  it('lets a person hold a reserved order and release it; cancelling a held order frees its stock', async () => {
    const ff = await shop();
    await ff.placeOrder({ node: 'dc', order: order() });
    expect((await ff.holdOrder({ order: 'o-1', reason: 'address check' })).status).toBe('on-hold');
    await expect(ff.holdOrder({ order: 'o-1', reason: 'again' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await ff.releaseHold('o-1')).status).toBe('reserved');
    await ff.holdOrder({ order: 'o-1', reason: 'fraud team' });
    expect((await ff.cancelOrder('o-1')).status).toBe('cancelled');
    expect((await ff.getAvailability('tee')).available).toBe(10);
  });

  it('refuses a hold kind it does not know, with its path', async () => {
    const ff = await shop();
    await ff.placeOrder({ node: 'dc', order: order({ paymentStatus: 'pending' }) });
    const e = await ff.releaseHold({ order: 'o-1', kind: 'weather' as never }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['kind'] })] });
  });
});

describe('holds end with the order', () => {
  it('a cancelled order keeps no hold, and a later payment update only records the payment', async () => {
    const ff = await shop();
    await ff.placeOrder({ node: 'dc', order: order({ paymentStatus: 'pending' }) });
    expect((await ff.cancelOrder('o-1')).holds).toEqual([]);
    expect(await ff.updatePayment({ order: 'o-1', paymentStatus: 'refunded' })).toMatchObject({ status: 'cancelled', paymentStatus: 'refunded' });
  });
});

describe('resuming after lines changed while held', () => {
  it('returns a backordered order to backordered even when a line was cancelled while it was held', async () => {
    const ff = await shop({}, 1);
    await ff.defineSku({ id: 'mug' });
    const lines = [
      { id: '1', sku: 'tee', quantity: 1 },
      { id: '2', sku: 'mug', quantity: 1 },
    ];
    await ff.placeOrder({ node: 'dc', onShortage: 'backorder', order: { ...order({ paymentStatus: 'pending' }), lines } });
    await ff.cancelLines({ order: 'o-1', lines: [{ line: '1' }] });
    await ff.receiveStock({ node: 'dc', sku: 'mug', quantity: 1 });
    // It was backordered when held; the backlog (not the payment) decides when it gets stock.
    expect((await ff.updatePayment({ order: 'o-1', paymentStatus: 'paid' })).status).toBe('backordered');
    expect((await ff.allocateBacklog()).filled).toEqual(['o-1']);
  });
});
