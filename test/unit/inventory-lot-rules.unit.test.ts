import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

async function shop() {
  const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-02T08:00:00Z'), ids: seededIds(11) });
  await ff.defineNode({ id: 'shop' });
  await ff.defineSku({ id: 'milk', lotTracked: true, expiryTracked: true });
  await ff.receiveStock({ node: 'shop', sku: 'milk', quantity: 5, lot: 'L1', expiresOn: '2026-03-10' });
  return ff;
}
const pathsOf = (e: unknown) => (e as { issues: { path: unknown[] }[] }).issues.map((i) => i.path);

describe('lot rules', () => {
  it('refuses expiry tracking without lot tracking', async () => {
    const ff = await shop();
    const e = await ff.defineSku({ id: 'odd', expiryTracked: true }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'VALIDATION' });
    expect(pathsOf(e)).toContainEqual(['expiryTracked']);
  });

  it('opens a lot with its expiry when units are found, and counts them', async () => {
    const ff = await shop();
    await ff.adjustStock({ node: 'shop', sku: 'milk', delta: 3, reason: 'found', lot: 'L2', expiresOn: '2026-03-20' });
    expect((await ff.getAvailability('milk', { node: 'shop' })).available).toBe(8);
    const [hold] = await ff.reserve({ node: 'shop', lines: [{ sku: 'milk', quantity: 6 }] });
    expect(hold?.lots).toEqual([
      { lot: 'L1', quantity: 5 },
      { lot: 'L2', quantity: 1 },
    ]);
  });

  it('refuses an expiry on a decrease, and a new lot found without one', async () => {
    const ff = await shop();
    const decrease = await ff.adjustStock({ node: 'shop', sku: 'milk', delta: -1, reason: 'damage', lot: 'L1', expiresOn: '2026-03-10' }).catch((x: unknown) => x);
    expect(pathsOf(decrease)).toContainEqual(['expiresOn']);
    const found = await ff.adjustStock({ node: 'shop', sku: 'milk', delta: 1, reason: 'found', lot: 'L9' }).catch((x: unknown) => x);
    expect(pathsOf(found)).toContainEqual(['expiresOn']);
  });

  it('keeps one expiry per lot: a receipt may repeat it, not change it', async () => {
    const ff = await shop();
    await ff.receiveStock({ node: 'shop', sku: 'milk', quantity: 1, lot: 'L1', expiresOn: '2026-03-10' });
    await ff.receiveStock({ node: 'shop', sku: 'milk', quantity: 1, lot: 'L1' });
    const changed = await ff.receiveStock({ node: 'shop', sku: 'milk', quantity: 1, lot: 'L1', expiresOn: '2026-04-01' }).catch((x: unknown) => x);
    expect(changed).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('lot L1 expires on 2026-03-10') });
    expect((await ff.getAvailability('milk')).onHand).toBe(7);
  });
});

describe('instants', () => {
  it('are stored as UTC whatever offset they came with, so due dates compare correctly', async () => {
    const ff = await shop();
    await ff.defineSku({ id: 'tee' });
    // 01:30 in Berlin (+02:00 in summer) is 23:30 UTC the day before.
    const inbound = await ff.expectInbound({ id: 'PO-1', node: 'shop', sku: 'tee', quantity: 4, expectedAt: '2026-06-02T01:30:00+02:00' });
    expect(inbound.expectedAt).toBe('2026-06-01T23:30:00.000Z');
    const before = await ff.getAvailability('tee', { on: '2026-06-01T23:29:59Z' });
    const at = await ff.getAvailability('tee', { on: '2026-06-01T23:30:00Z' });
    expect([before.available, at.available]).toEqual([0, 4]);
    expect(at.nodes[0]?.terms).toContainEqual({ term: 'purchase-order PO-1 due 2026-06-01', units: 4 });
  });
});
