import { z } from 'zod';
import { NodeId, type TenantId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import type { Node } from '../domain/network';
import { CalendarDate } from '../domain/primitives';
import { type NodeWorkload, own } from '../domain/state';
import { localDate } from '../domain/time';
import { capacityLeft, workloadOf } from '../network/workload';
import type { Store } from './ports';

/** Input of `getCapacity`. */
export const CapacityQuery = z.strictObject({
  nodes: z.array(NodeId).min(1).max(LIMITS.collection),
  /** The local day to read (`yyyy-mm-dd`); absent: each node's today, in its own zone. */
  day: CalendarDate.optional(),
});
export type CapacityQuery = z.input<typeof CapacityQuery>;

/** One node's day: what it may take, what is booked and what is left. */
export interface NodeCapacity {
  readonly node: NodeId;
  readonly day: string;
  /** The node's daily capacity; absent counters are unlimited. */
  readonly capacity: NonNullable<Node['dailyCapacity']> | Record<string, never>;
  readonly booked: NodeWorkload;
  /** Capacity less booked work, per limited counter (absent: unlimited). */
  readonly left: { readonly orders?: number; readonly units?: number };
}

/**
 * Reads nodes' daily capacity against the work routed to them: the figures routing checks. Unknown
 * nodes are left out.
 */
export async function readCapacity(store: Store, tenant: TenantId, q: z.infer<typeof CapacityQuery>, now: number): Promise<NodeCapacity[]> {
  const { nodes } = await store.load(tenant, { nodes: q.nodes });
  const days = q.nodes.flatMap((id) => {
    const node = own(nodes, id);
    return node ? [{ node, day: q.day ?? localDate(now, node.timeZone) }] : [];
  });
  const slice = await store.load(tenant, { workload: days.map(({ node, day }) => ({ node: node.id, day })) });
  return days.map(({ node, day }) => {
    const booked = workloadOf(slice, node.id, day);
    return { node: node.id, day, capacity: node.dailyCapacity ? { ...node.dailyCapacity } : {}, booked, left: capacityLeft(node, booked) };
  });
}
