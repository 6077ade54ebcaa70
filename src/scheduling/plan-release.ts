import { z } from 'zod';
import { NodeId } from '../domain/ids';
import type { ReleaseSchedule } from '../domain/schedule';
import { nowArgument, parseArgument } from '../routing/validate';
import { workingTime } from './calendar';
import { calendarsById, Departures, departuresByNode, SchedulingNetwork, type SchedulingNetworkInput } from './network';
import { type NodePlanTrace, type NodeSlot, planNode } from './node-plan';
import { type DepartureOccurrence, departureOccurrences } from './occurrences';
import { ReleasePolicy, type ReleasePolicyInput } from './policy';
import { type ReleaseOrder, type ReleaseOrderInput, ReleaseOrders } from './release-order';
import { type Arrival, arrivalOf } from './transit';

/** Throughput changes for one plan, by node: `factor` scales the node's rates (a capacity drop). */
export const CapacityAdjustments = z.record(NodeId, z.strictObject({ factor: z.number().min(0).max(100) }));
/** Capacity adjustments as the host writes them. */
export type CapacityAdjustments = z.input<typeof CapacityAdjustments>;

/** What the plan does with one order now; `released`: already in the warehouse, re-assigned a departure. */
export type ReleaseDecision = 'release-now' | 'hold' | 'released' | 'unplannable';

/** One order in a release plan: its decision, its schedule (unless unplannable), and why. */
export interface PlannedRelease {
  readonly order: string;
  readonly decision: ReleaseDecision;
  readonly schedule?: ReleaseSchedule;
  readonly reason: string;
}

/** One departure's cargo in the plan. */
export interface DepartureLoad {
  readonly departure: string;
  readonly node: string;
  readonly carrier: string;
  readonly cutoff: string;
  readonly departsAt: string;
  readonly orders: readonly string[];
  /** The earliest planned release among its orders. */
  readonly firstRelease: string;
}

/** A release plan: per order, per departure, and how each node was planned. */
export interface ReleasePlan {
  /** Every order given, in input order. */
  readonly orders: readonly PlannedRelease[];
  /** Orders to hand to the warehouse now, by planned release. */
  readonly releaseNow: readonly string[];
  /** Orders held back until their planned release. */
  readonly hold: readonly string[];
  readonly unplannable: readonly string[];
  /** Orders that miss the first departure they could have made (rolled, or unplannable). */
  readonly missed: number;
  readonly departures: readonly DepartureLoad[];
  readonly trace: readonly NodePlanTrace[];
}

/**
 * Plans when to release orders so that they make their departures: for each order the departure it
 * should make (the first of its service level whose cutoff it can still make: cutoff − processing
 * lead time on the node's working hours), its latest release time, and, within the node's
 * throughput by shift and each departure's capacity, which orders make their cutoffs: fewest
 * missed, exactly (Moore–Hodgson) when one resource binds, by the generalised rule when several do;
 * with `priorities: 'strict'` higher classes first. Orders that miss are rolled to later
 * departures. Orders whose planned release is within `releaseWindowMinutes` of `now` are released
 * now, the rest held; with `consolidate: 'departure'` a departure's cargo is released together.
 * Pure and deterministic; throws `ValidationError` with issue paths on bad input.
 *
 * @example
 * ```ts
 * const plan = planRelease(orders, { nodes: [hub], calendars: [hubWeek] }, [dailyTruck, sailing], {}, '2026-03-27T06:00:00Z', { consolidate: 'departure' })
 * plan.releaseNow // ['o-17', 'o-3', …]
 * ```
 */
