import { createFulfillment } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { SimulatedClock, seededIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

const T0 = Date.parse('2026-03-27T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function runtime() {
  const clock = new SimulatedClock(T0);
  const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(3), random: () => 0 });
  return { ff, clock };
}
/** A node's figure with nothing but on hand and reserved: its terms say exactly that. */
const row = (node: string, onHand: number, reserved = 0) => ({
  node,
  onHand,
  reserved,
  allocated: 0,
  safety: 0,
  inbound: 0,
  available: onHand - reserved,
  terms: [{ term: 'on hand', units: onHand }, ...(reserved ? [{ term: 'reserved', units: -reserved }] : [])],
});

describe('getAvailability', () => {
  // everywhere: every channel; shop: store channel only; closed: inactive since after its receipt.
  async function network() {
    const { ff } = runtime();
    await ff.defineNode({ id: 'everywhere' });
    await ff.defineNode({ id: 'shop', channels: ['store'] });
    await ff.defineNode({ id: 'closed' });
    await ff.defineSku({ id: 'a' });
    await ff.receiveStock({ node: 'everywhere', sku: 'a', quantity: 5 });
    await ff.receiveStock({ node: 'shop', sku: 'a', quantity: 4 });
    await ff.receiveStock({ node: 'closed', sku: 'a', quantity: 3 });
    await ff.defineNode({ id: 'closed', active: false });
    await ff.placeOrder({ node: 'everywhere', order: { id: 'o-1', channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity: 2 }] } });
    return ff;
  }

  it('sums the active nodes, node by node', async () => {
    const ff = await network();
    expect(await ff.getAvailability('a')).toEqual({
      sku: 'a',
      onHand: 9,
      reserved: 2,
      allocated: 0,
      safety: 0,
      inbound: 0,
      available: 7,
      nodes: [row('everywhere', 5, 2), row('shop', 4)],
    });
  });

  it('with a channel, leaves out nodes that do not serve it and inactive nodes', async () => {
    const ff = await network();
    const web = await ff.getAvailability('a', { channel: 'web' });
    expect(web.nodes).toEqual([row('everywhere', 5, 2)]);
    expect(web).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    const store = await ff.getAvailability('a', { channel: 'store' });
    expect(store.nodes.map((r) => r.node)).toEqual(['everywhere', 'shop']);
    expect(store.available).toBe(7);
  });

  it('with a node, gives that node alone', async () => {
    const ff = await network();
    expect(await ff.getAvailability('a', { node: 'shop' })).toMatchObject({ onHand: 4, available: 4, nodes: [row('shop', 4)] });
    expect((await ff.getAvailability('a', { node: 'shop', channel: 'web' })).nodes).toEqual([]);
    expect(await ff.getAvailability('a', { node: 'closed' })).toMatchObject({ onHand: 0, available: 0, nodes: [] });
  });

  it('knows nothing of a SKU never received', async () => {
    const ff = await network();
    expect(await ff.getAvailability('zz')).toEqual({ sku: 'zz', onHand: 0, reserved: 0, allocated: 0, safety: 0, inbound: 0, available: 0, nodes: [] });
  });

  it('refuses bad query input', async () => {
    const ff = await network();
    await expect(ff.getAvailability('a:b')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(ff.getAvailability('a', { node: 'x/y' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('order flow through the runtime', () => {
  async function stocked() {
    const r = runtime();
    await r.ff.defineNode({ id: 'n1' });
    await r.ff.defineSku({ id: 'a' });
    await r.ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    return r;
  }
  const place = (id: string, holdForMs?: number) => ({
    node: 'n1',
    order: { id, channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity: 2 }] },
    ...(holdForMs === undefined ? {} : { holdForMs }),
  });

  it('release then ship consumes the units from on hand', async () => {
    const { ff } = await stocked();
    await ff.placeOrder(place('o-1'));
    expect(await ff.releaseOrder('o-1')).toMatchObject({ status: 'released' });
    expect(await ff.shipOrder({ order: 'o-1' })).toMatchObject({ status: 'shipped' });
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 3, reserved: 0, available: 3 });
    await expect(ff.cancelOrder('o-1')).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it('cancel gives the units back', async () => {
    const { ff } = await stocked();
    await ff.placeOrder(place('o-1'));
    expect(await ff.cancelOrder({ order: 'o-1', reason: 'changed mind' })).toMatchObject({ status: 'cancelled', statusReason: 'changed mind' });
    expect(await ff.getAvailability('a')).toMatchObject({ onHand: 5, reserved: 0, available: 5 });
    await expect(ff.cancelOrder('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('expireReservations', () => {
  async function held() {
    const r = runtime();
    await r.ff.defineNode({ id: 'n1' });
    await r.ff.defineSku({ id: 'a' });
    await r.ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const order = await r.ff.placeOrder({
      node: 'n1',
      holdForMs: 60_000,
      order: { id: 'o-1', channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity: 2 }] },
    });
    return { ...r, order };
  }

  it('expires nothing before the instant given', async () => {
    const { ff } = await held();
    expect(await ff.expireReservations({ now: T0 + 59_999 })).toEqual({ expired: [], cancelledOrders: [] });
    expect((await ff.getOrder('o-1'))?.status).toBe('reserved');
  });

  it('uses the instant given, not the clock', async () => {
    const { ff, clock, order } = await held();
    const report = await ff.expireReservations({ now: iso(T0 + 60_000) });
    expect(report).toEqual({ expired: order.reservations, cancelledOrders: ['o-1'] });
    expect(clock.now()).toBe(T0);
    const tail = (await ff.readJournal()).slice(-3).map((e) => e.event);
    expect(tail.map((e) => [e.type, e.at])).toEqual([
      ['ReservationExpired', iso(T0 + 60_000)],
      ['CapacityReleased', iso(T0 + 60_000)],
      ['OrderCancelled', iso(T0 + 60_000)],
    ]);
    expect(await ff.getOrder('o-1')).toMatchObject({ status: 'cancelled', statusReason: 'reservation expired' });
    expect(await ff.getAvailability('a')).toMatchObject({ reserved: 0, available: 5 });
  });

  it('accepts the instant as a Date or epoch milliseconds', async () => {
    const a = await held();
    expect((await a.ff.expireReservations({ now: new Date(T0 + 60_000) })).cancelledOrders).toEqual(['o-1']);
    const b = await held();
    expect((await b.ff.expireReservations({ now: T0 + 60_000 })).cancelledOrders).toEqual(['o-1']);
  });

  it('uses the clock when no instant is given', async () => {
    const { ff, clock } = await held();
    expect((await ff.expireReservations()).expired).toEqual([]);
    clock.advance(60_000);
    expect((await ff.expireReservations()).cancelledOrders).toEqual(['o-1']);
    expect((await ff.expireReservations()).expired).toEqual([]);
  });

  it('never expires the reservations of a released order', async () => {
    const { ff } = await held();
    await ff.releaseOrder('o-1');
    expect(await ff.expireReservations({ now: T0 + 3_600_000 })).toEqual({ expired: [], cancelledOrders: [] });
    expect((await ff.getOrder('o-1'))?.status).toBe('released');
  });

  it('expires in batches until none is due', async () => {
    const { ff } = await held();
    await ff.placeOrder({ node: 'n1', holdForMs: 60_000, order: { id: 'o-2', channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity: 1 }] } });
    const report = await ff.expireReservations({ now: T0 + 60_000, batchSize: 1 });
    expect([...report.cancelledOrders].sort()).toEqual(['o-1', 'o-2']);
    expect(report.expired).toHaveLength(2);
  });
});
