import { type AtpTerm, createFulfillment, type EventDraft, type InboundId, Node, type NodeId, Sku, type SkuId } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { given, SimulatedClock, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

// Inbound (purchase orders, ASNs, transfers) and the adjustments that move on hand by hand.

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
const DUE = '2026-04-02T12:00:00.000Z';
const sumOf = (terms: readonly AtpTerm[]) => terms.reduce((s, t) => s + t.units, 0);

/** n1 with 10 of a; n2 empty; sku b defined, never received. */
async function world() {
  const clock = new SimulatedClock(T0);
  const ff = createFulfillment({ store: memoryStore(), clock, ids: sequentialIds(), random: () => 0 });
  await ff.defineNode({ id: 'n1' });
  await ff.defineNode({ id: 'n2' });
  await ff.defineSku({ id: 'a' });
  await ff.defineSku({ id: 'b' });
  await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 10 });
  const po = (id: string, quantity = 5, node = 'n1', sku = 'a') => ff.expectInbound({ id, node, sku, quantity, expectedAt: DUE });
  const row = async (node: string, on?: string) => {
    const r = (await ff.getAvailability('a', on === undefined ? { node } : { node, on })).nodes[0];
    if (r) expect(r.available).toBe(Math.max(0, sumOf(r.terms)));
    return r;
  };
  const count = async (type: string) => (await ff.readJournal()).filter((e) => e.event.type === type).length;
  return { ff, clock, po, row, count };
}

describe('receiving against an inbound', () => {
  it('keeps it open until received ≥ quantity, then closes it', async () => {
    const { ff, po } = await world();
    expect(await po('PO-1')).toMatchObject({ kind: 'purchase-order', status: 'open', received: 0, quantity: 5 });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 4, inbound: 'PO-1' });
    expect(await ff.getInbound('PO-1')).toMatchObject({ status: 'open', received: 4 });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1, inbound: 'PO-1' });
    expect(await ff.getInbound('PO-1')).toMatchObject({ status: 'closed', received: 5, version: 3 });
    expect((await ff.getAvailability('a')).onHand).toBe(15);
  });

  it('closes it on an over-receipt too', async () => {
    const { ff, po } = await world();
    await po('PO-1');
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 7, inbound: 'PO-1' });
    expect(await ff.getInbound('PO-1')).toMatchObject({ status: 'closed', received: 7 });
  });

  it('refuses a closed or cancelled inbound, naming the field', async () => {
    const { ff, po, count } = await world();
    await po('PO-1');
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5, inbound: 'PO-1' });
    await po('PO-2');
    await ff.cancelInbound({ inbound: 'PO-2', reason: 'supplier short' });
    for (const [inbound, code] of [
      ['PO-1', 'not_open'],
      ['PO-2', 'not_open'],
      ['PO-9', 'unknown_reference'],
    ]) {
      await expect(ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1, inbound })).rejects.toMatchObject({
        code: 'VALIDATION',
        issues: [{ path: ['inbound'], code }],
      });
    }
    expect(await count('StockReceived')).toBe(2);
  });

  it('refuses an inbound of another SKU or node', async () => {
    const { ff, po } = await world();
    await po('PO-B', 5, 'n1', 'b');
    await po('PO-N2', 5, 'n2', 'a');
    await expect(ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1, inbound: 'PO-B' })).rejects.toMatchObject({ issues: [{ path: ['inbound'], code: 'mismatch' }] });
    await expect(ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1, inbound: 'PO-N2' })).rejects.toMatchObject({ issues: [{ path: ['inbound'], code: 'mismatch' }] });
    expect(await ff.getInbound('PO-N2')).toMatchObject({ status: 'open', received: 0 });
  });
});

