import { z } from 'zod';
import { MAX_PRIORITY } from './order';

/**
 * Pre-emption: an order the rule leaves short may take units that orders of lower priority hold
 * (their `holds`), when those are below `belowPriority` (any lower priority, when absent). Giving
 * the object turns it on unless `enabled` is false.
 *
 * @example
 * ```ts
 * PreemptionPolicy.parse({ belowPriority: 3 }) // { enabled: true, belowPriority: 3 }
 * ```
 */
export const PreemptionPolicy = z.strictObject({
  enabled: z.boolean().default(true),
  belowPriority: z.number().min(-MAX_PRIORITY).max(MAX_PRIORITY).optional(),
});
/**
 * A pre-emption policy with its defaults applied.
 *
 * @example
 * ```ts
 * const preemption: PreemptionPolicy = { enabled: true, belowPriority: 3 }
 * ```
 */
export type PreemptionPolicy = z.infer<typeof PreemptionPolicy>;

const common = { preemption: PreemptionPolicy.optional() };

/**
 * First in, first out: orders by `placedAt`, then by id.
 *
 * @example
 * ```ts
 * FifoPolicy.parse({ rule: 'fifo' })
 * ```
 */
export const FifoPolicy = z.strictObject({ rule: z.literal('fifo'), ...common });
/**
 * Priority tiers: higher `priority` first, first in, first out within a tier.
 *
 * @example
 * ```ts
 * PriorityPolicy.parse({ rule: 'priority', preemption: { belowPriority: 5 } })
 * ```
 */
export const PriorityPolicy = z.strictObject({ rule: z.literal('priority'), ...common });
/**
 * Earliest due date: earliest `promisedBy` first, orders without one last, then first in, first out.
 *
 * @example
 * ```ts
 * EddPolicy.parse({ rule: 'edd' })
 * ```
 */
export const EddPolicy = z.strictObject({ rule: z.literal('edd'), ...common });
/**
 * Fair share: each SKU's supply is split among the lines that want it in proportion to the units
 * they want (largest remainder, ties first in, first out). Ship-complete orders the split leaves
 * short get nothing, and their share goes back to the split.
 *
 * @example
 * ```ts
 * FairSharePolicy.parse({ rule: 'fair-share' })
 * ```
 */
export const FairSharePolicy = z.strictObject({ rule: z.literal('fair-share'), ...common });
/**
 * Maximise released value: which orders to serve so the value served is greatest (ship-complete
 * orders count only in full). A heuristic with a bound: Lagrangian prices for scarce SKUs, greedy
 * by value per priced unit, then drop-add improvement. `iterations` fixes the number of
 * subgradient price updates (by default 5–60, fewer on larger problems); `improve: false` skips the
 * improvement step.
 *
 * @example
 * ```ts
 * MaxValuePolicy.parse({ rule: 'max-value', iterations: 100 })
 * ```
 */
export const MaxValuePolicy = z.strictObject({
  rule: z.literal('max-value'),
  ...common,
  iterations: z.number().int().min(0).max(1_000).optional(),
  improve: z.boolean().default(true),
});
/**
 * A max-value policy with its defaults applied.
 *
 * @example
 * ```ts
 * const policy: MaxValuePolicy = MaxValuePolicy.parse({ rule: 'max-value' })
 * ```
 */
export type MaxValuePolicy = z.infer<typeof MaxValuePolicy>;

/**
 * How scarce stock is divided among orders: data, chosen by `rule`, with defaults for the rest.
 *
 * @example
 * ```ts
 * const policy = AllocationPolicy.parse({ rule: 'priority', preemption: { belowPriority: 5 } })
 * ```
 */
export const AllocationPolicy = z.discriminatedUnion('rule', [FifoPolicy, PriorityPolicy, EddPolicy, FairSharePolicy, MaxValuePolicy]);
/**
 * An allocation policy with its defaults applied.
 *
 * @example
 * ```ts
 * const policy: AllocationPolicy = AllocationPolicy.parse({ rule: 'max-value' })
 * ```
 */
export type AllocationPolicy = z.infer<typeof AllocationPolicy>;
/**
 * An allocation policy as a caller writes it: defaults may be left out.
 *
 * @example
 * ```ts
 * const policy: AllocationPolicyInput = { rule: 'fair-share' }
 * ```
 */
export type AllocationPolicyInput = z.input<typeof AllocationPolicy>;
/**
 * The allocation rules.
 *
 * @example
 * ```ts
 * const rule: AllocationRule = 'edd'
 * ```
 */
export type AllocationRule = AllocationPolicy['rule'];
