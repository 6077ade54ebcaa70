import {
  type AtpTerm,
  type ChannelId,
  createFulfillment,
  type EventDraft,
  type FulfillkitError,
  fenceFor,
  isFulfillkitError,
  Node,
  type NodeAvailability,
  type NodeId,
  type ReservationId,
  type RingFence,
  Sku,
  type SkuId,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { given, SimulatedClock, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

// Channel ring-fences: a fence keeps units of a node for one channel. Every figure below is
// hand-computed from on hand − reserved − safety − what other channels' fences keep.

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
type FenceInput = { channel: string; sku?: string; quantity?: number; share?: number; whenExhausted?: 'pool' | 'stop' };

async function fenced(fences: FenceInput[], onHand = 10, skus: string[] = ['a']) {
  const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock(T0), ids: sequentialIds(), random: () => 0 });
  await ff.defineNode({ id: 'n1', ringFences: fences });
  for (const sku of skus) {
    await ff.defineSku({ id: sku });
    await ff.receiveStock({ node: 'n1', sku, quantity: onHand });
  }
  /** The node's row for a channel (or none), checked to be explained by its terms. */
  const row = async (channel?: string, sku = 'a'): Promise<NodeAvailability> => {
    const availability = await ff.getAvailability(sku, channel === undefined ? { node: 'n1' } : { node: 'n1', channel });
    const r = availability.nodes[0]!;
    expect(r.available).toBe(Math.max(0, sumOf(r.terms)));
    return r;
  };
  const hold = (channel: string, quantity: number, sku = 'a') => ff.reserve({ node: 'n1', channel, lines: [{ sku, quantity }] });
  return { ff, row, hold };
}

const sumOf = (terms: readonly AtpTerm[]) => terms.reduce((s, t) => s + t.units, 0);

async function refusal(p: Promise<unknown>): Promise<FulfillkitError> {
  try {
    await p;
  } catch (e) {
    if (isFulfillkitError(e)) return e;
    throw e;
  }
  throw new Error('expected the command to be refused');
}

const STORE_4: FenceInput[] = [{ channel: 'store', quantity: 4 }];

describe('a fixed-quantity fence', () => {
  it('keeps its units from another channel, and says so in the terms', async () => {
    const { row } = await fenced(STORE_4);
    expect(await row('web')).toMatchObject({
      available: 6,
      terms: [
        { term: 'on hand', units: 10 },
        { term: 'kept for channel store', units: -4 },
      ],
    });
  });

  it('refuses a web hold that would dip into the fence, naming the fence in the shortage', async () => {
    const { ff, hold, row } = await fenced(STORE_4);
    const error = await refusal(hold('web', 7));
    expect(error.code).toBe('INSUFFICIENT_STOCK');
    expect(error.details).toEqual({
      node: 'n1',
      shortages: [
        {
          sku: 'a',
          requested: 7,
          available: 6,
          terms: [
            { term: 'on hand', units: 10 },
            { term: 'kept for channel store', units: -4 },
          ],
        },
      ],
    });
    // Refused: nothing held; exactly what is outside the fence can be held.
    expect((await row()).reserved).toBe(0);
    expect(await hold('web', 6)).toMatchObject([{ quantity: 6, channel: 'web' }]);
    expect((await row('web')).available).toBe(0);
    await expect(ff.reserve({ node: 'n1', channel: 'web', lines: [{ sku: 'a', quantity: 1 }] })).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
  });

  it('applies to an order placed on the other channel', async () => {
    const { ff } = await fenced(STORE_4);
    const order = (id: string, quantity: number) => ({ node: 'n1', order: { id, channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity }] } });
    await expect(ff.placeOrder(order('o-1', 7))).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(await ff.placeOrder(order('o-2', 6))).toMatchObject({ status: 'reserved' });
  });

  it('is used by its own channel first, then (pool) the unfenced stock', async () => {
    const { row, hold } = await fenced(STORE_4);
    expect(await row('store')).toMatchObject({ available: 10, terms: [{ term: 'on hand', units: 10 }] });
    await hold('store', 3);
    // One fenced unit left unused: web sees 10 − 3 − 1.
    expect(await row('web')).toMatchObject({
      available: 6,
      terms: [
        { term: 'on hand', units: 10 },
        { term: 'reserved', units: -3 },
        { term: 'kept for channel store', units: -1 },
      ],
    });
    await hold('store', 5); // 8 in all: the fence is exhausted, 4 came from the pool
    expect(await row('web')).toMatchObject({ available: 2, terms: [{ term: 'on hand', units: 10 }, { term: 'reserved', units: -8 }] });
    expect((await row('store')).available).toBe(2);
  });

  it("with whenExhausted 'stop', gives its channel nothing beyond the fence", async () => {
    const { row, hold } = await fenced([{ channel: 'store', quantity: 4, whenExhausted: 'stop' }]);
    expect(await row('store')).toMatchObject({
      available: 4,
      terms: [
        { term: 'on hand', units: 10 },
        { term: 'beyond the fence of channel store', units: -6 },
      ],
    });
    expect((await refusal(hold('store', 5))).details).toMatchObject({ shortages: [{ requested: 5, available: 4 }] });
    await hold('store', 4);
    expect(await row('store')).toMatchObject({ available: 0 });
    expect((await refusal(hold('store', 1))).code).toBe('INSUFFICIENT_STOCK');
    // The other channel still has everything outside the fence.
    expect(await row('web')).toMatchObject({ available: 6, terms: [{ term: 'on hand', units: 10 }, { term: 'reserved', units: -4 }] });
  });

  it('gives the fence back when a hold of its channel is released', async () => {
    const { ff, row, hold } = await fenced(STORE_4);
    const [held] = await hold('store', 6);
    expect(await row('web')).toMatchObject({ available: 4, terms: [{ term: 'on hand', units: 10 }, { term: 'reserved', units: -6 }] });
    await ff.releaseReservations({ reservations: [held!.id] });
    expect(await row('web')).toMatchObject({ available: 6, terms: [{ term: 'on hand', units: 10 }, { term: 'kept for channel store', units: -4 }] });
    expect((await row('store')).available).toBe(10);
  });

  it('keeps its quantity of what is left after its channel sold', async () => {
    const { ff, row, hold } = await fenced(STORE_4);
    const [held] = await hold('store', 3);
    await ff.consumeReservations({ reservations: [held!.id] });
    expect(await row('web')).toMatchObject({ available: 3, terms: [{ term: 'on hand', units: 7 }, { term: 'kept for channel store', units: -4 }] });
  });
});

