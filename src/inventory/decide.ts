import type { DecideContext } from '../domain/decider';
import { InsufficientStockError, IllegalTransitionError, NotFoundError, ValidationError } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { NodeId, OrderId, ReservationId, SkuId } from '../domain/ids';
import type { AdjustmentReason, Reservation } from '../domain/inventory';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { availableToPromise, unpromisedOnHand } from './availability';

/** Units of one SKU asked for. */
export interface Demand {
  readonly sku: SkuId;
  readonly quantity: number;
}

/** A SKU that cannot be served in full at a node. */
export interface Shortage {
  readonly sku: SkuId;
  readonly requested: number;
  readonly available: number;
}

/** The commands on stock positions and reservations. */
export type InventoryCommand =
  | { readonly type: 'ReceiveStock'; readonly node: NodeId; readonly sku: SkuId; readonly quantity: number; readonly reference?: string | undefined }
  | {
      readonly type: 'AdjustStock';
      readonly node: NodeId;
      readonly sku: SkuId;
      readonly delta: number;
      readonly reason: AdjustmentReason;
      readonly note?: string | undefined;
    }
  | {
      readonly type: 'ReserveStock';
      readonly node: NodeId;
      readonly lines: readonly Demand[];
      readonly order?: OrderId | undefined;
      readonly expiresAt?: string | undefined;
    }
  | { readonly type: 'ReleaseReservations'; readonly reservations: readonly ReservationId[]; readonly reason: string }
  | { readonly type: 'ConsumeReservations'; readonly reservations: readonly ReservationId[] };

/**
 * Decides a command on stock. Pure: the state is the slice the command needs.
 *
 * @example
 * ```ts
 * decideInventory({ type: 'ReceiveStock', node, sku, quantity: 10 }, state, ctx)
 * // [{ type: 'StockReceived', payload: { node, sku, quantity: 10 } }]
 * ```
 */
export function decideInventory(command: InventoryCommand, state: FulfillmentState, ctx: DecideContext): EventDraft[] {
  switch (command.type) {
    case 'ReceiveStock': {
      requireStockKeys(state, command.node, command.sku, 'receiveStock');
      const payload = { node: command.node, sku: command.sku, quantity: command.quantity };
      return [{ type: 'StockReceived', payload: command.reference === undefined ? payload : { ...payload, reference: command.reference } }];
    }
    case 'AdjustStock':
      return decideAdjustment(command, state);
    case 'ReserveStock':
      return reserve(state, command.node, command.lines, ctx, { order: command.order, expiresAt: command.expiresAt });
    case 'ReleaseReservations':
      return endReservations(state, command.reservations, 'released', command.reason);
    case 'ConsumeReservations':
      return endReservations(state, command.reservations, 'consumed');
  }
}

function decideAdjustment(command: Extract<InventoryCommand, { type: 'AdjustStock' }>, state: FulfillmentState): EventDraft[] {
  requireStockKeys(state, command.node, command.sku, 'adjustStock');
  const position = positionOf(state, command.node, command.sku) ?? emptyPosition(command.node, command.sku);
  if (command.delta < 0 && unpromisedOnHand(position) + command.delta < 0) {
    throw new InsufficientStockError(
      `cannot remove ${-command.delta} of ${command.sku} at ${command.node}: only ${unpromisedOnHand(position)} on hand are not held; release reservations first`,
      { node: command.node, sku: command.sku, requested: -command.delta, available: unpromisedOnHand(position) },
    );
  }
  const payload = { node: command.node, sku: command.sku, delta: command.delta, reason: command.reason };
  return [{ type: 'StockAdjusted', payload: command.note === undefined ? payload : { ...payload, note: command.note } }];
}

/**
 * Sums demand by SKU, in the order each SKU first appears: a SKU on two lines counts once, in total.
 *
 * @example
 * ```ts
 * totalBySku([{ sku: 'a', quantity: 1 }, { sku: 'a', quantity: 2 }]) // [{ sku: 'a', quantity: 3 }]
 * ```
 */
