import type { z } from 'zod';
import type { DecideContext } from '../domain/decider';
import { IllegalTransitionError, ValidationError } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { LineId, NodeId, ReservationId } from '../domain/ids';
import type { Order } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { localDate } from '../domain/time';
import { reserve } from '../inventory/reserve';
import type { RoutingPolicyInput } from '../routing/policy';
import { routeOrder } from '../routing/route';
import { bookCapacity, releaseCapacity } from './capacity';
import { routableOrder, routingNodes, routingStock, deliveryRequest } from './routing-input';
import { type LineQuantity, takeFromReservations } from './shipping';

const REROUTABLE = new Set(['reserved', 'released', 'picking', 'backordered']);

/**
 * Moves what an order holds at a node (all of it, or the units of the lines given: a short pick)
 * to other nodes: the units are released at `from`, routed over the other nodes, and reserved where
 * the plan puts them. The order is reserved again, or backordered when no node can take them.
 *
 * @example
 * ```ts
 * reroute(state, order, { from: 'hamburg', reason: 'node closed' }, undefined, ctx)
 * ```
 */
export function reroute(
  state: FulfillmentState,
  order: Order,
  request: { readonly from: NodeId; readonly lines?: readonly { readonly line: LineId; readonly quantity: number }[] | undefined; readonly reason: string },
  policy: RoutingPolicyInput | undefined,
  ctx: DecideContext,
): EventDraft[] {
  if (!REROUTABLE.has(order.status)) throw new IllegalTransitionError('order', order.id, order.status, 'rerouted');
  const held = heldAt(state, order, request.from);
  const moving = request.lines === undefined ? held : checked(order, held, request.lines);
  if (moving.length === 0) {
    throw new ValidationError('rerouteOrder', [{ path: ['from'], message: `order ${order.id} holds nothing at ${request.from}`, code: 'nothing_held' }]);
  }
  const released = takeFromReservations(state, order, moving, 'released', request.from);
  const lines = moving.map((l) => ({ id: l.line, sku: l.sku, quantity: l.quantity }));
  const plan = routeOrder(routableOrder(state, order, lines), routingNodes(state, ctx.now, { except: [request.from], order, delivery: deliveryRequest(order, lines) }), routingStock(state, order, ctx.now), policy, {
    today: localDate(ctx.now, 'UTC'),
  });
  const reserved = plan.shipments.flatMap((s) => reserve(state, s.node, s.lines, ctx, { order: order.id, channel: order.channel }));
  const reservations = reserved.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation as ReservationId] : []));
  const moved = new Map([[request.from, moving.reduce((sum, l) => sum + l.quantity, 0)]]);
  return [
    ...released,
    ...reserved,
    ...releaseCapacity(order, moved, `rerouted: ${request.reason}`),
    ...bookCapacity(state, order, plan.shipments, ctx.now, true),
    {
      type: 'OrderRerouted',
      payload: {
        order: order.id,
        from: request.from,
        reason: request.reason,
        moved: moving,
        shipments: plan.shipments.map((s) => ({ node: s.node, lines: s.lines.map((l) => ({ line: l.line, sku: l.sku, quantity: l.quantity })) })),
        reservations,
        becomes: plan.backorders.length > 0 ? 'backordered' : 'reserved',
        cost: plan.cost.total,
        trace: JSON.parse(JSON.stringify(plan.trace)) as Record<string, z.core.util.JSONType>,
      },
    },
  ];
}

/** Units the order holds at a node, line by line (its planned lines there, bounded by what is held). */
function heldAt(state: FulfillmentState, order: Order, node: NodeId): LineQuantity[] {
  const bySku = new Map<string, number>();
  for (const id of order.reservations) {
    const r = own(state.reservations, id);
    if (r?.status === 'active' && r.node === node) bySku.set(r.sku, (bySku.get(r.sku) ?? 0) + r.quantity);
  }
  return order.lines.flatMap((line) => {
    const units = Math.min(bySku.get(line.sku) ?? 0, line.quantity);
    bySku.set(line.sku, (bySku.get(line.sku) ?? 0) - units);
    return units > 0 ? [{ line: line.id, sku: line.sku, quantity: units }] : [];
  });
}

function checked(order: Order, held: readonly LineQuantity[], lines: readonly { readonly line: LineId; readonly quantity: number }[]): LineQuantity[] {
  const issues = lines.flatMap((l, i) => {
    const at = held.find((h) => h.line === l.line);
    if (!order.lines.some((x) => x.id === l.line)) return [{ path: ['lines', i, 'line'], message: `order ${order.id} has no line ${l.line}`, code: 'unknown_reference' }];
    return l.quantity > (at?.quantity ?? 0) ? [{ path: ['lines', i, 'quantity'], message: `line ${l.line} holds ${at?.quantity ?? 0} there`, code: 'too_big' }] : [];
  });
  if (issues.length > 0) throw new ValidationError('rerouteOrder', issues);
  return lines.map((l) => ({ line: l.line, sku: held.find((h) => h.line === l.line)!.sku, quantity: l.quantity }));
}
