import { InsufficientStockError, ValidationError, type ValidationIssue } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { LineId, LotId, NodeId, ReservationId, SkuId } from '../domain/ids';
import type { Order } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { releaseCapacity, releasedAt } from './capacity';
import { assertTransition, canTransition } from './lifecycle';

/** Units of a line asked for (all that is open when `quantity` is absent). */
export interface LineRequest {
  readonly line: LineId;
  readonly quantity?: number | undefined;
}

/** Units of one line of an order. */
export type LineQuantity = { line: LineId; sku: SkuId; quantity: number };

/**
 * Ships lines (all that is open, or the parts given): their units are consumed from the order's
 * reservations, whole reservations end, partly used ones shrink. The order becomes shipped when
 * nothing is left open, partially shipped otherwise.
 *
 * @example
 * ```ts
 * shipLines(state, order, [{ line: '1', quantity: 1 }]) // [ReservationReduced, OrderShipped { complete: false }]
 * shipLines(state, order, undefined, 'hamburg') // the shipment planned at hamburg
 * ```
 */
export function shipLines(state: FulfillmentState, order: Order, requests: readonly LineRequest[] | undefined, node?: NodeId): EventDraft[] {
  // The status first: a cancelled or shipped order cannot ship, whatever its lines say.
  if (!canTransition(order.status, 'partially-shipped')) assertTransition(order.id, order.status, 'shipped');
  const planned = node === undefined ? undefined : order.shipments?.find((s) => s.node === node)?.lines.map((l) => ({ line: l.line, quantity: l.quantity }));
  const lines = resolveLines(order, requests ?? planned, 'shipOrder');
  const complete = leftOpen(order, lines) === 0;
  assertTransition(order.id, order.status, complete ? 'shipped' : 'partially-shipped');
  return [
    ...takeFromReservations(state, order, lines, 'shipped', node),
    { type: 'OrderShipped', payload: { order: order.id, node: node ?? order.node!, lines, complete } },
  ];
}

/**
 * Cancels lines (all that is open, or the parts given), giving their held units back. When nothing
 * is left open the order becomes cancelled (nothing shipped) or shipped (the rest shipped).
 *
 * @example
 * ```ts
 * cancelLines(state, order, [{ line: '2' }], 'out of colour') // [ReservationReleased, OrderLinesCancelled]
 * ```
 */
export function cancelLines(state: FulfillmentState, order: Order, requests: readonly LineRequest[] | undefined, reason: string): EventDraft[] {
  if (order.status !== 'partially-shipped') assertTransition(order.id, order.status, 'cancelled');
  const lines = resolveLines(order, requests, 'cancelLines');
  const open = leftOpen(order, lines);
  const anyShipped = order.progress.some((p) => p.shipped > 0);
  const becomes = open > 0 ? undefined : anyShipped ? ('shipped' as const) : ('cancelled' as const);
  if (becomes && !canTransition(order.status, becomes)) assertTransition(order.id, order.status, becomes);
  const given = takeFromReservations(state, order, heldBeyond(state, order, lines), 'released');
  return [
    ...given,
    ...releaseCapacity(order, releasedAt(given), `lines cancelled: ${reason}`),
    { type: 'OrderLinesCancelled', payload: { order: order.id, lines, reason, ...(becomes ? { becomes } : {}) } },
  ];
}

/**
 * Held units the cancellation leaves without an open line, per SKU: a backordered order cancels
 * its missing units first, and gives back held ones only when fewer stay open than it holds.
 */
function heldBeyond(state: FulfillmentState, order: Order, lines: readonly LineQuantity[]): LineQuantity[] {
  const held = new Map<SkuId, number>();
  for (const id of order.reservations) {
    const r = own(state.reservations, id);
    if (r?.status === 'active') held.set(r.sku, (held.get(r.sku) ?? 0) + r.quantity);
  }
  const openAfter = new Map<SkuId, number>();
  for (const line of order.lines) openAfter.set(line.sku, (openAfter.get(line.sku) ?? 0) + openOf(order, line.id));
  for (const l of lines) openAfter.set(l.sku, openAfter.get(l.sku)! - l.quantity);
  return lines.flatMap((l) => {
    const surplus = (held.get(l.sku) ?? 0) - openAfter.get(l.sku)!;
    const give = Math.min(l.quantity, Math.max(0, surplus));
    held.set(l.sku, (held.get(l.sku) ?? 0) - give);
    return give > 0 ? [{ ...l, quantity: give }] : [];
  });
}

