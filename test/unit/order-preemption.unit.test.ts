import {
  type AllocationPolicyInput,
  createFulfillment,
  decideOrder,
  type FulfillmentOptions,
  type NodeId,
  type OrderId,
  type Reservation,
  SimulatedClock,
  type SkuId,
  seededIds,
  sequentialIds,
  type TenantId,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

// Runtime pre-emption: allocateBacklog with `policy.preemption` lets a backorder take units that
// lower-priority orders hold at its node while still `reserved`.

const PREEMPT: AllocationPolicyInput = { rule: 'priority', preemption: {} };

async function world(options: Partial<FulfillmentOptions> = {}) {
  const clock = new SimulatedClock('2026-03-02T08:00:00Z');
  const store = memoryStore();
  const ff = createFulfillment({ store, clock, ids: seededIds(7), ...options });
  await ff.defineNode({ id: 'dc' });
  await ff.defineNode({ id: 'shop' });
  await ff.defineSku({ id: 'tee' });
  await ff.defineSku({ id: 'bolt', lotTracked: true });
  const place = async (id: string, quantity: number, priority: number, at: { node?: string; sku?: string } = {}) => {
    clock.advance(60_000);
    const lines = [{ id: '1', sku: at.sku ?? 'tee', quantity, unitPrice: 10 }];
    return ff.placeOrder({ node: at.node ?? 'dc', onShortage: 'backorder', order: { id, channel: 'web', priority, lines } });
  };
  const position = async (sku = 'tee', node = 'dc') => {
    const slice = await store.load('default' as TenantId, { positions: [{ node: node as NodeId, sku: sku as SkuId }] });
    return slice.positions[node as NodeId]![sku as SkuId]!;
  };
  /** The order's active reservations. */
  const holds = async (id: string): Promise<Reservation[]> => {
    const order = await ff.getOrder(id);
    const all = await Promise.all((order?.reservations ?? []).map((r) => ff.getReservation(r)));
    return all.filter((r): r is Reservation => r?.status === 'active');
  };
  const journal = async () => (await ff.readJournal()).length;
  return { ff, store, clock, place, position, holds, journal };
}

describe('allocateBacklog without pre-emption', () => {
  it('leaves reserved orders alone and reports as before, also with preemption switched off', async () => {
    const { ff, place, journal } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 3 });
    await place('o-low', 3, 1);
    await place('o-vip', 2, 9);
    const before = await journal();
    expect(await ff.allocateBacklog({ policy: { rule: 'priority' } })).toEqual({ filled: [], waiting: ['o-vip'] });
    expect(await ff.allocateBacklog({ policy: { rule: 'priority', preemption: { enabled: false } } })).toEqual({ filled: [], waiting: ['o-vip'] });
    expect((await ff.getOrder('o-low'))?.status).toBe('reserved');
    expect(await journal()).toBe(before);
  });
});

