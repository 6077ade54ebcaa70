import type { Node } from '../domain/network';
import { addWorkingTime, capacityAt, capacityCurve, type CapacityCurve, type CapacityRate, timeAtCapacity, type WorkingTime } from './calendar';
import { CandidateFinder, type DepartureCandidate } from './candidates';
import { leadTimeMinutes } from './lead-time';
import type { DepartureOccurrence } from './occurrences';
import type { ReleasePolicy } from './policy';
import type { ReleaseOrder } from './release-order';
import { constantResource, type Job, type Resource, scheduleOnResource, scheduleOnResources } from './sequencing';

/** A node's throughput change for one plan: `factor` scales every shift's rate (0.5: half the staff). */
export interface CapacityAdjustment {
  readonly factor?: number;
}

/** Where one order landed in its node's plan (times in epoch ms). */
export interface NodeSlot {
  readonly order: ReleaseOrder;
  readonly candidate: DepartureCandidate;
  /** Index of the candidate: 0 is the order's first departure; more means it was rolled. */
  readonly round: number;
  readonly first: DepartureCandidate;
  readonly releaseAt: number;
  readonly readyAt: number;
}

/** What planning one node found: slots for orders it can make, reasons for those it cannot. */
export interface NodePlan {
  readonly slots: readonly NodeSlot[];
  readonly unplannable: readonly { readonly order: ReleaseOrder; readonly reason: string }[];
  readonly trace: NodePlanTrace;
}

/** How a node was planned: its resources, the rule used, the rounds of rolling. */
export interface NodePlanTrace {
  readonly node: string;
  readonly orders: number;
  readonly departures: number;
  readonly resources: readonly string[];
  readonly rule: string;
  readonly rounds: number;
}

interface NodeResource extends Resource {
  readonly name: string;
  /** What job `order` consumes of it on `candidate`. */
  workOf(order: ReleaseOrder, candidate: DepartureCandidate): number;
  /** When the resource has given `c` (curves only). */
  timeAt?(c: number): number | undefined;
}

/**
 * Plans one node: each order's first departure it can still make (cutoff − lead time on working
 * hours ≥ now), then which orders the node's throughput (units/h, orders/h by shift) and each
 * departure's capacity let make their cutoffs: Moore–Hodgson on one resource (exact), the
 * generalised rule on several. Orders that miss are rolled to their next departure and planned
 * again behind every order already on time, up to `maxRollovers` times.
 */
export function planNode(
  node: Node,
  orders: readonly ReleaseOrder[],
  occurrences: readonly DepartureOccurrence[],
  wt: WorkingTime,
  now: number,
  policy: ReleasePolicy,
  adjustment: CapacityAdjustment | undefined,
): NodePlan {
  const finder = new CandidateFinder(occurrences, wt, now, policy);
  const profile = node.processing;
  const stageMs = (profile?.stageMinutes ?? 0) * 60_000;
  const unplannable: { order: ReleaseOrder; reason: string }[] = [];
  const options = new Map<string, { order: ReleaseOrder; candidates: DepartureCandidate[]; leadMs: number }>();
  const floor: NodeSlot[] = [];
  for (const order of orders) {
    if (order.released) {
      const slot = releasedSlot(order, finder, now);
      if (slot) floor.push(slot);
      else unplannable.push({ order, reason: `no ${order.serviceLevel} departure from ${node.id} within ${policy.horizonDays} day(s)` });
      continue;
    }
    const leadMs = leadTimeMinutes(profile, order) * 60_000;
    const candidates = finder.candidates(order.serviceLevel, { leadMs, stageMs });
    if (candidates.length === 0) unplannable.push({ order, reason: `no ${order.serviceLevel} departure from ${node.id} it can make within ${policy.horizonDays} day(s) (lead time ${leadMs / 60_000} working min)` });
    else options.set(order.id, { order, candidates, leadMs });
  }
  const horizonEnd = now + policy.horizonDays * 86_400_000;
  const resources = resourcesOf(node, wt, occurrences, now, horizonEnd, adjustment);
  // The candidate each order is planned on this round; orders late on their last one drop out.
  const round = new Map<string, number>();
  for (const id of options.keys()) round.set(id, 0);
  let kept = new Set<string>();
  let onTime: string[] = [];
  let rounds = 0;
  for (let r = 0; r <= policy.maxRollovers && round.size > 0; r++) {
    rounds = r + 1;
    const jobs: Job[] = [];
    for (const [id, k] of round) {
      const o = options.get(id)!;
      const c = o.candidates[k]!;
      // Orders on time in an earlier round outrank the ones rolled since, so they stay on time.
      const tier = r === 0 ? 0 : kept.has(id) ? 20 : 10;
      const priority = tier + (r === 0 || policy.priorities === 'strict' ? o.order.priority : 0);
      jobs.push({ id, due: c.workDue, priority, work: resources.map((res) => res.workOf(o.order, c)) });
    }
    const rule = r === 0 ? policy.priorities : 'strict';
    const sequence =
      resources.length === 0
        ? { onTime: jobs.map((j) => j.id), late: [] as string[] }
        : resources.length === 1
          ? scheduleOnResource(jobs, resources[0]!, { priorities: rule })
          : scheduleOnResources(jobs, resources, { priorities: rule });
    onTime = [...sequence.onTime];
    kept = new Set(onTime);
    let rolled = 0;
    for (const id of sequence.late) {
      const o = options.get(id)!;
      const k = round.get(id)! + 1;
      if (k < o.candidates.length) {
        round.set(id, k);
        rolled++;
      } else {
        round.delete(id);
        unplannable.push({ order: o.order, reason: `${node.id}'s capacity cannot make any of its ${o.candidates.length} departure(s) it could reach` });
      }
    }
    if (rolled === 0) break;
  }
  const slots = [...timeSlots(onTime, round, options, resources, wt, now, stageMs), ...floor];
  return {
    slots,
    unplannable,
    trace: {
      node: node.id,
      orders: orders.length,
      departures: occurrences.length,
      resources: resources.map((r) => r.name),
      rule: ruleOf(resources.length, policy.priorities === 'tie-break' || new Set(orders.map((o) => o.priority)).size <= 1),
      rounds,
    },
  };
}

