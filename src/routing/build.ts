import type { Candidate, Examined } from './candidates';
import type { PlanCost, PlannedLine, PlannedShipment, RoutingPlan, RoutingTrace } from './plan';
import type { RoutingPolicy } from './policy';

/** Units of one order line (index) planned from one candidate node. */
export interface Allocation {
  readonly candidate: Candidate;
  readonly line: number;
  readonly qty: number;
}

/** The trace but what the plan itself decides (candidates and the nodes chosen). */
export type TraceParts = Pick<RoutingTrace, 'rules' | 'search' | 'rejected'>;

/**
 * Turns allocations into a plan: one shipment per node (in tie order), its lines in order-line
 * order, the rest backordered, every cost by the policy's model.
 */
export function buildPlan(ex: Examined, policy: RoutingPolicy, allocations: readonly Allocation[], parts: TraceParts): RoutingPlan {
  const { order } = ex;
  const byCandidate = new Map<Candidate, number[]>();
  const routed = new Array<number>(order.lines.length).fill(0);
  for (const a of allocations) {
    if (a.qty <= 0) continue;
    let lines = byCandidate.get(a.candidate);
    if (lines === undefined) {
      lines = new Array<number>(order.lines.length).fill(0);
      byCandidate.set(a.candidate, lines);
    }
    lines[a.line]! += a.qty;
    routed[a.line]! += a.qty;
  }
  const shipments: PlannedShipment[] = [];
  for (const candidate of ex.candidates) {
    const lines = byCandidate.get(candidate);
    if (lines !== undefined) shipments.push(shipmentOf(ex, policy, candidate, lines));
  }
  const backorders: PlannedLine[] = [];
  order.lines.forEach((line, l) => {
    if (routed[l]! < line.quantity) backorders.push({ line: line.id, sku: line.sku, quantity: line.quantity - routed[l]! });
  });
  const split = policy.cost.splitPenalty * Math.max(0, shipments.length - 1);
  const cost = sumCosts(shipments.map((s) => s.cost), split);
  const served = routed.reduce((a, b) => a + b, 0);
  return {
    order: order.id,
    status: backorders.length === 0 ? 'complete' : served > 0 ? 'partial' : 'unroutable',
    shipments,
    backorders,
    cost,
    trace: { candidates: ex.trace, ...parts, chosen: shipments.map((s) => s.node) },
  };
}

function shipmentOf(ex: Examined, policy: RoutingPolicy, candidate: Candidate, units: readonly number[]): PlannedShipment {
  const { cost } = policy;
  const lines: PlannedLine[] = [];
  let total = 0;
  let weightG = 0;
  let opportunity = 0;
  units.forEach((qty, l) => {
    if (qty <= 0) return;
    const line = ex.order.lines[l]!;
    lines.push({ line: line.id, sku: line.sku, quantity: qty });
    total += qty;
    weightG += qty * (line.weightG ?? 0);
    opportunity += qty * candidate.opportunity[ex.lineSku[l]!]!;
  });
  const shipping = cost.perShipment + (candidate.carrier ? cost.carrier.base + cost.carrier.perKm * candidate.km + (cost.carrier.perKg * weightG) / 1000 : 0);
  const handling = candidate.node.costs.perOrder + candidate.node.costs.perUnit * total;
  const lateness = cost.latenessPerDay * candidate.lateDays;
  const preferred = candidate.preferred ? -policy.preferredDiscount : 0;
  return {
    node: candidate.node.id,
    lines,
    units: total,
    weightG,
    distanceKm: candidate.km,
    cost: withTotal({ shipping, handling, split: 0, lateness, opportunity, preferred }),
  };
}

/** Sums shipment costs and adds the plan's split penalty. */
export function sumCosts(costs: readonly PlanCost[], split: number): PlanCost {
  const sum = { shipping: 0, handling: 0, split, lateness: 0, opportunity: 0, preferred: 0 };
  for (const c of costs) {
    sum.shipping += c.shipping;
    sum.handling += c.handling;
    sum.lateness += c.lateness;
    sum.opportunity += c.opportunity;
    sum.preferred += c.preferred;
  }
  return withTotal(sum);
}

function withTotal(c: Omit<PlanCost, 'total'>): PlanCost {
  const { shipping, handling, split, lateness, opportunity, preferred } = c;
  return { shipping, handling, split, lateness, opportunity, preferred, total: shipping + handling + split + lateness + opportunity + preferred };
}
