import { type Availability, type AtpTerm, createFulfillment, type NodeAvailability, type NodeId } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { SimulatedClock, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

// Time-phased ATP: open inbound counts from its expected instant on, and only when `on` is asked.

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
const DUE = '2026-04-01T10:00:00.000Z';
const JUST_BEFORE = Date.parse(DUE) - 1;

const sumOf = (terms: readonly AtpTerm[]) => terms.reduce((s, t) => s + t.units, 0);
/** Each node figure is its terms, floored at zero; the total is the sum of the node figures. */
function explained(a: Availability): Availability {
  for (const r of a.nodes) expect(r.available, `node ${r.node}`).toBe(Math.max(0, sumOf(r.terms)));
  expect(a.available).toBe(a.nodes.reduce((s, r) => s + r.available, 0));
  return a;
}

/** n1: 5 on hand, an ASN of 8 due on 1 April. */
async function withAsn() {
  const clock = new SimulatedClock(T0);
  const ff = createFulfillment({ store: memoryStore(), clock, ids: sequentialIds(), random: () => 0 });
  await ff.defineNode({ id: 'n1' });
  await ff.defineSku({ id: 'a' });
  await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
  const asn = await ff.expectInbound({ id: 'ASN-1', node: 'n1', sku: 'a', kind: 'asn', quantity: 8, expectedAt: DUE, reference: 'truck 7' });
  const at = async (on?: number | string | Date) => explained(await ff.getAvailability('a', on === undefined ? { node: 'n1' } : { node: 'n1', on }));
  return { ff, clock, asn, at };
}

const ASN_TERM = 'asn ASN-1 due 2026-04-01';

describe('an ASN in time-phased ATP', () => {
  it('is recorded open, nothing received', async () => {
    const { asn, ff } = await withAsn();
    expect(asn).toEqual({
      id: 'ASN-1',
      node: 'n1',
      sku: 'a',
      kind: 'asn',
      quantity: 8,
      received: 0,
      expectedAt: DUE,
      reference: 'truck 7',
      status: 'open',
      version: 1,
    });
    expect(await ff.getInbound('ASN-1')).toEqual(asn);
    expect(await ff.getInbound('nope')).toBeUndefined();
  });

  it('does not count without a date', async () => {
    const { at } = await withAsn();
    const now = await at();
    expect(now).toMatchObject({ onHand: 5, inbound: 0, available: 5, nodes: [{ terms: [{ term: 'on hand', units: 5 }] }] });
    expect(now).not.toHaveProperty('on');
  });

  it('does not count on a date before it is due', async () => {
    const { at } = await withAsn();
    const before = await at(JUST_BEFORE);
    expect(before).toMatchObject({ on: '2026-04-01T09:59:59.999Z', inbound: 0, available: 5 });
    expect(before.nodes[0]!.terms).toEqual([{ term: 'on hand', units: 5 }]);
  });

  it('counts from the instant it is due on, with a term naming it', async () => {
    const { at } = await withAsn();
    for (const on of [DUE, Date.parse(DUE), new Date('2026-04-20T00:00:00.000Z')]) {
      const due = await at(on);
      expect(due).toMatchObject({ onHand: 5, inbound: 8, available: 13 });
      expect(due.nodes[0]).toMatchObject({
        inbound: 8,
        available: 13,
        terms: [
          { term: 'on hand', units: 5 },
          { term: ASN_TERM, units: 8 },
        ],
      });
    }
  });

  it('counts only what is still to come after a partial receipt', async () => {
    const { ff, at } = await withAsn();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 3, inbound: 'ASN-1' });
    expect(await ff.getInbound('ASN-1')).toMatchObject({ received: 3, status: 'open', version: 2 });
    expect(await at()).toMatchObject({ onHand: 8, available: 8 });
    expect((await at(DUE)).nodes[0]).toMatchObject({
      onHand: 8,
      inbound: 5,
      available: 13,
      terms: [
        { term: 'on hand', units: 8 },
        { term: ASN_TERM, units: 5 },
      ],
    });
  });

  it('no longer counts once cancelled, even in part received', async () => {
    const { ff, at } = await withAsn();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 3, inbound: 'ASN-1' });
    expect(await ff.cancelInbound({ inbound: 'ASN-1', reason: 'supplier short' })).toMatchObject({ status: 'cancelled', received: 3 });
    expect(await at(DUE)).toMatchObject({ onHand: 8, inbound: 0, available: 8, nodes: [{ terms: [{ term: 'on hand', units: 8 }] }] });
    await expect(ff.cancelInbound({ inbound: 'ASN-1' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(ff.cancelInbound({ inbound: 'ASN-9' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('no longer counts once received in full', async () => {
    const { ff, at } = await withAsn();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 8, inbound: 'ASN-1' });
    expect(await at(DUE)).toMatchObject({ onHand: 13, inbound: 0, available: 13 });
  });

  it('counts after holds and safety stock, which it does not cover for holding now', async () => {
    const { ff, at } = await withAsn();
    await ff.setSafetyStock({ node: 'n1', sku: 'a', quantity: 2 });
    await ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 3 }] });
    expect(await at()).toMatchObject({ available: 0 });
    expect((await at(DUE)).nodes[0]).toMatchObject({
      available: 8,
      terms: [
        { term: 'on hand', units: 5 },
        { term: 'reserved', units: -3 },
        { term: 'safety stock', units: -2 },
        { term: ASN_TERM, units: 8 },
      ],
    });
    // A hold is guarded by today's stock: units still on the truck cannot be held.
    await expect(ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: 1 }] })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
  });

  it('lists several inbound of a node in order of their due instant', async () => {
    const { ff, at } = await withAsn();
    await ff.expectInbound({ id: 'PO-2', node: 'n1', sku: 'a', quantity: 4, expectedAt: '2026-03-30T06:00:00.000Z' });
    expect((await at('2026-03-31T00:00:00.000Z')).nodes[0]!.terms).toEqual([
      { term: 'on hand', units: 5 },
      { term: 'purchase-order PO-2 due 2026-03-30', units: 4 },
    ]);
    expect((await at(DUE)).nodes[0]).toMatchObject({
      inbound: 12,
      available: 17,
      terms: [
        { term: 'on hand', units: 5 },
        { term: 'purchase-order PO-2 due 2026-03-30', units: 4 },
        { term: ASN_TERM, units: 8 },
      ],
    });
  });
});