/** How the node was planned, in words: which rule, and whether it is exact for what it minimises. */
function ruleOf(resources: number, oneClass: boolean): string {
  if (resources === 0) return 'unlimited throughput: every order that can make its cutoff does';
  if (resources > 1) return `generalised Moore-Hodgson over ${resources} resources (heuristic)`;
  return oneClass ? 'Moore-Hodgson, one resource (exact)' : 'Moore-Hodgson by priority class, one resource (exact for the highest class)';
}

/** An order already in the warehouse goes on the first departure whose cutoff is still ahead. */
function releasedSlot(order: ReleaseOrder, finder: CandidateFinder, now: number): NodeSlot | undefined {
  const [first] = finder.candidates(order.serviceLevel, { leadMs: 0, stageMs: 0 });
  if (!first) return undefined;
  const releaseAt = order.schedule ? Date.parse(order.schedule.releaseAt) : now;
  const readyAt = Math.max(now, order.schedule ? Date.parse(order.schedule.readyAt) : now);
  return { order, candidate: first, round: 0, first, releaseAt, readyAt };
}

/** Release and ready times of the on-time orders, worked through in EDD order. */
function timeSlots(
  onTime: readonly string[],
  round: ReadonlyMap<string, number>,
  options: ReadonlyMap<string, { order: ReleaseOrder; candidates: DepartureCandidate[]; leadMs: number }>,
  resources: readonly NodeResource[],
  wt: WorkingTime,
  now: number,
  stageMs: number,
): NodeSlot[] {
  const curves = resources.filter((r) => r.timeAt);
  const used = new Float64Array(curves.length);
  const slots: NodeSlot[] = [];
  for (const id of onTime) {
    const o = options.get(id)!;
    const k = round.get(id)!;
    const c = o.candidates[k]!;
    let start = now;
    let finish = now;
    curves.forEach((res, i) => {
      const w = res.workOf(o.order, c);
      start = Math.max(start, res.timeAt!(used[i]!) ?? now);
      used[i]! += w;
      finish = Math.max(finish, res.timeAt!(used[i]!) ?? c.workDue);
    });
    const releaseAt = Math.max(now, Math.min(start, c.latestRelease));
    const readyAt = Math.max(addWorkingTime(wt, releaseAt, o.leadMs) ?? c.occurrence.cutoff, addWorkingTime(wt, finish, stageMs) ?? c.occurrence.cutoff);
    slots.push({ order: o.order, candidate: c, round: k, first: o.candidates[0]!, releaseAt, readyAt });
  }
  return slots;
}

function resourcesOf(node: Node, wt: WorkingTime, occurrences: readonly DepartureOccurrence[], from: number, to: number, adjustment: CapacityAdjustment | undefined): NodeResource[] {
  const factor = adjustment?.factor ?? 1;
  const out: NodeResource[] = [];
  const curve = (rate: CapacityRate, amount: (o: ReleaseOrder) => number) => {
    const c: CapacityCurve | undefined = capacityCurve(wt, rate, from, to, node.processing?.capacity);
    if (!c) return;
    out.push({
      name: `${node.id} ${rate}/h${factor === 1 ? '' : ` x${factor}`}`,
      capacityBy: (due) => capacityAt(c, due) * factor,
      timeAt: (x) => (factor <= 0 ? (x <= 0 ? from : undefined) : timeAtCapacity(c, x / factor)),
      workOf: (o) => amount(o),
    });
  };
  curve('units', (o) => o.units);
  curve('orders', () => 1);
  for (const occ of occurrences) {
    const cap = occ.departure.capacity;
    if (cap?.units !== undefined) out.push(departureResource(occ, 'units', cap.units, (o) => o.units));
    if (cap?.orders !== undefined) out.push(departureResource(occ, 'orders', cap.orders, () => 1));
  }
  return out;
}

function departureResource(occ: DepartureOccurrence, what: string, amount: number, size: (o: ReleaseOrder) => number): NodeResource {
  const base = constantResource(amount);
  return { name: `${occ.ref} ${what}`, capacityBy: base.capacityBy, workOf: (o, c) => (c.occurrence.ref === occ.ref ? size(o) : 0) };
}
