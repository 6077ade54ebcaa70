import type { z } from 'zod';
import type { DecideContext } from '../domain/decider';
import { DuplicateError, InsufficientStockError, ValidationError, type ValidationIssue } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { NodeId, ReservationId, SkuId } from '../domain/ids';
import type { OrderData } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { localDate } from '../domain/time';
import { reserve, shortagesAt } from '../inventory/reserve';
import type { RoutingPlan } from '../routing/plan';
import { routeOrder } from '../routing/route';
import { bookCapacity } from './capacity';
import { evaluateHolds } from './holds';
import { routableOrder, routingNodes, routingStock, deliveryRequest } from './routing-input';
import type { OrderCommand } from './decide';

type PlaceCommand = Extract<OrderCommand, { type: 'PlaceOrder' }>;

/**
 * Places an order: validates it, evaluates hold rules, then reserves at the named node, or lets
 * the routing engine choose the nodes (the plan and its trace are recorded by `OrderRouted`).
 *
 * @example
 * ```ts
 * placeOrder({ type: 'PlaceOrder', order, onShortage: 'backorder' }, state, ctx) // routed across nodes
 * ```
 */
export function placeOrder(command: PlaceCommand, state: FulfillmentState, ctx: DecideContext): EventDraft[] {
  const { order, node } = command;
  if (own(state.orders, order.id)) throw new DuplicateError('order', order.id);
  checkReferences(state, order, node);
  const placed: EventDraft = { type: 'OrderPlaced', payload: { order } };
  const holds = [
    ...(command.holds ? evaluateHolds(order, command.holds) : []),
    ...(command.holdReason === undefined ? [] : [{ kind: 'manual' as const, reason: command.holdReason }]),
  ];
  if (holds.length > 0 && !(command.holds?.reserveWhileHeld ?? true)) {
    return [placed, { type: 'OrderHeld', payload: { order: order.id, holds, ...(node === undefined ? {} : { node }) } }];
  }
  const decided = node === undefined ? placeRouted(command, state, ctx, placed) : placeAt(command, node, state, ctx, placed);
  return holds.length > 0 ? [...decided, { type: 'OrderHeld', payload: { order: order.id, holds } }] : decided;
}

function expiryOf(command: PlaceCommand, ctx: DecideContext): string | undefined {
  return command.holdFor === undefined ? undefined : new Date(ctx.now + command.holdFor).toISOString();
}

function placeAt(command: PlaceCommand, node: NodeId, state: FulfillmentState, ctx: DecideContext, placed: EventDraft): EventDraft[] {
  const { order } = command;
  const shortages = shortagesAt(state, node, order.lines, { now: ctx.now, channel: order.channel }).map(({ terms: _terms, ...s }) => s);
  if (shortages.length > 0 && command.onShortage === 'backorder') {
    return [placed, { type: 'OrderBackordered', payload: { order: order.id, node, shortages } }];
  }
  const reserved = reserve(state, node, order.lines, ctx, { order: order.id, channel: order.channel, expiresAt: expiryOf(command, ctx) });
  const reservations = reserved.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation] : []));
  // The host chose the node: its work is booked, but the node's capacity does not refuse it.
  const booked = bookCapacity(state, order, [{ node, lines: order.lines }], ctx.now, false);
  return [placed, ...reserved, { type: 'OrderReserved', payload: { order: order.id, node, reservations } }, ...booked];
}

/**
 * Routes the order over the nodes in the slice, reserves each shipment at its node, and backorders
 * what no node could serve (or refuses the order, with `onShortage: 'reject'`).
 */
function placeRouted(command: PlaceCommand, state: FulfillmentState, ctx: DecideContext, placed: EventDraft): EventDraft[] {
  const { order } = command;
  const nodes = routingNodes(state, ctx.now, { delivery: deliveryRequest(order, order.lines) });
  const plan = routeOrder(routableOrder(state, order, order.lines), nodes, routingStock(state, order, ctx.now), command.routing, {
    today: localDate(ctx.now, 'UTC'),
  });
  if (plan.status !== 'complete' && command.onShortage === 'reject') throw unserved(plan);
  return [placed, ...placePlan(state, order, plan, expiryOf(command, ctx), ctx)];
}

/**
 * The refusal of an order no plan serves in full.
 *
 * @example
 * ```ts
 * if (plan.status !== 'complete') throw unserved(plan)
 * ```
 */
