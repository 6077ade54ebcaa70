import { z } from 'zod';
import type { ValidationIssue } from '../domain/errors';
import { ChannelId, SkuId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { Units } from '../domain/primitives';

/** Most SKUs one supply names. */
export const MAX_SKUS = 1_000_000;

/**
 * The pool being divided: available units per SKU (one node's ATP, or the network's). A SKU it
 * does not name has none.
 *
 * @example
 * ```ts
 * const supply = Supply.parse({ tee: 40, mug: 0 })
 * ```
 */
export const Supply = z.preprocess(
  (value, ctx) => {
    // zod's record drops a `__proto__` key silently; refuse it with its path instead.
    if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
      ctx.addIssue({ code: 'custom', message: 'reserved key __proto__', path: ['__proto__'], input: value });
    }
    return value;
  },
  z.record(SkuId, Units).refine((r) => Object.keys(r).length <= MAX_SKUS, { message: `at most ${MAX_SKUS} SKUs` }),
);
/**
 * Available units per SKU.
 *
 * @example
 * ```ts
 * const supply: Supply = { tee: 40 } as Supply
 * ```
 */
export type Supply = Readonly<Record<SkuId, number>>;
/**
 * Available units per SKU as a caller writes them.
 *
 * @example
 * ```ts
 * const supply: SupplyInput = { tee: 40 }
 * ```
 */
export type SupplyInput = Readonly<Record<string, number>>;

/**
 * Channel ring-fences: units of a SKU only that channel may take. They are part of the supply;
 * the rest of the supply is shared by every channel. A channel takes from its fence first.
 *
 * @example
 * ```ts
 * ChannelQuota.parse({ marketplace: { tee: 10 } })
 * ```
 */
export const ChannelQuota = z
  .record(ChannelId, Supply)
  .refine((r) => Object.keys(r).length <= LIMITS.collection, { message: `at most ${LIMITS.collection} channels` });
/**
 * Ring-fenced units per channel and SKU.
 *
 * @example
 * ```ts
 * const quota: ChannelQuota = ChannelQuota.parse({ marketplace: { tee: 10 } })
 * ```
 */
export type ChannelQuota = z.infer<typeof ChannelQuota>;

/**
 * Options of `allocate`: the channels' ring-fences within the supply.
 *
 * @example
 * ```ts
 * AllocateOptions.parse({ channelQuota: { marketplace: { tee: 10 } } })
 * ```
 */
export const AllocateOptions = z.strictObject({ channelQuota: ChannelQuota.optional() });
/**
 * Options of `allocate`, as a caller writes them.
 *
 * @example
 * ```ts
 * const options: AllocateOptionsInput = { channelQuota: { marketplace: { tee: 10 } } }
 * ```
 */
export interface AllocateOptionsInput {
  readonly channelQuota?: Readonly<Record<string, SupplyInput>>;
}

/** Ring-fences must fit in the supply: Σ over channels of a SKU's fences ≤ its supply. */
export function quotaIssues(supply: SupplyInput, quota: AllocateOptionsInput['channelQuota']): ValidationIssue[] {
  if (quota === undefined) return [];
  const fenced = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  for (const channel of Object.keys(quota)) {
    const fences = quota[channel]!;
    for (const sku of Object.keys(fences)) {
      const total = (fenced.get(sku) ?? 0) + fences[sku]!;
      fenced.set(sku, total);
      const available = Object.hasOwn(supply, sku) ? supply[sku]! : 0;
      if (total > available) {
        issues.push({
          path: ['options', 'channelQuota', channel, sku],
          message: `ring-fences of ${sku} add up to ${total}, more than its supply ${available}`,
          code: 'custom',
        });
      }
    }
  }
  return issues;
}
