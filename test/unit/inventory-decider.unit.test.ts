import {
  availableToPromise,
  type DecideContext,
  type EventDraft,
  type FulfillkitError,
  type FulfillmentCommand,
  type FulfillmentState,
  fold,
  fulfillmentDecider,
  initialState,
  Node,
  type NodeId,
  type OrderId,
  positionOf,
  type ReservationId,
  Sku,
  type SkuId,
  stamp,
  type TenantId,
} from 'fulfillkit';
import { deciderSpec, given, sequentialIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

const n = (id: string) => id as NodeId;
const s = (id: string) => id as SkuId;
const r = (id: string) => id as ReservationId;
const NOW = Date.parse('2026-01-01T00:00:00.000Z');

const context = (): Partial<DecideContext> => ({ now: NOW, ids: sequentialIds() });
const spec = (past: readonly EventDraft[]) => given(past, context());

/** The error the decision throws, with its details. */
const refusal = (past: readonly EventDraft[], command: FulfillmentCommand) => spec(past).when(command).thenThrows();
const paths = (e: FulfillkitError) => (e.details.issues as { path: unknown[] }[]).map((i) => i.path);

const WORLD: EventDraft[] = [
  { type: 'NodeDefined', payload: { node: Node.parse({ id: 'n1' }) } },
  ...['a', 'b', 'c'].map((id): EventDraft => ({ type: 'SkuDefined', payload: { sku: Sku.parse({ id }) } })),
];
const received = (sku: string, quantity: number): EventDraft => ({ type: 'StockReceived', payload: { node: n('n1'), sku: s(sku), quantity } });
const reserved = (id: string, sku: string, quantity: number, order?: string): EventDraft => ({
  type: 'StockReserved',
  payload: { reservation: r(id), node: n('n1'), sku: s(sku), quantity, ...(order === undefined ? {} : { order: order as OrderId }) },
});
const end = (type: 'ReservationReleased' | 'ReservationConsumed' | 'ReservationExpired', id: string, sku: string, quantity: number): EventDraft =>
  type === 'ReservationReleased'
    ? { type, payload: { reservation: r(id), node: n('n1'), sku: s(sku), quantity, reason: 'test' } }
    : { type, payload: { reservation: r(id), node: n('n1'), sku: s(sku), quantity } };

describe('receiving and adjusting stock', () => {
  it('receives units at a defined node and SKU, with the reference', () => {
    spec(WORLD)
      .when({ type: 'ReceiveStock', node: n('n1'), sku: s('a'), quantity: 7, reference: 'PO-1' })
      .then([{ type: 'StockReceived', payload: { node: n('n1'), sku: s('a'), quantity: 7, reference: 'PO-1' } }]);
  });

  it.each([
    ['unknown node', 'n9', 'a', [['node']]],
    ['unknown SKU', 'n1', 'z', [['sku']]],
    ['both unknown', 'n9', 'z', [['node'], ['sku']]],
  ])('refuses a receipt with an %s, naming the field', (_name, node, sku, expected) => {
    const command: FulfillmentCommand = { type: 'ReceiveStock', node: n(node), sku: s(sku), quantity: 1 };
    spec(WORLD).when(command).thenThrows('VALIDATION');
    expect(paths(refusal(WORLD, command))).toEqual(expected);
  });

  it.each([
    ['unknown node', 'n9', 'a', [['node']]],
    ['unknown SKU', 'n1', 'z', [['sku']]],
  ])('refuses an adjustment with an %s, naming the field', (_name, node, sku, expected) => {
    const command: FulfillmentCommand = { type: 'AdjustStock', node: n(node), sku: s(sku), delta: 3, reason: 'found' };
    spec(WORLD).when(command).thenThrows('VALIDATION');
    expect(paths(refusal(WORLD, command))).toEqual(expected);
  });

  it('adjusts up a position never seen before, with its note', () => {
    spec(WORLD)
      .when({ type: 'AdjustStock', node: n('n1'), sku: s('a'), delta: 4, reason: 'found', note: 'behind shelf' })
      .then([{ type: 'StockAdjusted', payload: { node: n('n1'), sku: s('a'), delta: 4, reason: 'found', note: 'behind shelf' } }]);
  });

  it('refuses a decrease that would take units someone holds', () => {
    const past = [...WORLD, received('a', 5), reserved('r1', 'a', 3)];
    const command: FulfillmentCommand = { type: 'AdjustStock', node: n('n1'), sku: s('a'), delta: -3, reason: 'damage' };
    spec(past).when(command).thenThrows('INSUFFICIENT_STOCK');
    expect(refusal(past, command).details).toEqual({ node: 'n1', sku: 'a', requested: 3, available: 2 });
  });

  it('allows a decrease down to exactly the held units', () => {
    spec([...WORLD, received('a', 5), reserved('r1', 'a', 3)])
      .when({ type: 'AdjustStock', node: n('n1'), sku: s('a'), delta: -2, reason: 'damage' })
      .then([{ type: 'StockAdjusted', payload: { node: n('n1'), sku: s('a'), delta: -2, reason: 'damage' } }]);
  });

  it('refuses a decrease below zero on an empty position', () => {
    spec(WORLD).when({ type: 'AdjustStock', node: n('n1'), sku: s('a'), delta: -1, reason: 'write-off' }).thenThrows('INSUFFICIENT_STOCK');
  });

  describe('with safety stock', () => {
    // No event sets safety stock yet, so the position starts with it: on hand 0, safety 2.
    const withSafety = (): FulfillmentState => ({
      ...initialState(),
      positions: { [n('n1')]: { [s('a')]: { node: n('n1'), sku: s('a'), onHand: 0, reserved: 0, allocated: 0, safety: 2 } } },
    });
    const safetySpec = (past: readonly EventDraft[]) =>
      deciderSpec({ ...fulfillmentDecider, initialState: withSafety }, context()).given(past);
    // on hand 5, held 3, safety 2: nothing is available to promise.
    const past = [...WORLD, received('a', 5), reserved('r1', 'a', 3)];

    it('allows a decrease into safety stock that leaves the held units intact', () => {
      safetySpec(past)
        .when({ type: 'AdjustStock', node: n('n1'), sku: s('a'), delta: -2, reason: 'damage' })
        .then([{ type: 'StockAdjusted', payload: { node: n('n1'), sku: s('a'), delta: -2, reason: 'damage' } }]);
    });

    it('refuses a decrease past the safety stock into the held units', () => {
      safetySpec(past).when({ type: 'AdjustStock', node: n('n1'), sku: s('a'), delta: -3, reason: 'damage' }).thenThrows('INSUFFICIENT_STOCK');
    });

    it('counts safety stock out of what can be promised, never below zero', () => {
      safetySpec([...WORLD, received('a', 4)]).when({ type: 'ReserveStock', node: n('n1'), lines: [{ sku: s('a'), quantity: 3 }] }).thenThrows('INSUFFICIENT_STOCK');
      const ctx: DecideContext = { now: NOW, tenant: 'spec' as TenantId, ids: sequentialIds() };
      const state = fold(withSafety(), stamp([...past, { type: 'StockAdjusted', payload: { node: n('n1'), sku: s('a'), delta: -2, reason: 'damage' } }], ctx));
      const p = positionOf(state, n('n1'), s('a'))!;
      expect(p).toMatchObject({ onHand: 3, reserved: 3, safety: 2 });
      expect(availableToPromise(p)).toBe(0);
    });
  });
});

describe('reserving stock', () => {
  const stocked = [...WORLD, received('a', 5), received('b', 1)];

  it('reserves each line with the order and expiry', () => {
    spec(stocked)
      .when({
        type: 'ReserveStock',
        node: n('n1'),
        lines: [{ sku: s('a'), quantity: 2 }, { sku: s('b'), quantity: 1 }],
        order: 'o-1' as OrderId,
        expiresAt: '2026-01-01T00:15:00.000Z',
      })
      .then([
        { type: 'StockReserved', payload: { reservation: r('res-1'), node: n('n1'), sku: s('a'), quantity: 2, order: 'o-1' as OrderId, expiresAt: '2026-01-01T00:15:00.000Z' } },
        { type: 'StockReserved', payload: { reservation: r('res-2'), node: n('n1'), sku: s('b'), quantity: 1, order: 'o-1' as OrderId, expiresAt: '2026-01-01T00:15:00.000Z' } },
      ]);
  });

  it('is all or nothing and lists every short SKU', () => {
    const command: FulfillmentCommand = {
      type: 'ReserveStock',
      node: n('n1'),
      lines: [{ sku: s('a'), quantity: 2 }, { sku: s('b'), quantity: 3 }, { sku: s('c'), quantity: 1 }],
    };
    spec(stocked).when(command).thenThrows('INSUFFICIENT_STOCK');
    expect(refusal(stocked, command).details).toMatchObject({
      node: 'n1',
      shortages: [
        { sku: 'b', requested: 3, available: 1 },
        { sku: 'c', requested: 1, available: 0 },
      ],
    });
  });

  it('reserves the summed quantity of a SKU on two lines as one reservation', () => {
    spec(stocked)
      .when({ type: 'ReserveStock', node: n('n1'), lines: [{ sku: s('a'), quantity: 2 }, { sku: s('b'), quantity: 1 }, { sku: s('a'), quantity: 3 }] })
      .then([
        { type: 'StockReserved', payload: { reservation: r('res-1'), node: n('n1'), sku: s('a'), quantity: 5 } },
        { type: 'StockReserved', payload: { reservation: r('res-2'), node: n('n1'), sku: s('b'), quantity: 1 } },
      ]);
  });

  it('checks the summed quantity, not each line alone', () => {
    const command: FulfillmentCommand = { type: 'ReserveStock', node: n('n1'), lines: [{ sku: s('a'), quantity: 3 }, { sku: s('a'), quantity: 3 }] };
    expect(refusal(stocked, command).details).toMatchObject({ node: 'n1', shortages: [{ sku: 'a', requested: 6, available: 5 }] });
  });

  it('does not promise units another reservation holds, and says so in the terms', () => {
    const past = [...stocked, reserved('r1', 'a', 4)];
    const command: FulfillmentCommand = { type: 'ReserveStock', node: n('n1'), lines: [{ sku: s('a'), quantity: 2 }] };
    expect(refusal(past, command).details).toEqual({
      node: 'n1',
      shortages: [{ sku: 'a', requested: 2, available: 1, terms: [{ term: 'on hand', units: 5 }, { term: 'reserved', units: -4 }] }],
    });
  });
});

describe('ending reservations', () => {
  const held = [...WORLD, received('a', 5), reserved('r1', 'a', 2, 'o-1'), reserved('r2', 'a', 1)];

  it('releases an active reservation with its reason and order', () => {
    spec(held)
      .when({ type: 'ReleaseReservations', reservations: [r('r1'), r('r2')], reason: 'cart abandoned' })
      .then([
        { type: 'ReservationReleased', payload: { reservation: r('r1'), node: n('n1'), sku: s('a'), quantity: 2, order: 'o-1' as OrderId, reason: 'cart abandoned' } },
        { type: 'ReservationReleased', payload: { reservation: r('r2'), node: n('n1'), sku: s('a'), quantity: 1, reason: 'cart abandoned' } },
      ]);
  });

  it('consumes an active reservation', () => {
    spec(held)
      .when({ type: 'ConsumeReservations', reservations: [r('r2')] })
      .then([{ type: 'ReservationConsumed', payload: { reservation: r('r2'), node: n('n1'), sku: s('a'), quantity: 1 } }]);
  });

  it.each([
    ['released', 'ReservationReleased', 'ReleaseReservations'],
    ['released', 'ReservationReleased', 'ConsumeReservations'],
    ['consumed', 'ReservationConsumed', 'ReleaseReservations'],
    ['consumed', 'ReservationConsumed', 'ConsumeReservations'],
    ['expired', 'ReservationExpired', 'ReleaseReservations'],
    ['expired', 'ReservationExpired', 'ConsumeReservations'],
  ] as const)('refuses to end a %s reservation again (%s, then %s)', (status, ended, command) => {
    const past = [...held, end(ended, 'r2', 'a', 1)];
    const cmd: FulfillmentCommand =
      command === 'ReleaseReservations' ? { type: command, reservations: [r('r1'), r('r2')], reason: 'x' } : { type: command, reservations: [r('r1'), r('r2')] };
    spec(past).when(cmd).thenThrows('ILLEGAL_TRANSITION');
    expect(refusal(past, cmd).details).toMatchObject({ entity: 'reservation', id: 'r2', from: status });
  });

  it('refuses an unknown reservation', () => {
    spec(held).when({ type: 'ReleaseReservations', reservations: [r('r1'), r('nope')], reason: 'x' }).thenThrows('NOT_FOUND');
    spec(held).when({ type: 'ConsumeReservations', reservations: [r('nope')] }).thenThrows('NOT_FOUND');
    expect(refusal(held, { type: 'ConsumeReservations', reservations: [r('nope')] }).details).toEqual({ entity: 'reservation', id: 'nope' });
  });

  it('ends a reservation named twice in one command only once', () => {
    spec(held).when({ type: 'ReleaseReservations', reservations: [r('r1'), r('r1')], reason: 'x' }).thenThrows('ILLEGAL_TRANSITION');
    spec(held).when({ type: 'ConsumeReservations', reservations: [r('r2'), r('r2')] }).thenThrows('ILLEGAL_TRANSITION');
  });
});
