import { IllegalTransitionError } from '../domain/errors';
import type { OrderStatus } from '../domain/order';

/**
 * The order state machine: for each status, the statuses it may move to. Nothing else occurs.
 * `released → reserved` and `picking → reserved` are the way back when a node short-picks and the
 * order is re-routed (`→ backordered` when no other node has the units); `released → shipped` serves nodes (3PLs) that report only the shipment. A partially shipped
 * order ends as `shipped` once its rest ships or is cancelled: units that left cannot be un-shipped.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  placed: ['on-hold', 'reserved', 'backordered', 'cancelled'],
  'on-hold': ['reserved', 'backordered', 'cancelled'],
  reserved: ['on-hold', 'released', 'backordered', 'cancelled'],
  backordered: ['on-hold', 'reserved', 'cancelled'],
  released: ['picking', 'packed', 'partially-shipped', 'shipped', 'reserved', 'backordered', 'cancelled'],
  picking: ['packed', 'partially-shipped', 'shipped', 'reserved', 'backordered', 'cancelled'],
  packed: ['partially-shipped', 'shipped', 'cancelled'],
  'partially-shipped': ['partially-shipped', 'shipped'],
  shipped: ['delivered', 'returned'],
  delivered: ['returned'],
  cancelled: [],
  returned: [],
};

/**
 * Whether an order may move from `from` to `to`.
 *
 * @example
 * ```ts
 * canTransition('reserved', 'released') // true
 * canTransition('shipped', 'cancelled') // false
 * ```
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/**
 * Throws `IllegalTransitionError` unless the order may move from `from` to `to`.
 *
 * @example
 * ```ts
 * assertTransition('o-1', order.status, 'cancelled')
 * ```
 */
export function assertTransition(orderId: string, from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new IllegalTransitionError('order', orderId, from, to);
}
