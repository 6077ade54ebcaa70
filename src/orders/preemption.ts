import type { DecideContext } from '../domain/decider';
import type { EventDraft } from '../domain/events';
import type { LineId, LotId, NodeId, OrderId, ReservationId, SkuId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import type { Order } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import type { AllocatableOrderInput } from '../allocation/order';
import type { AllocationPolicyInput } from '../allocation/policy';
import type { Allocation, PreemptedUnits } from '../allocation/result';
import { fencesOf } from '../inventory/fences';
import { type Demand, type Hold, reserve, totalBySku } from '../inventory/reserve';
import { assertTransition } from './lifecycle';
import { takeFromReservations } from './shipping';

type Lots = { lot: LotId; quantity: number }[];
type StockReserved = Extract<EventDraft, { type: 'StockReserved' }>;

/**
 * A reserved order that may lose units at a node: its lines cut to what it holds there of the
 * SKUs in question, and those holds (as `allocate` takes them).
 *
 * @example
 * ```ts
 * // { order, lines: [{ id: '1', sku: 'tee', quantity: 2 }], holds: [{ sku: 'tee', quantity: 2 }] }
 * victimsAt(state, 'berlin', ['o-1'], takers, policy)[0]
 * ```
 */
export interface HeldAtNode {
  readonly order: Order;
  readonly lines: { id: LineId; sku: SkuId; quantity: number }[];
  readonly holds: { sku: SkuId; quantity: number }[];
}

/**
 * Units victims hand to one taker, per SKU, with the lots they sit in (lot-tracked SKUs).
 *
 * @example
 * ```ts
 * const handed: Handed = { quantity: 2, lots: undefined }
 * ```
 */
export interface Handed {
  readonly quantity: number;
  readonly lots: Lots | undefined;
}

/**
 * Whether the policy pre-empts: a `preemption` object given and not switched off.
 *
 * @example
 * ```ts
 * preempts({ rule: 'priority', preemption: { belowPriority: 5 } }) // true
 * ```
 */
export function preempts(policy: AllocationPolicyInput): boolean {
  return policy.preemption !== undefined && policy.preemption.enabled !== false;
}

/**
 * Of the orders named, those that may lose units to the takers at `node`: reserved there (not yet
 * handed to the warehouse), of lower priority than the highest taker and below the policy's
 * `belowPriority`, holding active reservations there of SKUs the takers miss. A SKU ring-fenced
 * at the node is left out: its holds may be units a fence keeps for the holder's channel.
 *
 * @example
 * ```ts
 * victimsAt(state, 'berlin', ['o-1', 'o-2'], takers, { rule: 'priority', preemption: {} })
 * ```
 */
export function victimsAt(
  state: FulfillmentState,
  node: NodeId,
  ids: readonly OrderId[],
  takers: readonly AllocatableOrderInput[],
  policy: AllocationPolicyInput,
): HeldAtNode[] {
  if (!preempts(policy) || ids.length === 0) return [];
  const top = takers.reduce((most, t) => Math.max(most, t.priority ?? 0), Number.NEGATIVE_INFINITY);
  const below = Math.min(top, policy.preemption?.belowPriority ?? Number.POSITIVE_INFINITY);
  const at = own(state.nodes, node);
  const skus = new Set(takers.flatMap((t) => t.lines.map((l) => l.sku as SkuId)).filter((s) => fencesOf(at, s).length === 0));
  const seen = new Set<OrderId>();
  return ids.flatMap((id) => {
    const o = own(state.orders, id);
    if (!o || seen.has(o.id) || o.status !== 'reserved' || o.node !== node || o.priority >= below) return [];
    seen.add(o.id);
    const held = new Map<SkuId, number>();
    for (const rid of o.reservations) {
      const r = own(state.reservations, rid);
      if (r?.status === 'active' && r.node === node && skus.has(r.sku)) held.set(r.sku, (held.get(r.sku) ?? 0) + r.quantity);
    }
    const lines = o.lines.flatMap((line) => {
      const p = o.progress.find((x) => x.line === line.id);
      const units = Math.min(held.get(line.sku) ?? 0, line.quantity - (p?.shipped ?? 0) - (p?.cancelled ?? 0));
      held.set(line.sku, (held.get(line.sku) ?? 0) - units);
      return units > 0 ? [{ id: line.id, sku: line.sku, quantity: units }] : [];
    });
    return lines.length === 0 ? [] : [{ order: o, lines, holds: totalBySku(lines) }];
  });
}

/**
 * Turns the engine's takings into events, for the takers it filled (`filled`): each victim's
 * reservations of the SKUs it lost shrink or end at `node`, and it becomes backordered naming who
 * took what (it then waits in the backlog like any other order). Returns those events and, per
 * taker, what it is handed (units and lots), to reserve with `reserveTaker`.
 *
 * @example
 * ```ts
 * const { events, handed } = handOver(state, 'berlin', allocation, new Set(['o-vip']))
 * ```
 */
export function handOver(
  state: FulfillmentState,
  node: NodeId,
  allocation: Allocation,
  filled: ReadonlySet<OrderId>,
): { events: EventDraft[]; handed: Map<OrderId, Map<SkuId, Handed>> } {
  const byVictim = new Map<OrderId, PreemptedUnits[]>();
  // A taking by a taker left incomplete is not applied: that taker is not reserved.
  for (const t of allocation.preempted) if (filled.has(t.by)) byVictim.set(t.order, [...(byVictim.get(t.order) ?? []), t]);
  const events: EventDraft[] = [];
  const handed = new Map<OrderId, Map<SkuId, Handed>>();
  for (const [id, taken] of byVictim) {
    const victim = own(state.orders, id)!;
    assertTransition(victim.id, victim.status, 'backordered');
    const lost = new Map<SkuId, number>();
    for (const t of taken) lost.set(t.sku, (lost.get(t.sku) ?? 0) + t.quantity);
    const lines = [...lost].map(([sku, quantity]) => ({ line: victim.lines.find((l) => l.sku === sku)!.id, sku, quantity }));
    const reason = `pre-empted by ${taken[0]!.by}${taken.length > 1 ? ` and ${taken.length - 1} more` : ''}`;
    const released = takeFromReservations(state, victim, lines, 'released', node).map((e): EventDraft =>
      e.type === 'ReservationReleased' ? { type: e.type, payload: { ...e.payload, reason } } : e,
    );
    // The lots the victim gives back, per SKU, go to its takers in the order of the takings.
    const freed = new Map<SkuId, Lots>();
    for (const e of released) {
      if ((e.type === 'ReservationReleased' || e.type === 'ReservationReduced') && e.payload.lots) {
        freed.set(e.payload.sku, [...(freed.get(e.payload.sku) ?? []), ...e.payload.lots.map((l) => ({ ...l }))]);
      }
    }
    for (const t of taken) {
      const to = handed.get(t.by) ?? new Map<SkuId, Handed>();
      handed.set(t.by, to);
      const was = to.get(t.sku) ?? { quantity: 0, lots: undefined };
      const lots = freed.has(t.sku) ? [...(was.lots ?? []), ...draw(freed.get(t.sku)!, t.quantity)] : was.lots;
      to.set(t.sku, { quantity: was.quantity + t.quantity, lots });
    }
    events.push(...released, {
      type: 'OrderBackordered',
      payload: {
        order: victim.id,
        node,
        shortages: [...lost].map(([sku, requested]) => ({ sku, requested, available: allocation.supplyLeft[sku] ?? 0 })),
        preemptedBy: byTaker(taken),
      },
    });
  }
  return { events, handed };
}

/**
 * Reserves a filled taker's lines at `node`: units handed over by victims join the reservation of
 * their SKU as they are (their lots, no ATP check: they were held already and stay held), the rest
 * is reserved from what the node can promise, as any backorder is. Returns the events and, apart,
 * the holds taken from free stock (what the next taker can no longer use).
 *
 * @example
 * ```ts
 * const { events } = reserveTaker(state, 'berlin', [{ sku: 'tee', quantity: 3 }], handed.get('o-vip'), ctx, { order: 'o-vip', channel: 'web' })
 * ```
 */
export function reserveTaker(
  state: FulfillmentState,
  node: NodeId,
  lines: readonly Demand[],
  handed: ReadonlyMap<SkuId, Handed> | undefined,
  ctx: DecideContext,
  hold: Hold,
): { events: EventDraft[]; fromStock: EventDraft[] } {
  if (handed === undefined) {
    const events = reserve(state, node, lines, ctx, hold);
    return { events, fromStock: events };
  }
  const rest = totalBySku(lines).flatMap(({ sku, quantity }) => {
    const units = quantity - (handed.get(sku)?.quantity ?? 0);
    return units > 0 ? [{ sku, quantity: units }] : [];
  });
  const fromStock = reserve(state, node, rest, ctx, hold);
  const events = [...fromStock];
  for (const [sku, h] of handed) {
    const at = events.findIndex((e) => e.type === 'StockReserved' && e.payload.sku === sku);
    if (at >= 0) {
      const { payload } = events[at] as StockReserved;
      const lots = merge(payload.lots, h.lots);
      events[at] = { type: 'StockReserved', payload: { ...payload, quantity: payload.quantity + h.quantity, ...(lots ? { lots } : {}) } };
      continue;
    }
    events.push({
      type: 'StockReserved',
      payload: {
        reservation: ctx.ids.next('res') as ReservationId,
        node,
        sku,
        quantity: h.quantity,
        ...(hold.order === undefined ? {} : { order: hold.order }),
        ...(hold.channel === undefined ? {} : { channel: hold.channel }),
        ...(h.lots === undefined ? {} : { lots: h.lots }),
      },
    });
  }
  return { events, fromStock };
}

/** Who took what from one victim, summed per taker and SKU (the event names at most a collection's worth). */
function byTaker(taken: readonly PreemptedUnits[]): { order: OrderId; sku: SkuId; quantity: number }[] {
  const sums = new Map<string, { order: OrderId; sku: SkuId; quantity: number }>();
  for (const t of taken) {
    const key = `${t.by}\u0000${t.sku}`;
    const was = sums.get(key);
    sums.set(key, { order: t.by, sku: t.sku, quantity: (was?.quantity ?? 0) + t.quantity });
  }
  return [...sums.values()].slice(0, LIMITS.collection);
}

/** Takes the first `units` off a queue of lots (in place). */
function draw(queue: Lots, units: number): Lots {
  const out: Lots = [];
  let left = units;
  while (left > 0 && queue.length > 0) {
    const head = queue[0]!;
    const take = Math.min(left, head.quantity);
    out.push({ lot: head.lot, quantity: take });
    head.quantity -= take;
    left -= take;
    if (head.quantity === 0) queue.shift();
  }
  return out;
}

/** Lots of two holds of one SKU, summed per lot. */
function merge(a: readonly { lot: LotId; quantity: number }[] | undefined, b: Lots | undefined): Lots | undefined {
  if (!a) return b;
  if (!b) return [...a];
  const sums = new Map<LotId, number>();
  for (const l of [...a, ...b]) sums.set(l.lot, (sums.get(l.lot) ?? 0) + l.quantity);
  return [...sums].map(([lot, quantity]) => ({ lot, quantity }));
}
