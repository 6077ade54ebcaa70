import type { NodeId } from '../domain/ids';
import type { Node } from '../domain/network';
import { type FulfillmentState, type NodeWorkload, own } from '../domain/state';

const NONE: NodeWorkload = { orders: 0, units: 0 };

/**
 * Orders and units booked at a node on one local day (zero when nothing was booked).
 *
 * @example
 * ```ts
 * workloadOf(state, 'berlin', '2026-03-27') // { orders: 12, units: 40 }
 * ```
 */
export function workloadOf(state: FulfillmentState, node: NodeId, day: string): NodeWorkload {
  const byDay = own(state.workload, node);
  return (byDay ? own(byDay, day) : undefined) ?? NONE;
}

/**
 * What a node can still take on a day: its daily capacity less the work booked. A counter the
 * node does not limit is absent (no limit), never `Infinity`, so the figure stays JSON.
 *
 * @example
 * ```ts
 * capacityLeft(node, { orders: 398, units: 1_200 }) // { orders: 2, units: 800 } for a 400 / 2,000 node
 * ```
 */
export function capacityLeft(node: Pick<Node, 'dailyCapacity'>, booked: NodeWorkload): { orders?: number; units?: number } {
  const cap = node.dailyCapacity;
  if (!cap) return {};
  return {
    ...(cap.orders === undefined ? {} : { orders: Math.max(0, cap.orders - booked.orders) }),
    ...(cap.units === undefined ? {} : { units: Math.max(0, cap.units - booked.units) }),
  };
}

/** A change of one node's workload on one day, with the capacity it was decided within. */
export interface WorkloadChange {
  readonly node: NodeId;
  readonly day: string;
  readonly orders: number;
  readonly units: number;
  /** The capacity the decision checked; a counter that grows must stay within it. */
  readonly limit?: { readonly orders?: number; readonly units?: number };
}

/**
 * The rule every store checks when it applies a workload change: no counter below zero, and a
 * counter that grows stays within the limit the decision was made against. Returns why it fails.
 *
 * @example
 * ```ts
 * workloadGuardFailure({ orders: 401, units: 10 }, { node, day, orders: 1, units: 2, limit: { orders: 400 } })
 * // 'orders 401 over the capacity of 400'
 * ```
 */
export function workloadGuardFailure(next: NodeWorkload, change: WorkloadChange): string | undefined {
  if (next.orders < 0 || next.units < 0) return `workload below zero (${next.orders} orders, ${next.units} units)`;
  for (const counter of ['orders', 'units'] as const) {
    const limit = change.limit?.[counter];
    if (change[counter] > 0 && limit !== undefined && next[counter] > limit) return `${counter} ${next[counter]} over the capacity of ${limit}`;
  }
  return undefined;
}