export function unserved(plan: RoutingPlan): InsufficientStockError {
  return new InsufficientStockError(`no plan serves order ${plan.order} in full: ${plan.backorders.map((b) => `${b.sku} ${b.quantity}`).join(', ')} short`, {
    order: plan.order,
    backorders: plan.backorders,
    candidates: plan.trace.candidates,
  });
}

/**
 * What a routing plan does to a placed order: the plan recorded (`OrderRouted`), each shipment
 * reserved at its node and booked on its capacity, and what no node serves backordered.
 *
 * @example
 * ```ts
 * placePlan(state, order, plan, undefined, ctx) // [OrderRouted, StockReserved…, OrderReserved, CapacityBooked…]
 * ```
 */
export function placePlan(state: FulfillmentState, order: OrderData, plan: RoutingPlan, expiresAt: string | undefined, ctx: DecideContext): EventDraft[] {
  const routed: EventDraft = { type: 'OrderRouted', payload: routedPayload(plan) };
  const reserved = plan.shipments.flatMap((s) => reserve(state, s.node, s.lines, ctx, { order: order.id, channel: order.channel, expiresAt }));
  const reservations = reserved.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation as ReservationId] : []));
  const first = plan.shipments[0]?.node;
  const events: EventDraft[] = [routed, ...reserved];
  if (first !== undefined) events.push({ type: 'OrderReserved', payload: { order: order.id, node: first, reservations } });
  events.push(...bookCapacity(state, order, plan.shipments, ctx.now, true));
  if (plan.backorders.length > 0) events.push({ type: 'OrderBackordered', payload: { order: order.id, ...(first ? { node: first } : {}), shortages: shortagesOf(plan) } });
  return events;
}

function routedPayload(plan: RoutingPlan) {
  return {
    order: plan.order,
    status: plan.status,
    shipments: plan.shipments.map((s) => ({ node: s.node, lines: s.lines.map((l) => ({ line: l.line, sku: l.sku, quantity: l.quantity })) })),
    cost: plan.cost.total,
    trace: JSON.parse(JSON.stringify(plan.trace)) as Record<string, z.core.util.JSONType>,
  };
}

/** What no node could serve, per SKU, with how much the plan did route of it. */
function shortagesOf(plan: RoutingPlan) {
  const asked = new Map<SkuId, { requested: number; routed: number }>();
  for (const b of plan.backorders) {
    const a = asked.get(b.sku) ?? { requested: 0, routed: 0 };
    asked.set(b.sku, { ...a, requested: a.requested + b.quantity });
  }
  for (const s of plan.shipments) {
    for (const l of s.lines) {
      const a = asked.get(l.sku);
      if (a) asked.set(l.sku, { requested: a.requested + l.quantity, routed: a.routed + l.quantity });
    }
  }
  return [...asked].map(([sku, a]) => ({ sku, requested: a.requested, available: a.routed }));
}

/**
 * The node (when named) and every SKU must be defined, and a named node must serve the order's
 * channel. Line paths start with `at`, where the order sits in the input.
 *
 * @example
 * ```ts
 * checkReferences(state, order, undefined, 'placeOrders', ['orders', 3])
 * ```
 */
export function checkReferences(state: FulfillmentState, order: OrderData, nodeId: NodeId | undefined, where = 'placeOrder', at: readonly (string | number)[] = ['order']): void {
  const issues: ValidationIssue[] = [];
  const node = nodeId === undefined ? undefined : own(state.nodes, nodeId);
  if (nodeId !== undefined && !node) issues.push({ path: ['node'], message: `unknown node ${nodeId}`, code: 'unknown_reference' });
  else if (node && !node.active) issues.push({ path: ['node'], message: `node ${nodeId} is inactive`, code: 'inactive' });
  else if (node?.channels && !node.channels.includes(order.channel)) {
    issues.push({ path: ['node'], message: `node ${nodeId} does not serve channel ${order.channel}`, code: 'channel' });
  }
  order.lines.forEach((line, i) => {
    if (!own(state.skus, line.sku)) {
      issues.push({ path: [...at, 'lines', i, 'sku'], message: `unknown SKU ${line.sku}`, code: 'unknown_reference' });
    }
  });
  if (issues.length > 0) throw new ValidationError(where, issues);
}
