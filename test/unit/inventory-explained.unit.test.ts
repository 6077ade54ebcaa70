import fc from 'fast-check';
import { type AtpTerm, createFulfillment, type Fulfillment, isFulfillkitError, type NodeAvailability } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { SimulatedClock, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

// Explained ATP: every node figure lists the terms it is made of; they sum to `available` before
// the floor at zero. Examples with every term at once, then a property over random histories.

const sumOf = (terms: readonly AtpTerm[]) => terms.reduce((s, t) => s + t.units, 0);

describe('a figure with every term', () => {
  // 23:30 UTC on 27 March is 28 March in Berlin: lot OLD (last day 27 March) has expired there.
  const LATE = Date.parse('2026-03-27T23:30:00.000Z');
  const ON = '2026-04-02T00:00:00.000Z';

  async function busy() {
    const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock(LATE), ids: sequentialIds(), random: () => 0 });
    await ff.defineNode({ id: 'n1', timeZone: 'Europe/Berlin', ringFences: [{ channel: 'store', quantity: 2 }] });
    await ff.defineSku({ id: 'milk', lotTracked: true, expiryTracked: true });
    await ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 2, lot: 'OLD', expiresOn: '2026-03-27' });
    await ff.receiveStock({ node: 'n1', sku: 'milk', quantity: 6, lot: 'NEW', expiresOn: '2026-04-30' });
    await ff.setSafetyStock({ node: 'n1', sku: 'milk', quantity: 1 });
    await ff.reserve({ node: 'n1', channel: 'web', lines: [{ sku: 'milk', quantity: 2 }] });
    await ff.expectInbound({ id: 'ASN-1', node: 'n1', sku: 'milk', kind: 'asn', quantity: 5, expectedAt: '2026-04-01T06:00:00.000Z' });
    return ff;
  }
  const figure = async (ff: Fulfillment, channel?: string): Promise<NodeAvailability> =>
    (await ff.getAvailability('milk', { node: 'n1', on: ON, ...(channel === undefined ? {} : { channel }) })).nodes[0]!;

  it('lists on hand, holds, safety, expired lots, inbound and fences, summing to the figure', async () => {
    const ff = await busy();
    const web = await figure(ff, 'web');
    expect(web.terms).toEqual([
      { term: 'on hand', units: 8 },
      { term: 'reserved', units: -2 },
      { term: 'safety stock', units: -1 },
      { term: 'expired lots', units: -2 },
      { term: 'asn ASN-1 due 2026-04-01', units: 5 },
      { term: 'kept for channel store', units: -2 },
    ]);
    expect(web.available).toBe(6);
    expect(sumOf(web.terms)).toBe(6);
    const store = await figure(ff, 'store');
    expect([store.available, sumOf(store.terms)]).toEqual([8, 8]);
    const plain = await figure(ff);
    expect([plain.available, sumOf(plain.terms), plain.inbound]).toEqual([8, 8, 5]);
  });

  it('floors at zero while the terms still show how far below it is', async () => {
    const ff = await busy();
    await ff.setSafetyStock({ node: 'n1', sku: 'milk', quantity: 20 });
    const web = await figure(ff, 'web');
    expect(web.available).toBe(0);
    expect(sumOf(web.terms)).toBe(8 - 2 - 20 - 2 + 5 - 2);
  });
});

type Op =
  | { readonly kind: 'receive'; readonly quantity: number }
  | { readonly kind: 'reserve'; readonly quantity: number; readonly channel: 'web' | 'store' | undefined }
  | { readonly kind: 'release'; readonly pick: number }
  | { readonly kind: 'safety'; readonly quantity: number }
  | { readonly kind: 'adjust'; readonly delta: number }
  | { readonly kind: 'expect'; readonly quantity: number; readonly dueInDays: number }
  | { readonly kind: 'receiveInbound'; readonly pick: number; readonly quantity: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('receive' as const), quantity: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('reserve' as const), quantity: fc.integer({ min: 1, max: 20 }), channel: fc.constantFrom('web' as const, 'store' as const, undefined) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('safety' as const), quantity: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ kind: fc.constant('adjust' as const), delta: fc.integer({ min: -10, max: 10 }).filter((d) => d !== 0) }),
  fc.record({ kind: fc.constant('expect' as const), quantity: fc.integer({ min: 1, max: 20 }), dueInDays: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ kind: fc.constant('receiveInbound' as const), pick: fc.nat(), quantity: fc.integer({ min: 1, max: 10 }) }),
);

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
const DAY = 86_400_000;
/** Time-phased figures are read at this instant: inbound due in up to 3 days counts. */
const ON = T0 + 3 * DAY;

/** What the counters must be, kept by hand beside the runtime. */
interface Model {
  onHand: number;
  reserved: number;
  safety: number;
  holds: { id: string; quantity: number; channel: string | undefined }[];
  inbound: { id: string; quantity: number; received: number; due: number }[];
}

async function outcome(p: Promise<unknown>): Promise<'ok' | string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (isFulfillkitError(e)) return e.code;
    throw e;
  }
}

