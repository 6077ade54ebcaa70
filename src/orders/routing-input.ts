import type { ChannelId, LineId, NodeId, SkuId } from '../domain/ids';
import type { Order, OrderData } from '../domain/order';
import { capacityLeft, workloadOf } from '../network/workload';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { localDate } from '../domain/time';
import { positionAtp } from '../inventory/availability';
import type { RoutingNodeInput } from '../routing/node';
import type { RoutableOrderInput } from '../routing/order';
import type { RoutingStock } from '../routing/stock';

/** The order as the router sees it: lines with their SKUs' unit weights, and where it goes. */
export function routableOrder(
  state: FulfillmentState,
  order: Pick<OrderData, 'id' | 'channel' | 'priority' | 'requestedDate' | 'shipTo'>,
  lines: readonly { readonly id: LineId; readonly sku: SkuId; readonly quantity: number }[],
): RoutableOrderInput {
  return {
    id: order.id,
    channel: order.channel,
    priority: order.priority,
    ...(order.requestedDate === undefined ? {} : { requestedDate: order.requestedDate }),
    ...(order.shipTo?.geo ? { shipTo: { geo: order.shipTo.geo } } : {}),
    lines: lines.map((l) => {
      const weightG = own(state.skus, l.sku)?.weightG;
      return { id: l.id, sku: l.sku, quantity: l.quantity, ...(weightG === undefined ? {} : { weightG }) };
    }),
  };
}

/**
 * Every node in the slice, as routing candidates, with the capacity each has left on its local
 * day (an order already booked there that day does not count against itself). Calendars come
 * with scheduling.
 */
export function routingNodes(state: FulfillmentState, now: number, options: { readonly except?: readonly NodeId[]; readonly order?: Pick<Order, 'bookings'> } = {}): RoutingNodeInput[] {
  const except = options.except ?? [];
  return Object.values(state.nodes)
    .filter((n) => !except.includes(n.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((n) => {
      const day = localDate(now, n.timeZone);
      const booked = workloadOf(state, n.id, day);
      const self = options.order?.bookings?.some((b) => b.node === n.id && b.day === day) ? 1 : 0;
      const left = capacityLeft(n, { orders: booked.orders - self, units: booked.units });
      return {
        id: n.id,
        ...(n.geo ? { geo: n.geo } : {}),
        capabilities: n.capabilities,
        ...(n.channels ? { channels: n.channels } : {}),
        active: n.active,
        open: true,
        rank: n.rank,
        costs: n.costs,
        ...(Object.keys(left).length > 0 ? { capacityLeft: left } : {}),
      };
    });
}

/** Units each node can promise the order's channel (absent: any, every fence kept), per SKU: expired lots out. */
export function routingStock(state: FulfillmentState, order: { readonly channel?: ChannelId | undefined; readonly lines: OrderData['lines'] }, now: number): RoutingStock {
  const stock: Record<string, Record<string, number>> = {};
  const skus = [...new Set(order.lines.map((l) => l.sku))];
  for (const node of Object.values(state.nodes)) {
    const today = localDate(now, node.timeZone);
    const bySku: Record<string, number> = {};
    for (const sku of skus) {
      const position = positionOf(state, node.id, sku) ?? emptyPosition(node.id, sku);
      bySku[sku] = positionAtp(position, node, { channel: order.channel, today, keepFences: true }).available;
    }
    stock[node.id] = bySku;
  }
  return stock as RoutingStock;
}