describe('expecting an inbound twice', () => {
  it('returns the first with the same payload, and refuses another payload', async () => {
    const { ff, po, count } = await world();
    const first = await po('PO-1');
    expect(await po('PO-1')).toEqual(first);
    expect(await count('InboundExpected')).toBe(1);
    await expect(po('PO-1', 6)).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    await expect(ff.expectInbound({ id: 'PO-1', node: 'n1', sku: 'a', kind: 'asn', quantity: 5, expectedAt: DUE })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('refuses an unknown node or SKU by field', async () => {
    const { ff } = await world();
    await expect(ff.expectInbound({ id: 'PO-1', node: 'n9', sku: 'z', quantity: 1, expectedAt: DUE })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['node'] }, { path: ['sku'] }],
    });
  });
});

describe('transferStock', () => {
  it('takes the units off the source at once and opens a transfer inbound at the destination', async () => {
    const { ff, row } = await world();
    const transfer = await ff.transferStock({ id: 'T-1', from: 'n1', to: 'n2', sku: 'a', quantity: 4, expectedAt: DUE, reference: 'truck 3' });
    expect(transfer).toEqual({
      id: 'T-1',
      node: 'n2',
      sku: 'a',
      kind: 'transfer',
      quantity: 4,
      received: 0,
      expectedAt: DUE,
      from: 'n1',
      reference: 'truck 3',
      status: 'open',
      version: 1,
    });
    expect(await ff.getInbound('T-1')).toEqual(transfer);
    expect(await row('n1')).toMatchObject({ onHand: 6, available: 6 });
    expect(await row('n2')).toBeUndefined();
    expect(await row('n2', '2026-04-02T11:59:59.999Z')).toMatchObject({ available: 0 });
    expect(await row('n2', DUE)).toMatchObject({
      onHand: 0,
      inbound: 4,
      available: 4,
      terms: [
        { term: 'on hand', units: 0 },
        { term: 'transfer T-1 due 2026-04-02', units: 4 },
      ],
    });
    // In transit the units count nowhere today, and once at the destination on that date.
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 6, available: 6 });
    expect(await ff.getAvailability('a', { on: DUE })).toMatchObject({ onHand: 6, inbound: 4, available: 10 });
  });

  it('is closed by its receipt at the destination', async () => {
    const { ff, row } = await world();
    await ff.transferStock({ id: 'T-1', from: 'n1', to: 'n2', sku: 'a', quantity: 4, expectedAt: DUE });
    await ff.receiveStock({ node: 'n2', sku: 'a', quantity: 4, inbound: 'T-1' });
    expect(await ff.getInbound('T-1')).toMatchObject({ status: 'closed', received: 4, from: 'n1' });
    expect(await row('n2', DUE)).toMatchObject({ onHand: 4, inbound: 0, available: 4 });
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 10, available: 10 });
    await expect(ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1, inbound: 'T-1' })).rejects.toMatchObject({ issues: [{ path: ['inbound'] }] });
  });

  it('gets an id when none is given', async () => {
    const { ff } = await world();
    expect(await ff.transferStock({ from: 'n1', to: 'n2', sku: 'a', quantity: 1, expectedAt: DUE })).toMatchObject({ id: 'trf-1', from: 'n1' });
  });

  it('may not take held units or safety stock', async () => {
    const { ff, count } = await world();
    await ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 3 }] });
    await ff.setSafetyStock({ node: 'n1', sku: 'a', quantity: 2 });
    await expect(ff.transferStock({ id: 'T-1', from: 'n1', to: 'n2', sku: 'a', quantity: 6, expectedAt: DUE })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: {
        node: 'n1',
        sku: 'a',
        requested: 6,
        available: 5,
        terms: [
          { term: 'on hand', units: 10 },
          { term: 'reserved', units: -3 },
          { term: 'safety stock', units: -2 },
        ],
      },
    });
    expect(await ff.getInbound('T-1')).toBeUndefined();
    expect(await count('TransferShipped')).toBe(0);
    await ff.transferStock({ id: 'T-2', from: 'n1', to: 'n2', sku: 'a', quantity: 5, expectedAt: DUE });
    expect(await ff.getAvailability('a', { node: 'n1' })).toMatchObject({ onHand: 5, reserved: 3, safety: 2, available: 0 });
  });

  it('refuses the same node and unknown nodes, naming the field', async () => {
    const { ff } = await world();
    await expect(ff.transferStock({ id: 'T-1', from: 'n1', to: 'n1', sku: 'a', quantity: 1, expectedAt: DUE })).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ path: ['to'], code: 'same_node' }],
    });
    await expect(ff.transferStock({ id: 'T-1', from: 'n1', to: 'n9', sku: 'a', quantity: 1, expectedAt: DUE })).rejects.toMatchObject({
      issues: [{ path: ['to'], code: 'unknown_reference' }],
    });
  });

  it('refuses an id another inbound has', async () => {
    const { ff, po } = await world();
    await po('PO-1');
    await expect(ff.transferStock({ id: 'PO-1', from: 'n1', to: 'n2', sku: 'a', quantity: 1, expectedAt: DUE })).rejects.toMatchObject({ code: 'DUPLICATE' });
  });

  it('in the decider, ships from the free units only', () => {
    const n = (id: string) => id as NodeId;
    const a = 'a' as SkuId;
    const past: EventDraft[] = [
      { type: 'NodeDefined', payload: { node: Node.parse({ id: 'n1' }) } },
      { type: 'NodeDefined', payload: { node: Node.parse({ id: 'n2' }) } },
      { type: 'SkuDefined', payload: { sku: Sku.parse({ id: 'a' }) } },
      { type: 'StockReceived', payload: { node: n('n1'), sku: a, quantity: 10 } },
      { type: 'SafetyStockSet', payload: { node: n('n1'), sku: a, quantity: 4 } },
    ];
    const transfer = (quantity: number) => ({ type: 'TransferStock' as const, transfer: 'T-1' as InboundId, from: n('n1'), to: n('n2'), sku: a, quantity, expectedAt: DUE });
    given(past, { now: T0 }).when(transfer(7)).thenThrows('INSUFFICIENT_STOCK', /6 free to move/);
    given(past, { now: T0 })
      .when(transfer(6))
      .then([{ type: 'TransferShipped', payload: { transfer: 'T-1' as InboundId, from: n('n1'), to: n('n2'), sku: a, quantity: 6, expectedAt: DUE } }]);
  });
});

