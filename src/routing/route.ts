import type { Allocation } from './build';
import { buildPlan } from './build';
import { type Candidate, type Examined, examine, type Usage } from './candidates';
import { sameCost } from './evaluate';
import type { RoutingNode, RoutingNodeInput } from './node';
import type { RoutableOrder, RoutableOrderInput } from './order';
import type { RejectedPlan, RoutingPlan } from './plan';
import type { RoutingPolicy, RoutingPolicyInput } from './policy';
import { examineOrder } from './price';
import { solveTier, type Tier, whyLost } from './solve';
import type { RoutingStock, StockReader } from './stock';
import type { RoutingContext } from './validate';

/**
 * Chooses which nodes ship each line of an order, at least cost, within stock, capacity and
 * policy; explains the choice. Pure: the same input gives the same plan.
 *
 * - **Candidates**: active, open today, serving the order's channel, with the policy's capability
 *   (`pickup` at the pickup node), order and unit capacity left today, and stock of some line.
 * - **Cost** of a plan: per shipment, `perShipment` + the node's `perOrder` + carrier `base` +
 *   `perKm` × km (haversine, node to ship-to; 0 without geo) + `perKg` × kg + the node's `perUnit`
 *   and the opportunity cost per unit; plus `splitPenalty` × (shipments − 1), `latenessPerDay` ×
 *   the days each shipment arrives (today + `deliveryDays`) after `requestedDate`, less the
 *   preferred node's credit when it ships. A pickup pays no carrier. Units of one line may come
 *   from several nodes.
 * - **Objective**: the most units (all, or none, under `ship-complete`), then the least cost, then
 *   the fewest shipments, then the preferred node, lower ranks and node ids.
 * - **Search**: exact branch and bound over sets of shipping nodes up to `policy.exact` (8 lines ×
 *   30 nodes); the assignment within a set is exact (cheapest first per SKU; a transportation
 *   problem when unit capacity binds). Beyond: a greedy set cover with local improvement
 *   (`trace.search.method` says which ran, `bound` is a proven lower bound on the cost).
 * - `nodeRank: 'hard'` routes from the lowest rank first, as much as it can serve, then the next.
 *
 * Throws `ValidationError` with paths under `order`, `nodes`, `stock`, `policy` or
 * `context.today`; nothing else.
 *
 * @example
 * ```ts
 * const plan = routeOrder(
 *   { id: 'o-1', channel: 'web', shipTo: { geo: { lat: 48.14, lon: 11.58 } }, lines: [{ id: 'l1', sku: 'tee', quantity: 2 }] },
 *   [{ id: 'berlin', geo: { lat: 52.52, lon: 13.4 } }, { id: 'munich', geo: { lat: 48.1, lon: 11.5 } }],
 *   { berlin: { tee: 10 }, munich: { tee: 1 } },
 *   { cost: { perShipment: 5, carrier: { perKm: 0.01 } } },
 *   { today: '2026-03-27' },
 * )
 * plan.shipments.map((s) => s.node) // ['berlin']: one shipment beats a split
 * ```
 */
export function routeOrder(
  order: RoutableOrderInput,
  nodes: readonly RoutingNodeInput[],
  stock: RoutingStock,
  policy: RoutingPolicyInput | undefined,
  context: RoutingContext,
): RoutingPlan {
  const { ex, policy: rules } = examineOrder(order, nodes, stock, policy, context, 'routeOrder');
  return routeExamined(ex, rules);
}

/** `routeOrder` on parsed input; `usage` is what earlier orders of a release window took. */
export function routeParsed(order: RoutableOrder, nodes: readonly RoutingNode[], stock: StockReader, policy: RoutingPolicy, today: number, usage?: Usage): RoutingPlan {
  return routeExamined(examine(order, nodes, stock, policy, today, usage), policy);
}

/** Routes an examined order: one search, or one per rank when ranks are hard; then the plan and its trace. */
export function routeExamined(ex: Examined, policy: RoutingPolicy): RoutingPlan {
  const qty = ex.order.lines.map((l) => l.quantity);
  const total = qty.reduce((a, b) => a + b, 0);
  const tiers: Tier[] = [];
  let shipped = 0;
  for (const cands of tiersOf(ex, policy)) {
    if (qty.every((q) => q === 0) || shipped >= (policy.maxShipments ?? Infinity)) break;
    const tier = solveTier(ex, cands, qty, policy, shipped);
    tiers.push(tier);
    shipped += tier.searched.best.ships;
  }
  const served = total - qty.reduce((a, b) => a + b, 0);
  const complete = policy.fulfilment === 'ship-available' || served === total;
  const allocations: Allocation[] = complete ? tiers.flatMap((t) => t.allocations) : [];
  const rejected = rejectedOf(tiers);
  if (!complete && served > 0) {
    rejected.unshift({ nodes: nodesUsed(tiers), cost: null, reason: `serves ${served} of ${total} units; ship-complete needs all` });
  }
  const plan = buildPlan(ex, policy, allocations, { rules: [], search: searchOf(tiers), rejected });
  return { ...plan, trace: { ...plan.trace, rules: rulesOf(ex, policy, tiers, plan, served, total) } };
}