/** The lines asked for, with quantities, checked against what is open on each. */
function resolveLines(order: Order, requests: readonly LineRequest[] | undefined, where: string): LineQuantity[] {
  const wanted: readonly LineRequest[] = requests ?? order.lines.map((l) => ({ line: l.id }));
  const issues: ValidationIssue[] = [];
  const lines: LineQuantity[] = [];
  const asked = new Map<string, number>();
  wanted.forEach((request, i) => {
    const line = order.lines.find((l) => l.id === request.line);
    if (!line) {
      issues.push({ path: ['lines', i, 'line'], message: `order ${order.id} has no line ${request.line}`, code: 'unknown_reference' });
      return;
    }
    const open = openOf(order, line.id) - (asked.get(line.id) ?? 0);
    const quantity = request.quantity ?? open;
    if (requests === undefined && quantity === 0) return;
    if (quantity < 1 || quantity > open) {
      issues.push({ path: ['lines', i, 'quantity'], message: `line ${line.id} has ${open} open`, code: 'too_big' });
      return;
    }
    asked.set(line.id, (asked.get(line.id) ?? 0) + quantity);
    lines.push({ line: line.id, sku: line.sku, quantity });
  });
  if (issues.length > 0) throw new ValidationError(where, issues);
  if (lines.length === 0) throw new ValidationError(where, [{ path: ['lines'], message: `order ${order.id} has nothing open`, code: 'nothing_open' }]);
  return lines;
}

function openOf(order: Order, line: LineId): number {
  const l = order.lines.find((x) => x.id === line)!;
  const p = order.progress.find((x) => x.line === line);
  return l.quantity - (p?.shipped ?? 0) - (p?.cancelled ?? 0);
}

/** Units left open on the whole order once these lines are done. */
function leftOpen(order: Order, lines: readonly LineQuantity[]): number {
  const done = lines.reduce((s, l) => s + l.quantity, 0);
  return order.lines.reduce((s, l) => s + openOf(order, l.id), 0) - done;
}

/**
 * Takes units per SKU from the order's active reservations (at one node, when given): whole ones
 * end, the last may shrink.
 *
 * @example
 * ```ts
 * takeFromReservations(state, order, [{ line: '1', sku: 'tee', quantity: 1 }], 'released', 'hamburg')
 * ```
 */
export function takeFromReservations(state: FulfillmentState, order: Order, lines: readonly LineQuantity[], how: 'shipped' | 'released', node?: NodeId): EventDraft[] {
  const bySku = new Map<SkuId, number>();
  for (const l of lines) bySku.set(l.sku, (bySku.get(l.sku) ?? 0) + l.quantity);
  const events: EventDraft[] = [];
  for (const [sku, units] of bySku) {
    let left = units;
    for (const id of [...order.reservations].sort()) {
      const r = own(state.reservations, id as ReservationId);
      if (r?.status !== 'active' || r.sku !== sku || left === 0 || (node !== undefined && r.node !== node)) continue;
      const take = Math.min(left, r.quantity);
      left -= take;
      const base = { reservation: r.id, node: r.node, sku, quantity: take, order: order.id, ...(r.channel ? { channel: r.channel } : {}) };
      const lots = r.lots ? lotsFor(r.lots, take) : undefined;
      const payload = lots ? { ...base, lots } : base;
      if (take < r.quantity) events.push({ type: 'ReservationReduced', payload: { ...payload, shipped: how === 'shipped' } });
      else if (how === 'shipped') events.push({ type: 'ReservationConsumed', payload });
      else events.push({ type: 'ReservationReleased', payload: { ...payload, reason: 'lines cancelled' } });
    }
    if (left > 0 && how === 'shipped') {
      throw new InsufficientStockError(`order ${order.id} holds ${units - left} of ${sku}, not ${units}`, { order: order.id, sku, requested: units, available: units - left });
    }
  }
  return events;
}

/** The first `units` of a reservation's lots, in the order they were chosen (FEFO/FIFO). */
function lotsFor(lots: readonly { readonly lot: LotId; readonly quantity: number }[], units: number) {
  const taken: { lot: LotId; quantity: number }[] = [];
  let left = units;
  for (const l of lots) {
    if (left === 0) break;
    const take = Math.min(left, l.quantity);
    taken.push({ lot: l.lot, quantity: take });
    left -= take;
  }
  return taken;
}

