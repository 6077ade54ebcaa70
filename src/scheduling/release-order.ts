import { z } from 'zod';
import { NodeId, OrderId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { ReleaseSchedule, ServiceLevel } from '../domain/schedule';
import { uniqueIds } from './network';

/**
 * An order as release planning sees it: the node shipping it, its priority and service level, its
 * size (lines and units: lead time and throughput), where it goes (transit lanes), and the
 * schedule it had, if any (a re-plan says what moved).
 *
 * @example
 * ```ts
 * ReleaseOrder.parse({ id: 'o-1', node: 'hub', priority: 7, serviceLevel: 'sea', lines: 3, units: 40 })
 * ```
 */
export const ReleaseOrder = z.strictObject({
  id: OrderId,
  node: NodeId,
  priority: z.number().int().min(0).max(9).default(5),
  serviceLevel: ServiceLevel.default('standard'),
  lines: z.number().int().min(1).max(LIMITS.orderLines),
  units: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  destination: z.strictObject({ country: z.string().regex(/^[A-Z]{2}$/), postalCode: z.string().max(32).optional() }).optional(),
  schedule: ReleaseSchedule.optional(),
  /**
   * Already handed to the warehouse (its departure was cancelled or moved): it is only put on the
   * first departure it can still make, outside the throughput plan (its work is on the floor).
   */
  released: z.boolean().default(false),
});
/** A release order with defaults applied. */
export type ReleaseOrder = z.infer<typeof ReleaseOrder>;
/** A release order as the host writes it. */
export type ReleaseOrderInput = z.input<typeof ReleaseOrder>;

/** Release orders, each id once (issue path `[i, 'id']` names the repeat). */
export const ReleaseOrders = z.array(ReleaseOrder).max(1_000_000).superRefine(uniqueIds('order'));
