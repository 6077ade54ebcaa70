import {
  type DecideContext,
  type EventDraft,
  type FulfillkitError,
  type FulfillmentCommand,
  fold,
  initialState,
  Node,
  type NodeId,
  type OrderData,
  OrderInput,
  type LineId,
  type ReservationId,
  Sku,
  type SkuId,
  stamp,
  type TenantId,
} from 'fulfillkit';
import { given, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

const n = (id: string) => id as NodeId;
const s = (id: string) => id as SkuId;
const r = (id: string) => id as ReservationId;
const l = (id: string) => id as LineId;
const at = (hhmm: string) => `2026-01-01T${hhmm}:00.000Z`;
const NOW = Date.parse(at('00:00'));

const spec = (past: readonly EventDraft[], now = NOW) => given(past, { now, ids: sequentialIds() });

const refusal = (past: readonly EventDraft[], command: FulfillmentCommand) => spec(past).when(command).thenThrows();
const issues = (e: FulfillkitError) => e.details.issues as { path: unknown[]; code: string }[];

const N1 = Node.parse({ id: 'n1' });
const WORLD: EventDraft[] = [
  { type: 'NodeDefined', payload: { node: N1 } },
  { type: 'NodeDefined', payload: { node: Node.parse({ id: 'closed', active: false }) } },
  { type: 'NodeDefined', payload: { node: Node.parse({ id: 'shop', channels: ['store'] }) } },
  ...['a', 'b'].map((id): EventDraft => ({ type: 'SkuDefined', payload: { sku: Sku.parse({ id }) } })),
  ...['n1', 'closed', 'shop'].flatMap((node): EventDraft[] => [
    { type: 'StockReceived', payload: { node: n(node), sku: s('a'), quantity: 5 } },
    { type: 'StockReceived', payload: { node: n(node), sku: s('b'), quantity: 3 } },
  ]),
];

const order = (lines: [string, number][], extra: Partial<OrderInput> = {}): OrderData =>
  OrderInput.parse({ id: 'o-1', channel: 'web', lines: lines.map(([sku, quantity], i) => ({ id: `l${i}`, sku, quantity })), ...extra });
const O1 = order([['a', 2], ['b', 1]]);
const O = O1.id;
const place = (node = 'n1', o: OrderData = O1): FulfillmentCommand => ({ type: 'PlaceOrder', order: o, node: n(node), onShortage: 'reject' });

/** o-1 placed and reserved at n1: r1 (2 a, expiring at `exp1`) and r2 (1 b, at `exp2`). */
function reservedOrder(exp1?: string, exp2?: string): EventDraft[] {
  const hold = (id: string, sku: string, quantity: number, expiresAt?: string): EventDraft => ({
    type: 'StockReserved',
    payload: { reservation: r(id), node: n('n1'), sku: s(sku), quantity, order: O, ...(expiresAt === undefined ? {} : { expiresAt }) },
  });
  return [
    ...WORLD,
    { type: 'OrderPlaced', payload: { order: O1 } },
    hold('r1', 'a', 2, exp1),
    hold('r2', 'b', 1, exp2),
    { type: 'OrderReserved', payload: { order: O, node: n('n1'), reservations: [r('r1'), r('r2')] } },
  ];
}
const released = (id: string, sku: string, quantity: number, reason: string): EventDraft => ({
  type: 'ReservationReleased',
  payload: { reservation: r(id), node: n('n1'), sku: s(sku), quantity, order: O, reason },
});

describe('placing an order', () => {
  it('places it, reserves every SKU, then marks it reserved', () => {
    spec(WORLD)
      .when(place())
      .then([
        { type: 'OrderPlaced', payload: { order: O1 } },
        { type: 'StockReserved', payload: { reservation: r('res-1'), node: n('n1'), sku: s('a'), quantity: 2, order: O, channel: O1.channel } },
        { type: 'StockReserved', payload: { reservation: r('res-2'), node: n('n1'), sku: s('b'), quantity: 1, order: O, channel: O1.channel } },
        { type: 'OrderReserved', payload: { order: O, node: n('n1'), reservations: [r('res-1'), r('res-2')] } },
        booked('n1', 3),
      ]);
  });

  it('gives the reservations an expiry `holdFor` after now', () => {
    const o = order([['a', 1]]);
    spec(WORLD)
      .when({ type: 'PlaceOrder', order: o, node: n('n1'), onShortage: 'reject', holdFor: 15 * 60_000 })
      .then([
        { type: 'OrderPlaced', payload: { order: o } },
        { type: 'StockReserved', payload: { reservation: r('res-1'), node: n('n1'), sku: s('a'), quantity: 1, order: O, channel: O1.channel, expiresAt: at('00:15') } },
        { type: 'OrderReserved', payload: { order: O, node: n('n1'), reservations: [r('res-1')] } },
        booked('n1', 1),
      ]);
  });

  it("backorders a short order under 'backorder', naming the shortages", () => {
    const o = order([['a', 7], ['b', 1]]);
    spec(WORLD)
      .when({ type: 'PlaceOrder', order: o, node: n('n1'), onShortage: 'backorder' })
      .then([
        { type: 'OrderPlaced', payload: { order: o } },
        { type: 'OrderBackordered', payload: { order: O, node: n('n1'), shortages: [{ sku: s('a'), requested: 7, available: 5 }] } },
      ]);
  });

  it("refuses a short order under 'reject'", () => {
    spec(WORLD).when(place('n1', order([['a', 6]]))).thenThrows('INSUFFICIENT_STOCK');
  });

  it('refuses an order id that exists', () => {
    spec(reservedOrder()).when(place()).thenThrows('DUPLICATE');
  });

  it('refuses an unknown SKU, naming its line', () => {
    const command = place('n1', order([['a', 1], ['zz', 1]]));
    spec(WORLD).when(command).thenThrows('VALIDATION');
    expect(issues(refusal(WORLD, command)).map((i) => i.path)).toEqual([['order', 'lines', 1, 'sku']]);
  });

  it.each([
    ['an unknown node', 'nowhere', 'unknown_reference'],
    ['an inactive node', 'closed', 'inactive'],
    ["a node that does not serve the order's channel", 'shop', 'channel'],
  ])('refuses %s with path node', (_name, node, code) => {
    spec(WORLD).when(place(node)).thenThrows('VALIDATION');
    expect(issues(refusal(WORLD, place(node)))).toMatchObject([{ path: ['node'], code }]);
  });

  it('places at a node that serves the channel', () => {
    const o = order([['a', 1]], { channel: 'store' });
    spec(WORLD)
      .when(place('shop', o))
      .then([
        { type: 'OrderPlaced', payload: { order: o } },
        { type: 'StockReserved', payload: { reservation: r('res-1'), node: n('shop'), sku: s('a'), quantity: 1, order: O, channel: o.channel } },
        { type: 'OrderReserved', payload: { order: O, node: n('shop'), reservations: [r('res-1')] } },
        booked('shop', 1),
      ]);
  });
});

/** Work booked at a node the host named: counted, never refused by capacity. */
function booked(node: string, units: number): EventDraft {
  return { type: 'CapacityBooked', payload: { order: O, node: n(node), day: '2026-01-01', orders: 1, units } };
}

describe('cancelling, releasing and shipping', () => {
  it('cancels: releases the active reservations, then cancels', () => {
    spec([...reservedOrder(), released('r1', 'a', 2, 'by hand')])
      .when({ type: 'CancelOrder', order: O, reason: 'customer' })
      .then([released('r2', 'b', 1, 'order cancelled: customer'), { type: 'OrderCancelled', payload: { order: O, reason: 'customer' } }]);
  });

  it('cancels a backordered order, which holds nothing', () => {
    const past: EventDraft[] = [
      ...WORLD,
      { type: 'OrderPlaced', payload: { order: O1 } },
      { type: 'OrderBackordered', payload: { order: O, node: n('n1'), shortages: [{ sku: s('a'), requested: 2, available: 0 }] } },
    ];
    spec(past).when({ type: 'CancelOrder', order: O, reason: 'x' }).then([{ type: 'OrderCancelled', payload: { order: O, reason: 'x' } }]);
  });

  it('releases: removes the expiry of reservations that had one, then releases', () => {
    spec(reservedOrder(at('00:30')))
      .when({ type: 'ReleaseOrder', order: O })
      .then([
        { type: 'ReservationExtended', payload: { reservation: r('r1') } },
        { type: 'OrderReleased', payload: { order: O, node: n('n1') } },
      ]);
  });

  it('ships a released order: consumes its reservations, then ships', () => {
    spec([...reservedOrder(), { type: 'OrderReleased', payload: { order: O, node: n('n1') } }])
      .when({ type: 'ShipOrder', order: O })
      .then([
        { type: 'ReservationConsumed', payload: { reservation: r('r1'), node: n('n1'), sku: s('a'), quantity: 2, order: O } },
        { type: 'ReservationConsumed', payload: { reservation: r('r2'), node: n('n1'), sku: s('b'), quantity: 1, order: O } },
        { type: 'OrderShipped', payload: { order: O, node: n('n1'), lines: [{ line: l('l0'), sku: s('a'), quantity: 2 }, { line: l('l1'), sku: s('b'), quantity: 1 }], complete: true } },
      ]);
  });

  it('refuses moves the lifecycle forbids, and unknown orders', () => {
    const shipped = [...reservedOrder(), { type: 'OrderReleased', payload: { order: O, node: n('n1') } }, { type: 'OrderShipped', payload: { order: O, node: n('n1'), lines: [{ line: l('l0'), sku: s('a'), quantity: 2 }, { line: l('l1'), sku: s('b'), quantity: 1 }], complete: true } }] as EventDraft[];
    spec(reservedOrder()).when({ type: 'ShipOrder', order: O }).thenThrows('ILLEGAL_TRANSITION');
    spec(shipped).when({ type: 'CancelOrder', order: O, reason: 'x' }).thenThrows('ILLEGAL_TRANSITION');
    spec(shipped).when({ type: 'ReleaseOrder', order: O }).thenThrows('ILLEGAL_TRANSITION');
    spec(WORLD).when({ type: 'CancelOrder', order: O, reason: 'x' }).thenThrows('NOT_FOUND');
    spec(WORLD).when({ type: 'ShipOrder', order: O }).thenThrows('NOT_FOUND');
  });
});

describe('expiring reservations', () => {
  const expired = (id: string, sku: string, quantity: number): EventDraft => ({
    type: 'ReservationExpired',
    payload: { reservation: r(id), node: n('n1'), sku: s(sku), quantity, order: O },
  });
  const cancelled: EventDraft = { type: 'OrderCancelled', payload: { order: O, reason: 'reservation expired' } };

  it('cancels the order and releases its reservations that are not yet due', () => {
    spec(reservedOrder(at('00:10'), at('00:30')), Date.parse(at('00:20')))
      .when({ type: 'ExpireReservations', reservations: [r('r1'), r('r2')] })
      .then([expired('r1', 'a', 2), released('r2', 'b', 1, 'order cancelled: reservation expired'), cancelled]);
  });

  it('expires every due reservation of the order, then cancels it', () => {
    spec(reservedOrder(at('00:10'), at('00:20')), Date.parse(at('00:20')))
      .when({ type: 'ExpireReservations', reservations: [r('r1'), r('r2')] })
      .then([expired('r1', 'a', 2), expired('r2', 'b', 1), cancelled]);
  });

  it('skips reservations not due, not active, without expiry or unknown', () => {
    const past = [...reservedOrder(at('00:10'), at('00:30')), released('r1', 'a', 2, 'by hand')];
    spec(past, Date.parse(at('00:20'))).when({ type: 'ExpireReservations', reservations: [r('r1'), r('r2'), r('nope')] }).then([]);
    spec(reservedOrder(), Date.parse(at('23:00'))).when({ type: 'ExpireReservations', reservations: [r('r1')] }).then([]);
  });

  it('expires a reservation named twice only once', () => {
    spec(reservedOrder(at('00:10'), at('00:10')), Date.parse(at('00:10')))
      .when({ type: 'ExpireReservations', reservations: [r('r1'), r('r1'), r('r2')] })
      .then([expired('r1', 'a', 2), expired('r2', 'b', 1), cancelled]);
  });
});

describe('defining nodes and SKUs', () => {
  it('emits a definition for a new node and SKU', () => {
    spec([]).when({ type: 'DefineNode', node: N1 }).then([{ type: 'NodeDefined', payload: { node: N1 } }]);
    const sku = Sku.parse({ id: 'a' });
    spec([]).when({ type: 'DefineSku', sku }).then([{ type: 'SkuDefined', payload: { sku } }]);
  });

  it('emits nothing when a node or SKU is redefined unchanged', () => {
    spec(WORLD).when({ type: 'DefineNode', node: Node.parse({ id: 'n1' }) }).then([]);
    spec(WORLD).when({ type: 'DefineSku', sku: Sku.parse({ id: 'a' }) }).then([]);
  });

  it('emits a new definition when it changed, and the version goes up', () => {
    const node = Node.parse({ id: 'n1', rank: 3 });
    const sku = Sku.parse({ id: 'a', handlingClass: 'fragile' });
    spec(WORLD).when({ type: 'DefineNode', node }).then([{ type: 'NodeDefined', payload: { node } }]);
    spec(WORLD).when({ type: 'DefineSku', sku }).then([{ type: 'SkuDefined', payload: { sku } }]);
    const ctx: DecideContext = { now: NOW, tenant: 'spec' as TenantId, ids: sequentialIds() };
    const before = fold(initialState(), stamp(WORLD, ctx));
    const after = fold(before, stamp([{ type: 'NodeDefined', payload: { node } }, { type: 'SkuDefined', payload: { sku } }], ctx));
    expect([before.nodes[n('n1')]?.version, after.nodes[n('n1')]?.version]).toEqual([1, 2]);
    expect(after.nodes[n('n1')]).toMatchObject({ rank: 3 });
    expect([before.skus[s('a')]?.version, after.skus[s('a')]?.version]).toEqual([1, 2]);
  });
});