describe('time-phased ATP across the network', () => {
  /** n1 as above; n2 has nothing on hand but a PO of 4 due 30 March; n3 has 2 on hand. */
  async function network() {
    const r = await withAsn();
    await r.ff.defineNode({ id: 'n2' });
    await r.ff.defineNode({ id: 'n3' });
    await r.ff.expectInbound({ id: 'PO-2', node: 'n2', sku: 'a', quantity: 4, expectedAt: '2026-03-30T06:00:00.000Z' });
    await r.ff.receiveStock({ node: 'n3', sku: 'a', quantity: 2 });
    return r;
  }
  const node = (id: string, onHand: number, inbound: number, terms: AtpTerm[]): NodeAvailability => ({
    node: id as NodeId,
    onHand,
    reserved: 0,
    allocated: 0,
    safety: 0,
    inbound,
    available: onHand + inbound,
    terms,
  });

  it('sums the nodes, each with its own inbound, including a node with only inbound', async () => {
    const { ff } = await network();
    expect(explained(await ff.getAvailability('a', { on: DUE }))).toEqual({
      sku: 'a',
      on: DUE,
      onHand: 7,
      reserved: 0,
      allocated: 0,
      safety: 0,
      inbound: 12,
      available: 19,
      nodes: [
        node('n1', 5, 8, [{ term: 'on hand', units: 5 }, { term: ASN_TERM, units: 8 }]),
        node('n2', 0, 4, [{ term: 'on hand', units: 0 }, { term: 'purchase-order PO-2 due 2026-03-30', units: 4 }]),
        node('n3', 2, 0, [{ term: 'on hand', units: 2 }]),
      ],
    });
  });

  it('counts each inbound from its own date', async () => {
    const { ff } = await network();
    const mid = explained(await ff.getAvailability('a', { on: '2026-03-31T00:00:00.000Z' }));
    expect(mid).toMatchObject({ inbound: 4, available: 11 });
    expect(mid.nodes.map((r) => [r.node, r.available])).toEqual([
      ['n1', 5],
      ['n2', 4],
      ['n3', 2],
    ]);
    expect(explained(await ff.getAvailability('a'))).toMatchObject({ inbound: 0, available: 7, nodes: [{ node: 'n1' }, { node: 'n3' }] });
  });

  it('gives one node alone when asked, with its inbound only', async () => {
    const { ff } = await network();
    expect(explained(await ff.getAvailability('a', { node: 'n2', on: DUE }))).toMatchObject({
      onHand: 0,
      inbound: 4,
      available: 4,
      nodes: [{ node: 'n2', available: 4 }],
    });
  });
});
