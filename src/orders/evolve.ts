import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import type { Order, OrderStatus } from '../domain/order';
import type { FulfillmentState } from '../domain/state';

/** Applies order events. Returns false for events it does not own. */
export function evolveOrders(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  switch (event.type) {
    case 'OrderPlaced': {
      const order = event.payload.order;
      state.orders[order.id] = {
        ...(order as Order),
        status: 'placed',
        placedAt: event.at,
        updatedAt: event.at,
        reservations: [],
        version: 1,
      } as Draft<Order>;
      return true;
    }
    case 'OrderReserved': {
      const o = move(state, event.payload.order, 'reserved', event.at);
      if (o) {
        o.node = event.payload.node;
        o.reservations.push(...event.payload.reservations);
      }
      return true;
    }
    case 'OrderBackordered': {
      const o = move(state, event.payload.order, 'backordered', event.at);
      if (o) {
        o.node = event.payload.node;
        o.statusReason = `short: ${event.payload.shortages.map((s) => `${s.sku} ${s.available}/${s.requested}`).join(', ')}`;
      }
      return true;
    }
    case 'OrderReleased':
      move(state, event.payload.order, 'released', event.at);
      return true;
    case 'OrderShipped':
      move(state, event.payload.order, 'shipped', event.at);
      return true;
    case 'OrderCancelled': {
      const o = move(state, event.payload.order, 'cancelled', event.at);
      if (o) o.statusReason = event.payload.reason;
      return true;
    }
    default:
      return false;
  }
}

function move(state: Draft<FulfillmentState>, id: string, status: OrderStatus, at: string): Draft<Order> | undefined {
  const o = Object.hasOwn(state.orders, id) ? state.orders[id as keyof typeof state.orders] : undefined;
  if (!o) return undefined;
  o.status = status;
  delete o.statusReason;
  o.updatedAt = at;
  o.version += 1;
  return o;
}
