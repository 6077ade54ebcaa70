import { daysBetween } from '../domain/dates';
import type { ChannelId, LineId, NodeId, SkuId } from '../domain/ids';
import type { Order, OrderData } from '../domain/order';
import { capacityLeft, workloadOf } from '../network/workload';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { localDate } from '../domain/time';
import { positionAtp } from '../inventory/availability';
import type { RoutingNodeInput } from '../routing/node';
import { departuresByNode } from '../scheduling/network';
import { deliveryFrom } from '../scheduling/promise';
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
 * day (an order already booked there that day does not count against itself) and, when the order
 * is given and the slice holds the nodes' departures, the days to delivery from each (the
 * promise engine's date: lead time on working hours, cutoffs, transit): routing's lateness input.
 */
export function routingNodes(
  state: FulfillmentState,
  now: number,
  options: { readonly except?: readonly NodeId[]; readonly order?: Pick<Order, 'bookings'>; readonly delivery?: DeliveryRequest } = {},
): RoutingNodeInput[] {
  const except = options.except ?? [];
  const days = options.delivery ? deliveryDays(state, now, options.delivery) : undefined;
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
        ...(days?.has(n.id) ? { deliveryDays: days.get(n.id)! } : {}),
      };
    });
}

/** What the delivery date of an order depends on: its service, size and destination. */
export interface DeliveryRequest {
  readonly serviceLevel: OrderData['serviceLevel'];
  readonly lines: number;
  readonly units: number;
  readonly destination?: { readonly country: string; readonly postalCode?: string | undefined } | undefined;
}

/**
 * The request for an order's lines (stock assumed there now: routing weighs stock itself).
 *
 * @example
 * ```ts
 * routingNodes(state, now, { delivery: deliveryRequest(order, order.lines) })
 * ```
 */
export function deliveryRequest(order: Pick<OrderData, 'serviceLevel' | 'shipTo'>, lines: readonly { readonly quantity: number }[]): DeliveryRequest {
  return {
    serviceLevel: order.serviceLevel,
    lines: lines.length,
    units: lines.reduce((s, l) => s + l.quantity, 0),
    ...(order.shipTo ? { destination: { country: order.shipTo.country, postalCode: order.shipTo.postalCode } } : {}),
  };
}

/** Whole days from the routing day (UTC, as routing counts) to the delivery from each node with departures in the slice. */
function deliveryDays(state: FulfillmentState, now: number, request: DeliveryRequest): Map<string, number> {
  const out = new Map<string, number>();
  const departures = Object.values(state.departures);
  if (departures.length === 0) return out;
  const ctx = {
    calendars: state.calendars,
    byNode: departuresByNode(departures),
    until: now + DELIVERY_HORIZON_DAYS * 86_400_000,
    policy: { serviceLevels: 'exact' as const },
    address: request.destination,
    serviceLevel: request.serviceLevel,
  };
  const today = localDate(now, 'UTC');
  for (const node of Object.values(state.nodes)) {
    const date = deliveryFrom(node, request, now, ctx).deliveryDate;
    if (date !== undefined) out.set(node.id, daysBetween(today, date));
  }
  return out;
}

/** How far ahead routing looks for a departure (the promise policy's default horizon). */
const DELIVERY_HORIZON_DAYS = 60;

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