describe('a share fence', () => {
  it('keeps a share of on hand net of safety stock, rounded down', async () => {
    const { ff, row } = await fenced([{ channel: 'store', share: 0.25 }]);
    await ff.setSafetyStock({ node: 'n1', sku: 'a', quantity: 1 });
    // floor(0.25 × (10 − 1)) = floor(2.25) = 2
    expect(await row('web')).toMatchObject({
      available: 7,
      terms: [
        { term: 'on hand', units: 10 },
        { term: 'safety stock', units: -1 },
        { term: 'kept for channel store', units: -2 },
      ],
    });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 3 });
    // floor(0.25 × (13 − 1)) = 3
    expect((await row('web')).terms).toContainEqual({ term: 'kept for channel store', units: -3 });
    expect((await row('web')).available).toBe(9);
  });

  it('rounds down the exact share, not a floating-point shadow of it', async () => {
    // 0.29 × 100 is 28.999999999999996 in floating point; the share of 100 units is 29.
    const { row } = await fenced([{ channel: 'store', share: 0.29 }], 100);
    expect(await row('web')).toMatchObject({ available: 71, terms: [{ term: 'on hand', units: 100 }, { term: 'kept for channel store', units: -29 }] });
    const { row: row57 } = await fenced([{ channel: 'store', share: 0.57, whenExhausted: 'stop' }], 100);
    expect((await row57('store')).available).toBe(57);
  });

  it('keeps nothing when a quarter is less than one unit', async () => {
    const { row } = await fenced([{ channel: 'store', share: 0.25 }], 3);
    expect(await row('web')).toMatchObject({ available: 3, terms: [{ term: 'on hand', units: 3 }] });
  });
});

