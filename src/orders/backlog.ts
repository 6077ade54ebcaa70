import type { DecideContext } from '../domain/decider';
import type { EventDraft } from '../domain/events';
import type { LineId, NodeId, OrderId, ReservationId, SkuId } from '../domain/ids';
import type { Order } from '../domain/order';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { allocate } from '../allocation/allocate';
import type { AllocatableOrderInput } from '../allocation/order';
import type { AllocationPolicyInput } from '../allocation/policy';
import type { Allocation } from '../allocation/result';
import { positionAtp } from '../inventory/availability';
import { reserve } from '../inventory/reserve';
import { localDate } from '../domain/time';

/**
 * Fills backordered orders waiting at a node from what the node can promise now, by the
 * allocation policy (FIFO, priority, EDD, fair share, max value …). An order is filled whole or
 * not at all: it is reserved only when every unit it still misses can be held; then it becomes
 * reserved. Returns the events and the allocation the engine made (its trace says why).
 *
 * @example
 * ```ts
 * fillBacklog(state, 'berlin', ['o-7', 'o-9'], { rule: 'priority' }, ctx)
 * ```
 */
export function fillBacklog(
  state: FulfillmentState,
  node: NodeId,
  orderIds: readonly OrderId[],
  policy: AllocationPolicyInput,
  ctx: DecideContext,
): { events: EventDraft[]; allocation: Allocation | undefined } {
  const waiting = orderIds.flatMap((id) => {
    const o = own(state.orders, id);
    return o?.status === 'backordered' && o.node === node ? [o] : [];
  });
  const candidates = waiting.flatMap((o) => {
    const lines = missing(state, o);
    return lines.length === 0 ? [] : [allocatable(o, lines)];
  });
  if (candidates.length === 0) return { events: [], allocation: undefined };
  const allocation = allocate(candidates, supplyAt(state, node, candidates, ctx.now), policy);
  const events = allocation.allocations
    .filter((a) => a.complete)
    .flatMap((a): EventDraft[] => {
      const order = own(state.orders, a.order)!;
      const held = reserve(state, node, a.lines, ctx, { order: order.id, channel: order.channel });
      const reservations = held.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation as ReservationId] : []));
      return [...held, { type: 'OrderReserved', payload: { order: order.id, node, reservations } }];
    });
  return { events, allocation };
}

/** Units of each line the order still misses: open units not covered by its active reservations. */
function missing(state: FulfillmentState, order: Order): { id: LineId; sku: SkuId; quantity: number }[] {
  const held = new Map<SkuId, number>();
  for (const id of order.reservations) {
    const r = own(state.reservations, id);
    if (r?.status === 'active') held.set(r.sku, (held.get(r.sku) ?? 0) + r.quantity);
  }
  return order.lines.flatMap((line) => {
    const p = order.progress.find((x) => x.line === line.id);
    const open = line.quantity - (p?.shipped ?? 0) - (p?.cancelled ?? 0);
    const covered = Math.min(open, held.get(line.sku) ?? 0);
    held.set(line.sku, (held.get(line.sku) ?? 0) - covered);
    return open - covered > 0 ? [{ id: line.id, sku: line.sku, quantity: open - covered }] : [];
  });
}

function allocatable(order: Order, lines: { id: LineId; sku: SkuId; quantity: number }[]): AllocatableOrderInput {
  const price = new Map(order.lines.map((l) => [l.id, l.unitPrice]));
  return {
    id: order.id,
    channel: order.channel,
    priority: order.priority,
    placedAt: order.placedAt,
    ...(order.requestedDate === undefined ? {} : { promisedBy: `${order.requestedDate}T23:59:59.999Z` }),
    shipComplete: true,
    lines: lines.map((l) => {
      const unitValue = price.get(l.id);
      return { ...l, ...(unitValue === undefined ? {} : { unitValue }) };
    }),
  };
}

/** What the node can promise now of the SKUs the backlog misses (ring-fences kept: no channel). */
function supplyAt(state: FulfillmentState, node: NodeId, orders: readonly AllocatableOrderInput[], now: number): Record<string, number> {
  const today = localDate(now, own(state.nodes, node)?.timeZone ?? 'UTC');
  const supply: Record<string, number> = {};
  for (const sku of new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))) {
    const position = positionOf(state, node, sku as SkuId) ?? emptyPosition(node, sku as SkuId);
    supply[sku] = positionAtp(position, own(state.nodes, node), { today, keepFences: true }).available;
  }
  return supply;
}