/** The candidates of each search: all at once, or one rank after another when ranks are hard. */
function tiersOf(ex: Examined, policy: RoutingPolicy): Candidate[][] {
  if (policy.nodeRank === 'tie-break') return [ex.candidates.slice()];
  const byRank = new Map<number, Candidate[]>();
  for (const c of ex.candidates) {
    const list = byRank.get(c.node.rank) ?? [];
    list.push(c);
    byRank.set(c.node.rank, list);
  }
  return [...byRank.entries()].sort((a, b) => a[0] - b[0]).map(([, list]) => list);
}

function nodesUsed(tiers: readonly Tier[]) {
  return tiers.flatMap((t) => t.searched.best.used.map((c) => t.cands[c]!.node.id));
}

function rejectedOf(tiers: readonly Tier[]): RejectedPlan[] {
  return tiers.flatMap((t) =>
    t.searched.runnersUp.map((o) => ({ nodes: o.used.map((c) => t.cands[c]!.node.id), cost: o.cost, reason: whyLost(o, t.searched.best) })),
  );
}

function searchOf(tiers: readonly Tier[]): RoutingPlan['trace']['search'] {
  const exact = tiers.every((t) => t.searched.method === 'exact');
  const explored = tiers.reduce((sum, t) => sum + t.searched.explored, 0);
  const bounds = tiers.map((t) => t.searched.bound);
  if (tiers.length === 0 || bounds.some((b) => b === undefined)) return { method: exact ? 'exact' : 'heuristic', explored };
  return { method: exact ? 'exact' : 'heuristic', explored, bound: bounds.reduce<number>((sum, b) => sum + b!, 0) };
}

function rulesOf(ex: Examined, policy: RoutingPolicy, tiers: readonly Tier[], plan: RoutingPlan, served: number, total: number): string[] {
  const rules = [`fulfilment ${policy.fulfilment}`, ...ex.notes];
  if (policy.pickupAt !== undefined) rules.push(`pickup at ${policy.pickupAt}: the customer collects, no carrier cost`);
  if (policy.maxShipments !== undefined) rules.push(`at most ${policy.maxShipments} shipment(s)`);
  if (ex.candidates.length === 0) rules.push("no eligible node holds the order's units");
  if (policy.nodeRank === 'hard') {
    for (const t of tiers) {
      const rank = t.cands[0]?.node.rank;
      rules.push(`node rank hard: rank ${rank} serves ${t.searched.best.served} unit(s)${t.searched.best.ships > 0 ? ` from ${t.searched.best.used.map((c) => t.cands[c]!.node.id).join(', ')}` : ''}`);
    }
  }
  for (const t of tiers) if (t.heuristic !== undefined) rules.push(t.heuristic);
  if (tiers.some((t) => t.searched.best.transport)) rules.push('unit capacity binds: units assigned by an exact transportation solve');
  if (policy.preferredNode !== undefined) {
    const ships = plan.shipments.some((s) => s.node === policy.preferredNode);
    if (ships) rules.push(`preferred node ${policy.preferredNode} ships${policy.preferredDiscount > 0 ? `: credit ${policy.preferredDiscount}` : ''}`);
    else rules.push(`preferred node ${policy.preferredNode} does not ship`);
  }
  if (plan.shipments.length > 1) rules.push(`split into ${plan.shipments.length} shipments: ${plan.trace.chosen.join(', ')}`);
  for (const s of plan.shipments) if (s.cost.lateness > 0) rules.push(`${s.node} delivers late: lateness ${s.cost.lateness.toFixed(2)}`);
  if (plan.cost.opportunity > 0) rules.push(`opportunity cost of the units shipped: ${plan.cost.opportunity.toFixed(2)}`);
  const best = tiers[0]?.searched.best;
  const runnerUp = tiers[0]?.searched.runnersUp[0];
  if (best && runnerUp && runnerUp.served === best.served && sameCost(runnerUp.cost, best.cost)) {
    rules.push(runnerUp.ships === best.ships ? 'equal-cost plans: the preferred node, then rank, then node id decided' : 'equal-cost plans: the fewest shipments decided');
  }
  if (served < total) {
    rules.push(
      policy.fulfilment === 'ship-complete'
        ? `ship-complete: only ${served} of ${total} units can be routed: unroutable`
        : `ship-available: ${total - served} unit(s) backordered`,
    );
  }
  return rules;
}
