import type { LineId, NodeId, OrderId, SkuId } from '../domain/ids';

/**
 * Where a plan's (or a shipment's) cost comes from. `preferred` is a credit: zero or negative.
 *
 * @example
 * ```ts
 * // { shipping: 11.2, handling: 3.5, split: 2, lateness: 0, opportunity: 0.4, preferred: -1 }
 * plan.cost
 * ```
 */
export interface CostBreakdown {
  /** Per-shipment fixed cost and carrier rate (base, distance, weight). */
  readonly shipping: number;
  /** The nodes' per-order and per-unit handling. */
  readonly handling: number;
  /** The split penalty for every shipment after the first (plan level only). */
  readonly split: number;
  /** The lateness penalty for days delivered after the requested date. */
  readonly lateness: number;
  /** Opportunity cost of the units shipped (`policy.opportunityCost`). */
  readonly opportunity: number;
  /** The preferred node's credit, when it ships (≤ 0). */
  readonly preferred: number;
}

/**
 * A cost breakdown with its sum.
 *
 * @example
 * ```ts
 * plan.cost.total // 16.1
 * ```
 */
export interface PlanCost extends CostBreakdown {
  readonly total: number;
}

/**
 * Units of one order line, planned to ship or backordered.
 *
 * @example
 * ```ts
 * const line: PlannedLine = { line: 'l1', sku: 'tee-m', quantity: 2 }
 * ```
 */
export interface PlannedLine {
  readonly line: LineId;
  readonly sku: SkuId;
  readonly quantity: number;
}

/**
 * What one node ships for the order: its lines, units, weight, the distance to the ship-to and the
 * shipment's cost.
 *
 * @example
 * ```ts
 * // { node: 'dc-1', lines: [{ line: 'l1', sku: 'tee-m', quantity: 2 }], units: 2, weightG: 360, distanceKm: 504.3, cost: { … } }
 * plan.shipments[0]
 * ```
 */
export interface PlannedShipment {
  readonly node: NodeId;
  readonly lines: readonly PlannedLine[];
  readonly units: number;
  readonly weightG: number;
  readonly distanceKm: number;
  /** This shipment's share of the plan's cost (`split` is counted on the plan only). */
  readonly cost: PlanCost;
}

/**
 * One node considered for the order: whether it may ship, and why (or why not).
 *
 * @example
 * ```ts
 * // { node: 'store-3', eligible: false, reasons: ['closed today'] }
 * plan.trace.candidates[2]
 * ```
 */
export interface CandidateTrace {
  readonly node: NodeId;
  readonly eligible: boolean;
  readonly reasons: readonly string[];
}

/**
 * An alternative the router evaluated and did not choose: its nodes, its cost (null when it could
 * not be costed as a plan, e.g. short of a ship-complete order) and why it lost.
 *
 * @example
 * ```ts
 * // { nodes: ['dc-2'], cost: 19.4, reason: 'costs 3.30 more' }
 * plan.trace.rejected[0]
 * ```
 */
export interface RejectedPlan {
  readonly nodes: readonly NodeId[];
  readonly cost: number | null;
  readonly reason: string;
}

/**
 * How the plan was searched: `exact` (proven least cost) or `heuristic`, how many node sets were
 * evaluated, and a proven lower bound on the least cost when one is known.
 *
 * @example
 * ```ts
 * // { method: 'exact', explored: 14, bound: 16.1 }
 * plan.trace.search
 * ```
 */
export interface SearchTrace {
  readonly method: 'exact' | 'heuristic';
  readonly explored: number;
  readonly bound?: number;
}

/**
 * Why the plan is what it is: every node considered, the rules that fired, the search, the best
 * alternatives rejected, and the nodes chosen.
 *
 * @example
 * ```ts
 * plan.trace.rules // ['fulfilment ship-available', 'split into 2 shipments: dc-1, store-3']
 * ```
 */
export interface RoutingTrace {
  readonly candidates: readonly CandidateTrace[];
  readonly rules: readonly string[];
  readonly search: SearchTrace;
  readonly rejected: readonly RejectedPlan[];
  readonly chosen: readonly NodeId[];
}

/**
 * Whether every unit is routed (`complete`), some (`partial`, the rest backordered) or none
 * (`unroutable`).
 *
 * @example
 * ```ts
 * if (plan.status === 'unroutable') holdOrder(plan.order)
 * ```
 */
export type RoutingStatus = 'complete' | 'partial' | 'unroutable';

/**
 * The routing decision for one order: the shipments, the units backordered, the cost broken down,
 * and the trace.
 *
 * @example
 * ```ts
 * const plan: RoutingPlan = routeOrder(order, nodes, stock, policy, { today: '2026-03-27' })
 * plan.shipments.map((s) => s.node) // ['dc-1']
 * ```
 */
export interface RoutingPlan {
  readonly order: OrderId;
  readonly status: RoutingStatus;
  readonly shipments: readonly PlannedShipment[];
  readonly backorders: readonly PlannedLine[];
  readonly cost: PlanCost;
  readonly trace: RoutingTrace;
}
