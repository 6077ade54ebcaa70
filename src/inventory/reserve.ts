import type { DecideContext } from '../domain/decider';
import { IllegalTransitionError, InsufficientStockError, NotFoundError } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { ChannelId, NodeId, OrderId, ReservationId, SkuId } from '../domain/ids';
import type { Reservation } from '../domain/inventory';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { localDate } from '../domain/time';
import { type AtpTerm, positionAtp } from './availability';
import { chooseLots } from './lots';

/** Units of one SKU asked for. */
export interface Demand {
  readonly sku: SkuId;
  readonly quantity: number;
}

/** A SKU that cannot be served in full at a node, with the terms of its ATP. */
export interface Shortage {
  readonly sku: SkuId;
  readonly requested: number;
  readonly available: number;
}

/** Who a hold is for and until when. */
export interface Hold {
  readonly order?: OrderId | undefined;
  readonly holder?: string | undefined;
  readonly channel?: ChannelId | undefined;
  readonly expiresAt?: string | undefined;
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
 * The node's calendar date at `now`, in its time zone (UTC for a node not in the slice).
 *
 * @example
 * ```ts
 * nodeToday(state, 'berlin', ctx.now) // '2026-03-28'
 * ```
 */
export function nodeToday(state: FulfillmentState, node: NodeId, now: number): string {
  return localDate(now, own(state.nodes, node)?.timeZone ?? 'UTC');
}

/** The node's date, worked out only for positions with lots: nothing else needs it, and it is not free. */
function todayFor(position: { readonly lots?: unknown }, state: FulfillmentState, node: NodeId, now: number): string {
  return position.lots === undefined ? '' : nodeToday(state, node, now);
}

/**
 * What cannot be served at `node` for the demand, SKU by SKU (empty when all of it can), for a
 * channel when given: its ring-fences and expired lots count.
 *
 * @example
 * ```ts
 * shortagesAt(state, node, [{ sku, quantity: 5 }], { now }) // [{ sku, requested: 5, available: 2 }]
 * ```
 */
export function shortagesAt(
  state: FulfillmentState,
  node: NodeId,
  demand: readonly Demand[],
  at: { readonly now: number; readonly channel?: ChannelId | undefined },
): (Shortage & { readonly terms: readonly AtpTerm[] })[] {
  return totalBySku(demand).flatMap(({ sku, quantity }) => {
    const position = positionOf(state, node, sku) ?? emptyPosition(node, sku);
    const today = todayFor(position, state, node, at.now);
    // A hold for no channel is an unfenced channel's: it keeps every fence.
    const atp = positionAtp(position, own(state.nodes, node), { channel: at.channel, today, keepFences: true });
    return atp.available >= quantity ? [] : [{ sku, requested: quantity, available: atp.available, terms: atp.terms }];
  });
}

/**
 * Reserves every line at `node`, all or nothing: one reservation per SKU for the summed quantity,
 * from lots by FEFO (expiry-tracked SKUs) or FIFO (lot-tracked). Throws `InsufficientStockError`
 * listing every short SKU with the terms of its ATP.
 *
 * @example
 * ```ts
 * reserve(state, 'berlin', [{ sku: 'tee-m', quantity: 2 }], ctx, { order: 'o-1', channel: 'web' })
 * ```
 */
export function reserve(state: FulfillmentState, node: NodeId, lines: readonly Demand[], ctx: DecideContext, hold: Hold = {}): EventDraft[] {
  const shortages = shortagesAt(state, node, lines, { now: ctx.now, channel: hold.channel });
  if (shortages.length > 0) {
    throw new InsufficientStockError(
      `not enough stock at ${node}: ${shortages.map((s) => `${s.sku} asked ${s.requested}, available ${s.available}`).join('; ')}`,
      { node, shortages },
    );
  }
  return totalBySku(lines).map(({ sku, quantity }) => {
    const position = positionOf(state, node, sku) ?? emptyPosition(node, sku);
    const today = todayFor(position, state, node, ctx.now);
    const skuDef = own(state.skus, sku);
    const lots = skuDef?.lotTracked ? chooseLots(position, quantity, skuDef.expiryTracked ? 'fefo' : 'fifo', today) : undefined;
    return {
      type: 'StockReserved',
      payload: {
        reservation: ctx.ids.next('res') as ReservationId,
        node,
        sku,
        quantity,
        ...(hold.order === undefined ? {} : { order: hold.order }),
        ...(hold.holder === undefined ? {} : { holder: hold.holder }),
        ...(hold.channel === undefined ? {} : { channel: hold.channel }),
        ...(lots === undefined ? {} : { lots }),
        ...(hold.expiresAt === undefined ? {} : { expiresAt: hold.expiresAt }),
      },
    };
  });
}

/**
 * Ends active reservations by release or consumption. A reservation that ended already, or is named
 * twice, is refused: every reservation ends once.
 *
 * @example
 * ```ts
 * endReservations(state, ['res-1'], 'released', 'customer cancelled')
 * ```
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
    const payload = endPayload(activeReservation(state, id, how));
    return how === 'consumed' ? { type: 'ReservationConsumed', payload } : { type: 'ReservationReleased', payload: { ...payload, reason } };
  });
}

/**
 * Expires the given reservations that are active and due at `now`; others are left alone.
 *
 * @example
 * ```ts
 * expire(state, dueIds, clock.now())
 * ```
 */
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

/**
 * An active reservation, or the error saying why it is not one.
 *
 * @example
 * ```ts
 * activeReservation(state, 'res-1', 'extended')
 * ```
 */
export function activeReservation(state: FulfillmentState, id: ReservationId, how: string): Reservation {
  const r = own(state.reservations, id);
  if (!r) throw new NotFoundError('reservation', id);
  if (r.status !== 'active') throw new IllegalTransitionError('reservation', id, r.status, how);
  return r;
}

function endPayload(r: Reservation) {
  return {
    reservation: r.id,
    node: r.node,
    sku: r.sku,
    quantity: r.quantity,
    ...(r.order === undefined ? {} : { order: r.order }),
    ...(r.channel === undefined ? {} : { channel: r.channel }),
    ...(r.lots === undefined ? {} : { lots: r.lots }),
  };
}
