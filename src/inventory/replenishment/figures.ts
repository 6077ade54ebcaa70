import { z } from 'zod';

/**
 * The longest span in days any replenishment figure takes: lead times, review periods, horizons.
 *
 * @example
 * ```ts
 * Days.max(MAX_DAYS)
 * ```
 */
export const MAX_DAYS = 3650;
/**
 * Days in the year that converts daily demand into the annual demand of the EOQ.
 *
 * @example
 * ```ts
 * const annualDemand = demand.meanPerDay * DAYS_PER_YEAR
 * ```
 */
export const DAYS_PER_YEAR = 365;
/** The largest stock level a policy may fix (safety stock, reorder point, min, max, target). */
const MAX_LEVEL = 1e15;

/**
 * A span of days: finite, 0 to `MAX_DAYS`, fractions allowed.
 *
 * @example
 * ```ts
 * Days.parse(4.5) // 4.5
 * ```
 */
export const Days = z.number().min(0).max(MAX_DAYS);

/**
 * A stock level in units, fractions allowed (a reorder point of 12.5 orders at 12).
 *
 * @example
 * ```ts
 * Level.parse(12.5) // 12.5
 * ```
 */
export const Level = z.number().min(0).max(MAX_LEVEL);

/**
 * The probability of not running out during a replenishment cycle: 0.5 (no safety stock) up to,
 * not including, 1.
 *
 * @example
 * ```ts
 * CycleServiceLevel.parse(0.95) // 0.95
 * ```
 */
export const CycleServiceLevel = z.number().min(0.5).lt(1);

/**
 * Demand per day of one SKU at one node: its mean and standard deviation (0 when absent).
 *
 * @example
 * ```ts
 * DemandRate.parse({ meanPerDay: 20 }) // { meanPerDay: 20, sdPerDay: 0 }
 * ```
 */
export const DemandRate = z.strictObject({
  meanPerDay: z.number().min(0).max(1e9),
  sdPerDay: z.number().min(0).max(1e9).default(0),
});
/**
 * Demand per day, as parsed.
 *
 * @example
 * ```ts
 * const d: DemandRate = { meanPerDay: 20, sdPerDay: 5 }
 * ```
 */
export type DemandRate = z.infer<typeof DemandRate>;

/**
 * Days from ordering to receiving: mean and standard deviation (0 when absent).
 *
 * @example
 * ```ts
 * LeadTime.parse({ meanDays: 7, sdDays: 2 }) // { meanDays: 7, sdDays: 2 }
 * ```
 */
export const LeadTime = z.strictObject({ meanDays: Days, sdDays: Days.default(0) });
/**
 * A lead time, as parsed.
 *
 * @example
 * ```ts
 * const l: LeadTime = { meanDays: 7, sdDays: 2 }
 * ```
 */
export type LeadTime = z.infer<typeof LeadTime>;