describe('allocateBacklog with pre-emption', () => {
  it('a priority-9 backorder takes units a priority-1 reserved order holds; the victim is backordered naming it', async () => {
    const { ff, place, position, holds } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 3 });
    await place('o-low', 3, 1);
    await place('o-vip', 2, 9);

    const report = await ff.allocateBacklog({ policy: PREEMPT });
    expect(report).toEqual({ filled: ['o-vip'], waiting: [], preempted: [{ order: 'o-low', sku: 'tee', quantity: 2, by: 'o-vip' }] });
    const low = await ff.getOrder('o-low');
    expect(low?.status).toBe('backordered');
    expect(low?.statusReason).toBe('pre-empted by o-vip (tee 2)');
    expect(low?.history.at(-1)).toMatchObject({ status: 'backordered', reason: 'pre-empted by o-vip (tee 2)' });
    // The victim keeps what it was not asked for; the taker holds the rest.
    expect((await holds('o-low')).map((r) => r.quantity)).toEqual([1]);
    expect((await holds('o-vip')).map((r) => r.quantity)).toEqual([2]);
    expect(await position()).toMatchObject({ onHand: 3, reserved: 3 });
    expect((await ff.getAvailability('tee')).available).toBe(0);

    const explained = await ff.explainOrder('o-low');
    const types = explained?.events.map((e) => e.event.type);
    expect(types?.slice(-3)).toEqual(['ReservationReduced', 'OrderBackordered', 'CapacityReleased']);
    expect(explained?.events.at(-2)?.event.payload).toMatchObject({ preemptedBy: [{ order: 'o-vip', sku: 'tee', quantity: 2 }] });

    // The victim waits in the backlog and is filled by the same policy when stock comes.
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 2 });
    expect(await ff.allocateBacklog({ policy: PREEMPT })).toEqual({ filled: ['o-low'], waiting: [], preempted: [] });
    expect((await holds('o-low')).reduce((sum, r) => sum + r.quantity, 0)).toBe(3);
    expect(await position()).toMatchObject({ onHand: 5, reserved: 5 });
  });

  it('takes free stock first, then held units; a victim losing all it holds there has its reservation ended', async () => {
    const { ff, place, position, holds } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 3 });
    await place('o-low', 2, 1);
    await place('o-vip', 3, 9);
    const lowReservation = (await holds('o-low'))[0]!.id;

    const report = await ff.allocateBacklog({ policy: PREEMPT });
    expect(report.preempted).toEqual([{ order: 'o-low', sku: 'tee', quantity: 2, by: 'o-vip' }]);
    expect((await ff.getReservation(lowReservation))?.status).toBe('released');
    const released = (await ff.readJournal()).find((e) => e.event.type === 'ReservationReleased');
    expect(released?.event.payload).toMatchObject({ reservation: lowReservation, reason: 'pre-empted by o-vip' });
    expect((await holds('o-vip')).map((r) => r.quantity)).toEqual([3]);
    expect(await holds('o-low')).toEqual([]);
    expect(await position()).toMatchObject({ onHand: 3, reserved: 3 });
  });

  it('never pre-empts an order handed to the warehouse', async () => {
    const { ff, place } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 2 });
    await place('o-low', 2, 1);
    await ff.releaseOrder('o-low');
    await place('o-vip', 2, 9);
    expect(await ff.allocateBacklog({ policy: PREEMPT })).toEqual({ filled: [], waiting: ['o-vip'], preempted: [] });
    expect((await ff.getOrder('o-low'))?.status).toBe('released');
  });

  it('takes only from orders below belowPriority, and never from an equal priority', async () => {
    const { ff, place } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 4 });
    await place('o-mid', 2, 5);
    await place('o-peer', 2, 9);
    await place('o-vip', 2, 9);
    const at = (belowPriority: number) => ff.allocateBacklog({ policy: { rule: 'priority', preemption: { belowPriority } } });
    expect(await at(5)).toEqual({ filled: [], waiting: ['o-vip'], preempted: [] });
    expect((await ff.getOrder('o-mid'))?.status).toBe('reserved');
    expect((await at(6)).preempted).toEqual([{ order: 'o-mid', sku: 'tee', quantity: 2, by: 'o-vip' }]);
    expect((await ff.getOrder('o-peer'))?.status).toBe('reserved');
  });

  it('a ship-complete backorder that held units cannot complete takes nothing', async () => {
    const { ff, place, journal, position } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 3 });
    await place('o-low', 2, 1);
    await place('o-vip', 4, 9);
    const before = await journal();
    // 1 free + 2 held = 3 < 4: o-vip stays short, so nobody gives anything.
    expect(await ff.allocateBacklog({ policy: PREEMPT })).toEqual({ filled: [], waiting: ['o-vip'], preempted: [] });
    expect((await ff.getOrder('o-low'))?.status).toBe('reserved');
    expect(await journal()).toBe(before);
    expect(await position()).toMatchObject({ onHand: 3, reserved: 2 });
  });

  it('leaves reserved orders at other nodes alone', async () => {
    const { ff, place, position } = await world();
    await ff.receiveStock({ node: 'shop', sku: 'tee', quantity: 2 });
    await place('o-low', 2, 1, { node: 'shop' });
    await place('o-vip', 2, 9);
    expect(await ff.allocateBacklog({ policy: PREEMPT })).toEqual({ filled: [], waiting: ['o-vip'], preempted: [] });
    expect((await ff.getOrder('o-low'))?.status).toBe('reserved');
    expect(await position('tee', 'shop')).toMatchObject({ onHand: 2, reserved: 2 });
  });

  it('does not pre-empt a SKU ring-fenced at the node: the holds may be units a fence keeps', async () => {
    const { ff, place } = await world();
    await ff.defineNode({ id: 'dc', ringFences: [{ channel: 'store', quantity: 1 }] });
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 3 });
    await place('o-low', 2, 1);
    await place('o-vip', 2, 9);
    expect(await ff.allocateBacklog({ policy: PREEMPT })).toEqual({ filled: [], waiting: ['o-vip'], preempted: [] });
    expect((await ff.getOrder('o-low'))?.status).toBe('reserved');
  });

  it('splits one victim between two takers, the lots going with the units', async () => {
    const { ff, place, position, holds } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'bolt', quantity: 2, lot: 'L-1' });
    await ff.receiveStock({ node: 'dc', sku: 'bolt', quantity: 2, lot: 'L-2' });
    await place('o-low', 4, 1, { sku: 'bolt' });
    await place('o-vip', 2, 9, { sku: 'bolt' });
    await place('o-vip2', 1, 8, { sku: 'bolt' });

    const report = await ff.allocateBacklog({ policy: PREEMPT });
    expect(report.filled).toEqual(['o-vip', 'o-vip2']);
    expect(report.preempted).toEqual([
      { order: 'o-low', sku: 'bolt', quantity: 2, by: 'o-vip' },
      { order: 'o-low', sku: 'bolt', quantity: 1, by: 'o-vip2' },
    ]);
    expect((await ff.getOrder('o-low'))?.statusReason).toBe('pre-empted by o-vip (bolt 2) and 1 more');
    const lotsOf = async (id: string) => (await holds(id)).flatMap((r) => r.lots ?? []);
    expect(await lotsOf('o-vip')).toEqual([{ lot: 'L-1', quantity: 2 }]);
    expect(await lotsOf('o-vip2')).toEqual([{ lot: 'L-2', quantity: 1 }]);
    expect(await lotsOf('o-low')).toEqual([{ lot: 'L-2', quantity: 1 }]);
    const p = await position('bolt');
    expect(p).toMatchObject({ onHand: 4, reserved: 4 });
    expect(p.lots).toMatchObject({ 'L-1': { onHand: 2, reserved: 2 }, 'L-2': { onHand: 2, reserved: 2 } });
  });
});