export function totalBySku(lines: readonly Demand[]): Demand[] {
  const totals = new Map<SkuId, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

/**
 * What cannot be served at `node` for the demand, SKU by SKU (empty when all of it can).
 *
 * @example
 * ```ts
 * shortagesAt(state, node, [{ sku, quantity: 5 }]) // [{ sku, requested: 5, available: 2 }]
 * ```
 */
export function shortagesAt(state: FulfillmentState, node: NodeId, demand: readonly Demand[]): Shortage[] {
  return totalBySku(demand).flatMap(({ sku, quantity }) => {
    const position = positionOf(state, node, sku);
    const available = position ? availableToPromise(position) : 0;
    return available >= quantity ? [] : [{ sku, requested: quantity, available }];
  });
}

/**
 * Reserves every line at `node`, all or nothing: one reservation per SKU for the summed quantity.
 * Throws `InsufficientStockError` listing every short SKU.
 */
export function reserve(
  state: FulfillmentState,
  node: NodeId,
  lines: readonly Demand[],
  ctx: DecideContext,
  hold: { readonly order?: OrderId | undefined; readonly expiresAt?: string | undefined } = {},
): EventDraft[] {
  const shortages = shortagesAt(state, node, lines);
  if (shortages.length > 0) {
    throw new InsufficientStockError(
      `not enough stock at ${node}: ${shortages.map((s) => `${s.sku} asked ${s.requested}, available ${s.available}`).join('; ')}`,
      { node, shortages },
    );
  }
  return totalBySku(lines).map(({ sku, quantity }) => ({
    type: 'StockReserved',
    payload: {
      reservation: ctx.ids.next('res') as ReservationId,
      node,
      sku,
      quantity,
      ...(hold.order === undefined ? {} : { order: hold.order }),
      ...(hold.expiresAt === undefined ? {} : { expiresAt: hold.expiresAt }),
    },
  }));
}

/**
 * Ends active reservations by release or consumption. A reservation that ended already is refused:
 * every reservation ends once.
 */
export function endReservations(
  state: FulfillmentState,
  ids: readonly ReservationId[],
  how: 'released' | 'consumed',
  reason = 'released',
): EventDraft[] {
  const ended = new Set<ReservationId>();
  return ids.map((id) => {
    // Named twice in one command: the second end would find it ended by the first.
    if (ended.has(id)) throw new IllegalTransitionError('reservation', id, how, how);
    ended.add(id);
    const r = activeReservation(state, id, how);
    const payload = endPayload(r);
    return how === 'consumed'
      ? { type: 'ReservationConsumed', payload }
      : { type: 'ReservationReleased', payload: { ...payload, reason } };
  });
}

/** Expires the given reservations that are active and due at `now`; others are left alone. */
export function expire(state: FulfillmentState, ids: readonly ReservationId[], now: number): EventDraft[] {
  return [...new Set(ids)].flatMap((id) => {
    const r = own(state.reservations, id);
    if (!r || !isDue(r, now)) return [];
    return [{ type: 'ReservationExpired', payload: endPayload(r) }];
  });
}

/**
 * Whether a reservation is active and its expiry has come.
 *
 * @example
 * ```ts
 * isDue(reservation, clock.now())
 * ```
 */
export function isDue(r: Reservation, now: number): boolean {
  return r.status === 'active' && r.expiresAt !== undefined && Date.parse(r.expiresAt) <= now;
}

function endPayload(r: Reservation) {
  const base = { reservation: r.id, node: r.node, sku: r.sku, quantity: r.quantity };
  return r.order === undefined ? base : { ...base, order: r.order };
}

function activeReservation(state: FulfillmentState, id: ReservationId, how: string): Reservation {
  const r = own(state.reservations, id);
  if (!r) throw new NotFoundError('reservation', id);
  if (r.status !== 'active') throw new IllegalTransitionError('reservation', id, r.status, how);
  return r;
}

/** Stock moves only for defined nodes and SKUs; the error names the input field. */
function requireStockKeys(state: FulfillmentState, node: NodeId, sku: SkuId, where: string): void {
  const issues = [
    ...(own(state.nodes, node) ? [] : [{ path: ['node'], message: `unknown node ${node}`, code: 'unknown_reference' }]),
    ...(own(state.skus, sku) ? [] : [{ path: ['sku'], message: `unknown SKU ${sku}`, code: 'unknown_reference' }]),
  ];
  if (issues.length > 0) throw new ValidationError(where, issues);
}