async function apply(ff: Fulfillment, m: Model, o: Op): Promise<void> {
  const free = Math.max(0, m.onHand - m.reserved - m.safety);
  switch (o.kind) {
    case 'receive':
      await ff.receiveStock({ node: 'n1', sku: 'a', quantity: o.quantity });
      m.onHand += o.quantity;
      return;
    case 'reserve': {
      const held = ff.reserve({ node: 'n1', lines: [{ sku: 'a', quantity: o.quantity }], ...(o.channel === undefined ? {} : { channel: o.channel }) });
      const result = await outcome(held);
      // Without a channel a hold may take the free units less every channel's unused fence (store:
      // 3 units; web: half of on hand net of safety), worked out here by hand.
      const heldBy = (c: string) => m.holds.filter((h) => h.channel === c).reduce((s, h) => s + h.quantity, 0);
      const unusedStore = Math.max(0, 3 - heldBy('store'));
      const unusedWeb = Math.max(0, Math.floor(0.5 * Math.max(0, m.onHand - m.safety)) - heldBy('web'));
      const unfenced = m.onHand - m.reserved - m.safety - unusedStore - unusedWeb;
      if (o.channel === undefined) expect(result).toBe(o.quantity <= unfenced ? 'ok' : 'INSUFFICIENT_STOCK');
      else if (o.quantity > free) expect(result).toBe('INSUFFICIENT_STOCK');
      if (result === 'ok') {
        m.reserved += o.quantity;
        m.holds.push({ id: (await held)[0]!.id, quantity: o.quantity, channel: o.channel });
      }
      return;
    }
    case 'release': {
      if (m.holds.length === 0) return;
      const [hold] = m.holds.splice(o.pick % m.holds.length, 1);
      await ff.releaseReservations({ reservations: [hold!.id] });
      m.reserved -= hold!.quantity;
      return;
    }
    case 'safety':
      await ff.setSafetyStock({ node: 'n1', sku: 'a', quantity: o.quantity });
      m.safety = o.quantity;
      return;
    case 'adjust': {
      const result = await outcome(ff.adjustStock({ node: 'n1', sku: 'a', delta: o.delta, reason: 'correction' }));
      expect(result).toBe(m.onHand - m.reserved + o.delta >= 0 ? 'ok' : 'INSUFFICIENT_STOCK');
      if (result === 'ok') m.onHand += o.delta;
      return;
    }
    case 'expect': {
      const id = `PO-${m.inbound.length + 1}`;
      const due = T0 + o.dueInDays * DAY;
      await ff.expectInbound({ id, node: 'n1', sku: 'a', quantity: o.quantity, expectedAt: new Date(due).toISOString() });
      m.inbound.push({ id, quantity: o.quantity, received: 0, due });
      return;
    }
    case 'receiveInbound': {
      const open = m.inbound.filter((i) => i.received < i.quantity);
      if (open.length === 0) return;
      const inbound = open[o.pick % open.length]!;
      await ff.receiveStock({ node: 'n1', sku: 'a', quantity: o.quantity, inbound: inbound.id });
      inbound.received += o.quantity;
      m.onHand += o.quantity;
      return;
    }
  }
}

async function check(ff: Fulfillment, m: Model): Promise<void> {
  const rowOf = async (query: { channel?: string; on?: number }) => (await ff.getAvailability('a', { node: 'n1', ...query })).nodes[0];
  const now = await rowOf({});
  const free = Math.max(0, m.onHand - m.reserved - m.safety);
  expect(now?.available ?? 0).toBe(free);
  if (now) {
    expect(now).toMatchObject({ onHand: m.onHand, reserved: m.reserved, safety: m.safety, inbound: 0 });
    expect(now.available).toBe(Math.max(0, sumOf(now.terms)));
  }
  const due = m.inbound.filter((i) => i.due <= ON).reduce((s, i) => s + Math.max(0, i.quantity - i.received), 0);
  const later = await rowOf({ on: ON });
  expect(later?.available ?? 0).toBe(Math.max(0, m.onHand - m.reserved - m.safety + due));
  for (const row of [later, await rowOf({ channel: 'web' }), await rowOf({ channel: 'store', on: ON })]) {
    if (row) expect(row.available).toBe(Math.max(0, sumOf(row.terms)));
  }
}

describe('explained ATP, over random histories', () => {
  it('terms sum to each figure, and the plain figure is on hand − reserved − safety', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock(T0), ids: sequentialIds(), random: () => 0 });
        await ff.defineNode({ id: 'n1', ringFences: [{ channel: 'store', quantity: 3 }, { channel: 'web', share: 0.5, whenExhausted: 'stop' }] });
        await ff.defineSku({ id: 'a' });
        const m: Model = { onHand: 0, reserved: 0, safety: 0, holds: [], inbound: [] };
        for (const o of ops) {
          await apply(ff, m, o);
          await check(ff, m);
        }
      }),
      { numRuns: 100 },
    );
  });
});
