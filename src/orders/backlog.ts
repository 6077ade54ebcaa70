import { type DecideContext, stamp } from '../domain/decider';
import type { EventDraft } from '../domain/events';
import type { LineId, NodeId, OrderId, ReservationId, SkuId } from '../domain/ids';
import type { Order } from '../domain/order';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { allocate } from '../allocation/allocate';
import type { AllocatableOrderInput } from '../allocation/order';
import type { AllocationPolicyInput } from '../allocation/policy';
import type { Allocation } from '../allocation/result';
import { positionAtp } from '../inventory/availability';
import { localDate } from '../domain/time';
import { fold } from '../decider/evolve';
import { bookCapacity, releaseCapacity, releasedAt } from './capacity';
import { handOver, reserveTaker, victimsAt } from './preemption';

/**
 * Fills backordered orders waiting at a node from what the node can promise now, by the
 * allocation policy (FIFO, priority, EDD, fair share, max value …). An order is filled whole or
 * not at all: it is reserved only when every unit it still misses can be held; then it becomes
 * reserved. Returns the events and the allocation the engine made (its trace says why).
 *
 * With `policy.preemption`, the reserved orders named in `victims` that are at the node and of
 * lower priority (below `belowPriority`) offer what they hold there: the engine may hand those
 * units to a backorder it can then fill whole. A victim's reservations shrink or end, and it
 * becomes backordered naming who took what (`OrderBackordered.preemptedBy`); in the same decision.
 *
 * @example
 * ```ts
 * fillBacklog(state, 'berlin', ['o-7', 'o-9'], { rule: 'priority' }, ctx)
 * fillBacklog(state, 'berlin', ['o-9'], { rule: 'priority', preemption: { belowPriority: 5 } }, ctx, ['o-1'])
 * ```
 */
export function fillBacklog(
  state: FulfillmentState,
  node: NodeId,
  orderIds: readonly OrderId[],
  policy: AllocationPolicyInput,
  ctx: DecideContext,
  victims: readonly OrderId[] = [],
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
  const holders = victimsAt(state, node, victims, candidates, policy).map((v) => ({ ...allocatable(v.order, v.lines), holds: v.holds }));
  const allocation = allocate([...candidates, ...holders], supplyAt(state, node, candidates, ctx.now), policy);
  const filled = allocation.allocations.filter((a) => a.complete);
  // Victims give back first, so no moment of the journal holds a unit twice.
  const given = handOver(state, node, allocation, new Set(filled.map((a) => a.order)));
  const events: EventDraft[] = [...given.events, ...releasedByVictims(state, given.events)];
  // Each taker reserves on what the ones before it left: lots are chosen once across the fill.
  let current = state;
  const scratch: DecideContext = { ...ctx, ids: { next: () => 'scratch' } };
  for (const a of filled) {
    const order = own(state.orders, a.order)!;
    const held = reserveTaker(current, node, a.lines, given.handed.get(order.id), ctx, { order: order.id, channel: order.channel });
    current = fold(current, stamp(held.fromStock, scratch));
    const reservations = held.events.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation as ReservationId] : []));
    events.push(...held.events, { type: 'OrderReserved', payload: { order: order.id, node, reservations } });
    events.push(...bookCapacity(state, order, [{ node, lines: a.lines }], ctx.now, false));
  }
  return { events, allocation };
}

/** A victim's units no longer held at the node come off its booking there. */
function releasedByVictims(state: FulfillmentState, given: readonly EventDraft[]): EventDraft[] {
  const byVictim = new Map<OrderId, EventDraft[]>();
  for (const e of given) {
    if ((e.type === 'ReservationReleased' || e.type === 'ReservationReduced') && e.payload.order !== undefined) {
      byVictim.set(e.payload.order, [...(byVictim.get(e.payload.order) ?? []), e]);
    }
  }
  return [...byVictim].flatMap(([id, released]) => releaseCapacity(own(state.orders, id)!, releasedAt(released), 'pre-empted'));
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