describe("a SKU's own fence", () => {
  const fences: FenceInput[] = [
    { channel: 'store', quantity: 4, whenExhausted: 'stop' },
    { channel: 'store', sku: 'b', quantity: 1 },
  ];

  it('overrides the node-wide fence for that SKU, size and exhaustion rule alike', async () => {
    const { row } = await fenced(fences, 10, ['a', 'b']);
    expect((await row('web', 'a')).available).toBe(6);
    expect((await row('store', 'a')).available).toBe(4);
    expect(await row('web', 'b')).toMatchObject({ available: 9, terms: [{ term: 'on hand', units: 10 }, { term: 'kept for channel store', units: -1 }] });
    expect((await row('store', 'b')).available).toBe(10);
  });

  it('is the fence fenceFor picks, node-wide otherwise', () => {
    const node = Node.parse({ id: 'n1', ringFences: fences });
    expect(fenceFor(node, 'store', 'b')).toMatchObject({ sku: 'b', quantity: 1, whenExhausted: 'pool' });
    expect(fenceFor(node, 'store', 'a')).toMatchObject({ quantity: 4, whenExhausted: 'stop' });
    expect(fenceFor(node, 'web', 'a')).toBeUndefined();
  });

  it('is one per channel and SKU', () => {
    expect(Node.safeParse({ id: 'n1', ringFences: [...fences, { channel: 'store', sku: 'b', quantity: 2 }] }).success).toBe(false);
    expect(Node.safeParse({ id: 'n1', ringFences: [{ channel: 'store', quantity: 1, share: 0.5 }] }).success).toBe(false);
  });
});

describe('a fence for a channel named like an object member', () => {
  it('keeps its units once any channel holds some', async () => {
    const { row, hold } = await fenced([{ channel: 'toString', quantity: 4 }]);
    await hold('web', 1);
    expect(await row('web')).toMatchObject({
      available: 5,
      terms: [
        { term: 'on hand', units: 10 },
        { term: 'reserved', units: -1 },
        { term: 'kept for channel toString', units: -4 },
      ],
    });
  });

  it("stops its own channel at the fence with 'stop'", async () => {
    const { row, hold } = await fenced([{ channel: 'constructor', quantity: 4, whenExhausted: 'stop' }]);
    await hold('web', 1);
    expect((await row('constructor')).available).toBe(4);
  });
});

describe('the network-wide figure', () => {
  it('ignores fences; a channel figure keeps them out, node by node', async () => {
    const { ff } = await fenced(STORE_4);
    await ff.defineNode({ id: 'n2' });
    await ff.receiveStock({ node: 'n2', sku: 'a', quantity: 5 });
    const all = await ff.getAvailability('a');
    expect(all).toMatchObject({ onHand: 15, available: 15 });
    expect(all.nodes.map((r) => [r.node, r.available, r.terms])).toEqual([
      ['n1', 10, [{ term: 'on hand', units: 10 }]],
      ['n2', 5, [{ term: 'on hand', units: 5 }]],
    ]);
    expect(await ff.getAvailability('a', { channel: 'web' })).toMatchObject({ available: 11, nodes: [{ node: 'n1', available: 6 }, { node: 'n2', available: 5 }] });
  });
});

describe('fences in the decider', () => {
  const n = (id: string) => id as NodeId;
  const s = (id: string) => id as SkuId;
  const fence = (f: FenceInput) => f as RingFence;
  const past = (fences: FenceInput[]): EventDraft[] => [
    { type: 'NodeDefined', payload: { node: Node.parse({ id: 'n1', ringFences: fences.map(fence) }) } },
    { type: 'SkuDefined', payload: { sku: Sku.parse({ id: 'a' }) } },
    { type: 'StockReceived', payload: { node: n('n1'), sku: s('a'), quantity: 10 } },
  ];

  it('holds for the fenced channel with the channel on the event', () => {
    given(past(STORE_4), { now: T0, ids: sequentialIds() })
      .when({ type: 'ReserveStock', node: n('n1'), lines: [{ sku: s('a'), quantity: 10 }], channel: 'store' as ChannelId })
      .then([{ type: 'StockReserved', payload: { reservation: 'res-1' as ReservationId, node: n('n1'), sku: s('a'), quantity: 10, channel: 'store' as ChannelId } }]);
  });

  it('refuses the other channel past the fence', () => {
    const error = given(past(STORE_4), { now: T0, ids: sequentialIds() })
      .when({ type: 'ReserveStock', node: n('n1'), lines: [{ sku: s('a'), quantity: 7 }], channel: 'web' as ChannelId })
      .thenThrows('INSUFFICIENT_STOCK', /a asked 7, available 6/);
    expect(error.details).toMatchObject({ shortages: [{ terms: [{ term: 'on hand' }, { term: 'kept for channel store', units: -4 }] }] });
  });
});
