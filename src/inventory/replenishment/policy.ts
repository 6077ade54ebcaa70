import { z } from 'zod';
import { Amount, CalendarDate, Quantity } from '../../domain/primitives';
import { Days, Level, MAX_DAYS, CycleServiceLevel } from './figures';

/** Fields every method shares. */
const common = {
  /** Probability of no stock-out in a cycle; sets z of the safety stock. */
  serviceLevel: CycleServiceLevel.default(0.95),
  /** Cost of placing one purchase order. 0 (the default) makes the EOQ 0: order what is needed. */
  orderingCost: Amount.default(0),
  /** Share of a unit's cost it costs to hold it one year. */
  holdingRate: z.number().min(1e-4).max(10).default(0.25),
  /** Orders and transfers move whole packs of this many units. */
  packSize: Quantity.default(1),
  /** The smallest purchase order, rounded up to whole packs. Transfers are not bound by it. */
  minOrderQuantity: Quantity.default(1),
  /** Fixes the safety stock instead of computing it. */
  safetyStock: Level.optional(),
  /** Fixes the reorder point instead of d·L + SS. */
  reorderPoint: Level.optional(),
  /** Also suggest orders that fall due within this many days from today (0: only what is due today). */
  horizonDays: z.number().int().min(0).max(MAX_DAYS).default(0),
};

/**
 * Continuous review (s, Q): when the inventory position is at or below the reorder point, order
 * max(EOQ, what lifts the position above the reorder point), rounded.
 *
 * @example
 * ```ts
 * ReorderPointPolicy.parse({ method: 'reorder-point', orderingCost: 50 })
 * ```
 */
export const ReorderPointPolicy = z.strictObject({
  method: z.literal('reorder-point'),
  ...common,
  /** Days between looks at the position; 0 for continuous review. Widens the safety stock. */
  reviewPeriodDays: Days.default(0),
});

/**
 * Min-max (s, S): when the inventory position is at or below `min`, order up to `max`. By default
 * min is the reorder point and max is min + EOQ; a `max` below `min` counts as `min`.
 *
 * @example
 * ```ts
 * MinMaxPolicy.parse({ method: 'min-max', min: 40, max: 120 })
 * ```
 */
export const MinMaxPolicy = z
  .strictObject({
    method: z.literal('min-max'),
    ...common,
    reviewPeriodDays: Days.default(0),
    min: Level.optional(),
    max: Level.optional(),
  })
  .refine((p) => p.min === undefined || p.max === undefined || p.max >= p.min, { message: 'max must not be below min', path: ['max'] });

/**
 * Periodic review (R, S): every `reviewPeriodDays`, order up to the target d·(L + R) + SS. Reviews
 * fall on `reviewAnchor` and every period before and after it; without an anchor, today is a
 * review day.
 *
 * @example
 * ```ts
 * PeriodicPolicy.parse({ method: 'periodic', reviewPeriodDays: 7, reviewAnchor: '2026-01-05' })
 * ```
 */
export const PeriodicPolicy = z.strictObject({
  method: z.literal('periodic'),
  ...common,
  reviewPeriodDays: z.number().int().min(1).max(MAX_DAYS).default(7),
  reviewAnchor: CalendarDate.optional(),
  /** Fixes the order-up-to level instead of d·(L + R) + SS. */
  target: Level.optional(),
});

/**
 * How one SKU at one node is replenished: data, chosen by `method`, with defaults for every field
 * but the method.
 *
 * @example
 * ```ts
 * const policy = ReplenishmentPolicy.parse({ method: 'min-max', serviceLevel: 0.98, packSize: 12 })
 * ```
 */
export const ReplenishmentPolicy = z.discriminatedUnion('method', [ReorderPointPolicy, MinMaxPolicy, PeriodicPolicy]);
/**
 * A replenishment policy with its defaults applied.
 *
 * @example
 * ```ts
 * const policy: ReplenishmentPolicy = ReplenishmentPolicy.parse({ method: 'periodic' })
 * ```
 */
export type ReplenishmentPolicy = z.infer<typeof ReplenishmentPolicy>;
/**
 * A replenishment policy as a caller writes it: defaults may be left out.
 *
 * @example
 * ```ts
 * const policy: ReplenishmentPolicyInput = { method: 'reorder-point', orderingCost: 50 }
 * ```
 */
export type ReplenishmentPolicyInput = z.input<typeof ReplenishmentPolicy>;
/**
 * The replenishment methods.
 *
 * @example
 * ```ts
 * const method: ReplenishmentMethod = 'min-max'
 * ```
 */
export type ReplenishmentMethod = ReplenishmentPolicy['method'];