describe('adjustStock', () => {
  it('may eat into safety stock but not into held units', async () => {
    const { ff } = await world();
    await ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 3 }] });
    await ff.setSafetyStock({ node: 'n1', sku: 'a', quantity: 4 });
    // on hand 10, held 3, safety 4: 7 units are not held.
    await expect(ff.adjustStock({ node: 'n1', sku: 'a', delta: -8, reason: 'damage' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_STOCK',
      details: { requested: 8, available: 7 },
    });
    expect(await ff.adjustStock({ node: 'n1', sku: 'a', delta: -7, reason: 'damage', note: 'flooded' })).toMatchObject({
      type: 'StockAdjusted',
      payload: { node: 'n1', sku: 'a', delta: -7, reason: 'damage', note: 'flooded' },
    });
    const after = await ff.getAvailability('a', { node: 'n1' });
    expect(after).toMatchObject({ onHand: 3, reserved: 3, safety: 4, available: 0 });
    expect(after.nodes[0]!.terms).toEqual([
      { term: 'on hand', units: 3 },
      { term: 'reserved', units: -3 },
      { term: 'safety stock', units: -4 },
    ]);
    await expect(ff.adjustStock({ node: 'n1', sku: 'a', delta: -1, reason: 'write-off' })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    await ff.adjustStock({ node: 'n1', sku: 'a', delta: 2, reason: 'found' });
    expect((await ff.getAvailability('a', { node: 'n1' })).onHand).toBe(5);
  });
});
