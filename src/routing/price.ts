import { z } from 'zod';
import { LineId, NodeId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { Quantity } from '../domain/primitives';
import { type Allocation, buildPlan } from './build';
import { type Examined, examine } from './candidates';
import { nodesOf, type RoutingNodeInput } from './node';
import { RoutableOrder, type RoutableOrderInput } from './order';
import type { RoutingPlan } from './plan';
import { policyOf, type RoutingPolicy, type RoutingPolicyInput } from './policy';
import { type RoutingStock, stockReader } from './stock';
import { invalid, parseArgument, type RoutingContext, todayOf } from './validate';

const Allocations = z.array(z.strictObject({ node: NodeId, line: LineId, quantity: Quantity })).max(LIMITS.orderLines * LIMITS.collection);

/**
 * Units of an order line a caller allocates to a node.
 *
 * @example
 * ```ts
 * const allocation: AllocationInput = [{ node: 'dc-1', line: 'l1', quantity: 2 }]
 * ```
 */
export type AllocationInput = z.input<typeof Allocations>;

/**
 * Validates a routing call's arguments and examines the order's candidates: the first step of
 * `routeOrder`, shared by `priceAllocation` and the peers' baselines.
 */
export function examineOrder(
  order: RoutableOrderInput,
  nodes: readonly RoutingNodeInput[],
  stock: RoutingStock,
  policy: RoutingPolicyInput | undefined,
  context: RoutingContext,
  where: string,
): { readonly ex: Examined; readonly policy: RoutingPolicy } {
  const parsed = parseArgument(RoutableOrder, order, where, 'order');
  const network = nodesOf(nodes, where);
  const rules = policyOf(policy, where);
  const today = todayOf(context, where);
  return { ex: examine(parsed, network, stockReader(stock, network, where), rules, today), policy: rules };
}

/**
 * Costs a given allocation of an order's lines to nodes by the routing cost model, as a
 * `RoutingPlan` (what-if checks, a planner's manual choice, comparing peers' rules). Every node must
 * be a candidate for the order; no line, stock, unit capacity or `maxShipments` may be exceeded.
 * Lines not allocated are backordered. Throws `ValidationError` (paths under `allocation` for a
 * broken rule).
 *
 * @example
 * ```ts
 * const plan = priceAllocation(order, nodes, stock, [{ node: 'store-3', line: 'l1', quantity: 2 }], policy, { today: '2026-03-27' })
 * plan.cost.total
 * ```
 */
export function priceAllocation(
  order: RoutableOrderInput,
  nodes: readonly RoutingNodeInput[],
  stock: RoutingStock,
  allocation: AllocationInput,
  policy: RoutingPolicyInput | undefined,
  context: RoutingContext,
): RoutingPlan {
  const where = 'priceAllocation';
  const { ex, policy: rules } = examineOrder(order, nodes, stock, policy, context, where);
  const given = parseArgument(Allocations, allocation, where, 'allocation');
  const lineIndex = new Map(ex.order.lines.map((l, i) => [l.id as string, i]));
  const routed = new Array<number>(ex.order.lines.length).fill(0);
  const taken = new Map<string, number>();
  const units = new Map<string, number>();
  const allocations: Allocation[] = given.map((a, i) => {
    const candidate = ex.candidates.find((c) => c.node.id === a.node);
    if (candidate === undefined) {
      const reasons = ex.trace.find((t) => t.node === a.node)?.reasons ?? ['not in the network'];
      invalid(where, ['allocation', i, 'node'], `node ${a.node} may not ship this order: ${reasons.join('; ')}`);
    }
    const line = lineIndex.get(a.line);
    if (line === undefined) invalid(where, ['allocation', i, 'line'], `the order has no line ${a.line}`);
    routed[line]! += a.quantity;
    if (routed[line]! > ex.order.lines[line]!.quantity) invalid(where, ['allocation', i, 'quantity'], `line ${a.line} is allocated beyond its quantity`);
    const s = ex.lineSku[line]!;
    const k = `${a.node}\u0000${s}`;
    taken.set(k, (taken.get(k) ?? 0) + a.quantity);
    if (taken.get(k)! > candidate.stock[s]!) invalid(where, ['allocation', i, 'quantity'], `node ${a.node} holds only ${candidate.stock[s]} of ${ex.skus[s]}`);
    units.set(a.node, (units.get(a.node) ?? 0) + a.quantity);
    if (units.get(a.node)! > candidate.capUnits) invalid(where, ['allocation', i, 'quantity'], `node ${a.node} can ship only ${candidate.capUnits} more units today`);
    return { candidate, line, qty: a.quantity };
  });
  if (rules.maxShipments !== undefined && units.size > rules.maxShipments) invalid(where, ['allocation'], `${units.size} shipments exceed maxShipments ${rules.maxShipments}`);
  return buildPlan(ex, rules, allocations, {
    rules: [`fulfilment ${rules.fulfilment}`, ...ex.notes, 'priced a given allocation'],
    search: { method: 'heuristic', explored: 0 },
    rejected: [],
  });
}