describe('the FillBacklog decision', () => {
  it('checks the victims it is given itself: never a released order, nor one at another node', async () => {
    const { ff, store, place } = await world();
    await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 2 });
    await ff.receiveStock({ node: 'shop', sku: 'tee', quantity: 2 });
    await place('o-rel', 2, 1);
    await ff.releaseOrder('o-rel');
    await place('o-shop', 2, 1, { node: 'shop' });
    await place('o-vip', 2, 9);
    const tenant = 'default' as TenantId;
    const ids = ['o-rel', 'o-shop', 'o-vip'] as OrderId[];
    const orders = await store.load(tenant, { orders: ids, nodes: ['dc' as NodeId] });
    const reservations = Object.values(orders.orders).flatMap((o) => o.reservations);
    const rest = await store.load(tenant, { reservations, skus: ['tee' as SkuId], positions: [{ node: 'dc' as NodeId, sku: 'tee' as SkuId }] });
    const slice = { ...orders, reservations: rest.reservations, skus: rest.skus, positions: rest.positions };
    const ctx = { now: Date.parse('2026-03-02T09:00:00Z'), tenant, ids: sequentialIds() };
    const command = { type: 'FillBacklog', node: 'dc' as NodeId, orders: ['o-vip' as OrderId], policy: PREEMPT, victims: ids } as const;
    expect(decideOrder(command, slice, ctx)).toEqual([]);
  });
});
