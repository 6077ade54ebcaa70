import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

const DAY = 24 * 3600 * 1000;

async function shipped() {
  const clock = new SimulatedClock('2026-03-02T08:00:00Z');
  const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(41) });
  await ff.defineNode({ id: 'dc' });
  await ff.defineNode({ id: 'outlet' });
  await ff.defineSku({ id: 'tee' });
  await ff.defineSku({ id: 'milk', lotTracked: true });
  await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 10 });
  await ff.placeOrder({ node: 'dc', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'tee', quantity: 3 }] } });
  await ff.releaseOrder('o-1');
  await ff.shipOrder('o-1');
  return { ff, clock };
}

describe('returns', () => {
  it('restocks, refurbishes and closes: the order is returned when every shipped unit is back', async () => {
    const { ff, clock } = await shipped();
    const rma = await ff.authorizeReturn({ order: 'o-1', id: 'RMA-1', lines: [{ line: '1', quantity: 3, reason: 'too small' }] });
    expect(rma).toMatchObject({ id: 'RMA-1', node: 'dc', status: 'authorized', lines: [{ line: '1', sku: 'tee', quantity: 3, received: 0, reason: 'too small' }] });
    const partly = await ff.receiveReturn({ rma: 'RMA-1', lines: [{ line: '1', quantity: 1, disposition: 'restock' }] });
    expect(partly.status).toBe('partially-received');
    expect((await ff.getAvailability('tee')).onHand).toBe(8);
    await ff.receiveReturn({ rma: 'RMA-1', lines: [{ line: '1', quantity: 1, disposition: 'refurbish' }, { line: '1', quantity: 1, disposition: 'scrap' }] });
    const order = await ff.getOrder('o-1');
    expect(order).toMatchObject({ status: 'returned', progress: [{ line: '1', shipped: 3, cancelled: 0, returned: 3 }] });
    expect((await ff.getReturn('RMA-1'))?.status).toBe('received');
    // The refurbished unit is due back in 7 days: on hand now 8, promised from then on 9.
    const now = await ff.getAvailability('tee');
    const later = await ff.getAvailability('tee', { on: clock.now() + 7 * DAY });
    expect([now.available, later.available]).toEqual([8, 9]);
    expect(later.nodes[0]?.terms.find((t) => t.term.startsWith('refurbish'))?.units).toBe(1);
  });

  it('sends units back to another node when named', async () => {
    const { ff } = await shipped();
    await ff.authorizeReturn({ order: 'o-1', id: 'RMA-2', node: 'outlet', lines: [{ line: '1', quantity: 1 }] });
    await ff.receiveReturn({ rma: 'RMA-2', lines: [{ line: '1', quantity: 1, disposition: 'restock' }] });
    expect((await ff.getAvailability('tee', { node: 'outlet' })).onHand).toBe(1);
    expect((await ff.getOrder('o-1'))?.status).toBe('shipped');
  });

  it('never authorises more than shipped, counting earlier returns, nor before shipment', async () => {
    const { ff } = await shipped();
    await ff.authorizeReturn({ order: 'o-1', id: 'RMA-1', lines: [{ line: '1', quantity: 2 }] });
    const tooMany = await ff.authorizeReturn({ order: 'o-1', id: 'RMA-2', lines: [{ line: '1', quantity: 2 }] }).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['lines', 0, 'quantity'] })] });
    await ff.placeOrder({ node: 'dc', order: { id: 'o-2', channel: 'web', lines: [{ id: '1', sku: 'tee', quantity: 1 }] } });
    await expect(ff.authorizeReturn({ order: 'o-2', lines: [{ line: '1', quantity: 1 }] })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('never receives more than authorised, and an RMA id is idempotent', async () => {
    const { ff } = await shipped();
    const input = { order: 'o-1', id: 'RMA-1', lines: [{ line: '1', quantity: 1 }] };
    const first = await ff.authorizeReturn(input);
    expect(await ff.authorizeReturn(input)).toEqual(first);
    await expect(ff.authorizeReturn({ ...input, lines: [{ line: '1', quantity: 2 }] })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const over = await ff.receiveReturn({ rma: 'RMA-1', lines: [{ line: '1', quantity: 2, disposition: 'restock' }] }).catch((e: unknown) => e);
    expect(over).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['lines', 0, 'quantity'] })] });
    await expect(ff.receiveReturn({ rma: 'RMA-9', lines: [{ line: '1', quantity: 1, disposition: 'scrap' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('asks for a lot-tracked unit to be received with its lot instead of restocking it blind', async () => {
    const { ff } = await shipped();
    await ff.receiveStock({ node: 'dc', sku: 'milk', quantity: 2, lot: 'L1' });
    await ff.placeOrder({ node: 'dc', order: { id: 'o-2', channel: 'web', lines: [{ id: '1', sku: 'milk', quantity: 1 }] } });
    await ff.releaseOrder('o-2');
    await ff.shipOrder('o-2');
    await ff.authorizeReturn({ order: 'o-2', id: 'RMA-3', lines: [{ line: '1', quantity: 1 }] });
    const e = await ff.receiveReturn({ rma: 'RMA-3', lines: [{ line: '1', quantity: 1, disposition: 'restock' }] }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'VALIDATION', issues: [expect.objectContaining({ path: ['lines', 0, 'disposition'] })] });
  });
});
