import type { LineId, NodeId, SkuId } from '../domain/ids';
import type { OrderData } from '../domain/order';
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

/** Every node in the slice, as routing candidates. Calendars and daily capacity come with scheduling. */
export function routingNodes(state: FulfillmentState, except: readonly NodeId[] = []): RoutingNodeInput[] {
  return Object.values(state.nodes)
    .filter((n) => !except.includes(n.id))
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((n) => ({
      id: n.id,
      ...(n.geo ? { geo: n.geo } : {}),
      capabilities: n.capabilities,
      ...(n.channels ? { channels: n.channels } : {}),
      active: n.active,
      open: true,
      rank: n.rank,
      costs: n.costs,
    }));
}

/** Units each node can promise the order's channel, per SKU: ring-fences kept, expired lots out. */
export function routingStock(state: FulfillmentState, order: Pick<OrderData, 'channel' | 'lines'>, now: number): RoutingStock {
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
