import type { StateWriter } from '../decider/state-writer';
import type { EventDraft, FulfillmentEvent } from '../domain/events';
import type { NodeId, OrderId } from '../domain/ids';
import type { Order } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { localDate } from '../domain/time';
import { touch } from './evolve';

type Booking = NonNullable<Order['bookings']>[number];

/**
 * Books the work of a plan against its nodes' daily capacity, on each node's local day. With
 * `bounded` the store refuses the commit if a day's workload would pass the node's capacity (the
 * router checked it, but a concurrent command may have booked the same day); a node the host
 * chose by hand books without that check.
 *
 * @example
 * ```ts
 * bookCapacity(state, order, plan.shipments, ctx.now, true) // [CapacityBooked { node: 'berlin', orders: 1, units: 3 }]
 * ```
 */
export function bookCapacity(
  state: FulfillmentState,
  order: { readonly id: OrderId; readonly bookings?: readonly Booking[] | undefined },
  shipments: readonly { readonly node: NodeId; readonly lines: readonly { readonly quantity: number }[] }[],
  now: number,
  bounded: boolean,
): EventDraft[] {
  const unitsAt = new Map<NodeId, number>();
  for (const s of shipments) unitsAt.set(s.node, (unitsAt.get(s.node) ?? 0) + s.lines.reduce((sum, l) => sum + l.quantity, 0));
  return [...unitsAt].flatMap(([id, units]): EventDraft[] => {
    const node = own(state.nodes, id);
    if (!node || units === 0) return [];
    const day = localDate(now, node.timeZone);
    const already = order.bookings?.some((b) => b.node === id && b.day === day) ?? false;
    const within = bounded ? node.dailyCapacity : undefined;
    return [{ type: 'CapacityBooked', payload: { order: order.id, node: id, day, orders: already ? 0 : 1, units, ...(within ? { within: { ...within } } : {}) } }];
  });
}

/**
 * Takes units an order no longer needs at nodes (cancelled, moved away) off the days they were
 * booked, the latest day first; the order leaves a node's day when its last unit there goes.
 *
 * @example
 * ```ts
 * releaseCapacity(order, new Map([['berlin', 2]]), 'lines cancelled')
 * ```
 */
export function releaseCapacity(order: Pick<Order, 'id' | 'bookings'>, unitsAt: ReadonlyMap<NodeId, number>, reason: string): EventDraft[] {
  const events: EventDraft[] = [];
  for (const [node, units] of unitsAt) {
    let left = units;
    const days = (order.bookings ?? []).filter((b) => b.node === node).sort((a, b) => (a.day < b.day ? 1 : -1));
    for (const b of days) {
      if (left <= 0) break;
      const take = Math.min(left, b.units);
      left -= take;
      events.push({ type: 'CapacityReleased', payload: { order: order.id, node, day: b.day, orders: take === b.units ? 1 : 0, units: take, reason } });
    }
  }
  return events;
}

/**
 * Gives back everything an order booked: it was cancelled, nothing of it will be worked.
 *
 * @example
 * ```ts
 * releaseAllCapacity(order, 'order cancelled')
 * ```
 */
export function releaseAllCapacity(order: Pick<Order, 'id' | 'bookings'>, reason: string): EventDraft[] {
  return (order.bookings ?? []).map((b) => ({ type: 'CapacityReleased', payload: { order: order.id, node: b.node, day: b.day, orders: 1, units: b.units, reason } }));
}

/** Units an order's stock events gave back, per node (what its released reservations held). */
export function releasedAt(events: readonly EventDraft[]): Map<NodeId, number> {
  const at = new Map<NodeId, number>();
  for (const e of events) {
    if (e.type === 'ReservationReleased' || (e.type === 'ReservationReduced' && !e.payload.shipped)) {
      at.set(e.payload.node, (at.get(e.payload.node) ?? 0) + e.payload.quantity);
    }
  }
  return at;
}

/** Applies capacity bookings to the node's day and the order. Returns false for other events. */
export function evolveCapacity(w: StateWriter, event: FulfillmentEvent): boolean {
  if (event.type !== 'CapacityBooked' && event.type !== 'CapacityReleased') return false;
  const { node, day, order } = event.payload;
  const sign = event.type === 'CapacityBooked' ? 1 : -1;
  const byDay = w.workloadDays(node);
  const was = Object.hasOwn(byDay, day) ? byDay[day]! : { orders: 0, units: 0 };
  byDay[day] = { orders: was.orders + sign * event.payload.orders, units: was.units + sign * event.payload.units };
  const o = w.edit('orders', order);
  if (!o) return true;
  const bookings = o.bookings ?? [];
  const i = bookings.findIndex((b) => b.node === node && b.day === day);
  const units = (i < 0 ? 0 : bookings[i]!.units) + sign * event.payload.units;
  if (i >= 0 && units <= 0) bookings.splice(i, 1);
  else if (i >= 0) bookings[i]!.units = units;
  else if (units > 0) bookings.push({ node, day, units });
  if (bookings.length > 0) o.bookings = bookings;
  else delete o.bookings;
  touch(o, event.at);
  return true;
}