export function planRelease(
  orders: readonly ReleaseOrderInput[],
  network: SchedulingNetworkInput,
  departures: readonly unknown[],
  capacity: CapacityAdjustments,
  now: number | string,
  policy: ReleasePolicyInput = {},
): ReleasePlan {
  const where = 'planRelease';
  const list = parseArgument(ReleaseOrders, orders, where, 'orders');
  const net = parseArgument(SchedulingNetwork, network, where, 'network');
  const deps = parseArgument(Departures, departures, where, 'departures');
  const adjustments = parseArgument(CapacityAdjustments, capacity, where, 'capacity');
  const at = nowArgument(now, where);
  const p = parseArgument(ReleasePolicy, policy, where, 'policy');
  const plannedAt = new Date(at).toISOString();
  // Cutoffs and latest releases repeat across thousands of orders: each is spelled once per plan
  // (release and ready times are each order's own and are spelled directly).
  const spelled = new Map<number, string>();
  const iso = (ms: number): string => {
    let text = spelled.get(ms);
    if (text === undefined) {
      text = new Date(ms).toISOString();
      spelled.set(ms, text);
    }
    return text;
  };

  const calendars = calendarsById(net.calendars);
  const nodes = new Map(net.nodes.map((n) => [n.id as string, n]));
  const byNode = new Map<string, ReleaseOrder[]>();
  const results = new Map<string, PlannedRelease>();
  const releaseMs = new Map<string, number>();
  for (const o of list) {
    if (!nodes.has(o.node)) results.set(o.id, { order: o.id, decision: 'unplannable', reason: `node ${o.node} is not in the network` });
    else {
      const group = byNode.get(o.node);
      if (group) group.push(o);
      else byNode.set(o.node, [o]);
    }
  }
  const deps$ = departuresByNode(deps);
  const trace: NodePlanTrace[] = [];
  const loads = new Map<string, { load: Omit<DepartureLoad, 'orders' | 'firstRelease'>; orders: string[]; first: number }>();
  // Thousands of orders share a departure and a destination: one arrival each.
  const arrivalMemo = new Map<string, Arrival>();
  const arrivals = (occ: DepartureOccurrence, to: ReleaseOrder['destination']): Arrival => {
    const key = `${occ.ref}\u0000${to?.country ?? ''}\u0000${to?.postalCode ?? ''}`;
    let a = arrivalMemo.get(key);
    if (!a) {
      a = arrivalOf(occ, to, calendars, nodes.get(occ.departure.node)!.timeZone);
      arrivalMemo.set(key, a);
    }
    return a;
  };
  for (const id of [...byNode.keys()].sort()) {
    const node = nodes.get(id)!;
    const nodeCalendar = node.calendar === undefined ? undefined : calendars[node.calendar];
    const wt = workingTime(nodeCalendar);
    const window = { from: at, to: at + p.horizonDays * 86_400_000, ...(p.cutoffKinds ? { cutoffKinds: p.cutoffKinds } : {}) };
    const occurrences = departureOccurrences(deps$.get(id) ?? [], calendars, node.timeZone, window, nodeCalendar);
    const plan = planNode(node, byNode.get(id)!, occurrences, wt, at, p, Object.hasOwn(adjustments, id) ? adjustments[id as NodeId] : undefined);
    trace.push(plan.trace);
    for (const u of plan.unplannable) results.set(u.order.id, { order: u.order.id, decision: 'unplannable', reason: u.reason });
    const consolidated = p.consolidate === 'departure' ? firstReleaseByDeparture(plan.slots.filter((s) => !s.order.released)) : undefined;
    for (const slot of plan.slots) {
      const occ = slot.candidate.occurrence;
      const releaseAt = (slot.order.released ? undefined : consolidated?.get(occ.ref)) ?? slot.releaseAt;
      const arrival = arrivals(occ, slot.order.destination);
      const schedule: ReleaseSchedule = {
        node: node.id,
        departure: occ.ref,
        carrier: occ.departure.carrier,
        cutoff: iso(occ.cutoff),
        cutoffKind: occ.cutoffKind,
        departsAt: iso(occ.departsAt),
        latestReleaseAt: iso(slot.candidate.latestRelease),
        releaseAt: new Date(releaseAt).toISOString(),
        readyAt: new Date(slot.readyAt).toISOString(),
        onTime: slot.round === 0,
        ...(slot.round === 0 ? {} : { missed: slot.first.occurrence.ref }),
        deliveryDate: arrival.date,
        plannedAt,
        reason: reasonOf(slot, releaseAt !== slot.releaseAt, iso),
      };
      const decision: ReleaseDecision = slot.order.released ? 'released' : releaseAt <= at + p.releaseWindowMinutes * 60_000 ? 'release-now' : 'hold';
      results.set(slot.order.id, { order: slot.order.id, decision, schedule, reason: replanNote(slot.order, schedule) + schedule.reason });
      releaseMs.set(slot.order.id, releaseAt);
      const entry = loads.get(occ.ref) ?? {
        load: { departure: occ.ref, node: node.id, carrier: occ.departure.carrier, cutoff: schedule.cutoff, departsAt: schedule.departsAt },
        orders: [],
        first: releaseAt,
      };
      entry.orders.push(slot.order.id);
      entry.first = Math.min(entry.first, releaseAt);
      loads.set(occ.ref, entry);
    }
  }
  const planned = list.map((o) => results.get(o.id)!);
  const byRelease = (d: ReleaseDecision) =>
    planned
      .filter((r) => r.decision === d)
      .map((r) => ({ order: r.order, at: releaseMs.get(r.order)! }))
      .sort((a, b) => a.at - b.at || (a.order < b.order ? -1 : 1))
      .map((r) => r.order);
  return {
    orders: planned,
    releaseNow: byRelease('release-now'),
    hold: byRelease('hold'),
    unplannable: planned.filter((r) => r.decision === 'unplannable').map((r) => r.order),
    missed: planned.filter((r) => r.decision === 'unplannable' || r.schedule?.onTime === false).length,
    departures: [...loads.values()]
      .map((e) => ({ ...e.load, orders: e.orders, firstRelease: new Date(e.first).toISOString() }))
      .sort((a, b) => (a.cutoff < b.cutoff ? -1 : a.cutoff > b.cutoff ? 1 : a.departure < b.departure ? -1 : 1)),
    trace,
  };
}

/** With consolidation, a departure's cargo goes when the first of it is due. */
function firstReleaseByDeparture(slots: readonly NodeSlot[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const s of slots) first.set(s.candidate.occurrence.ref, Math.min(first.get(s.candidate.occurrence.ref) ?? Number.POSITIVE_INFINITY, s.releaseAt));
  return first;
}

function reasonOf(slot: NodeSlot, consolidated: boolean, iso: (ms: number) => string): string {
  const c = slot.candidate;
  const head =
    slot.round === 0
      ? `first ${slot.order.serviceLevel} departure it can make: ${c.occurrence.ref}`
      : `throughput cannot make ${slot.first.occurrence.ref} by its cutoff; rolled to ${c.occurrence.ref}`;
  return `${head} (${c.occurrence.cutoffKind} cutoff ${iso(c.occurrence.cutoff)}); latest release ${iso(c.latestRelease)}${consolidated ? '; released with the rest of its departure' : ''}`;
}

/** What changed since the order's previous schedule, if anything. */
function replanNote(order: ReleaseOrder, next: ReleaseSchedule): string {
  const was = order.schedule;
  if (!was || was.departure === next.departure) return '';
  return `re-planned from ${was.departure} (cutoff ${was.cutoff}): `;
}
