import { z } from 'zod';
import { parse } from '../../domain/parse';
import { Amount, Quantity } from '../../domain/primitives';
import { Days, DemandRate, Level, LeadTime, CycleServiceLevel } from './figures';
import { normalQuantile } from './normal';

/**
 * What `safetyStock` needs: the service level, demand per day, the lead time and the review
 * period (0 for continuous review).
 *
 * @example
 * ```ts
 * SafetyStockInput.parse({ serviceLevel: 0.95, demand: { meanPerDay: 20, sdPerDay: 5 }, leadTime: { meanDays: 4 } })
 * ```
 */
export const SafetyStockInput = z.strictObject({
  serviceLevel: CycleServiceLevel,
  demand: DemandRate,
  leadTime: LeadTime,
  reviewPeriodDays: Days.default(0),
});
/**
 * The input of `safetyStock`, before defaults.
 *
 * @example
 * ```ts
 * const i: SafetyStockInput = { serviceLevel: 0.95, demand: { meanPerDay: 20 }, leadTime: { meanDays: 4 } }
 * ```
 */
export type SafetyStockInput = z.input<typeof SafetyStockInput>;

/**
 * Safety stock against variable demand and lead time: z × √((L + R)·σd² + d²·σL²), where z is
 * the standard normal quantile of the service level, d and σd the mean and deviation of daily
 * demand, L and σL those of the lead time in days, and R the review period.
 *
 * @example
 * ```ts
 * // z(0.95) × √(4 × 5²) = 1.6449 × 10
 * safetyStock({ serviceLevel: 0.95, demand: { meanPerDay: 20, sdPerDay: 5 }, leadTime: { meanDays: 4 } }) // 16.4485…
 * ```
 */
export function safetyStock(input: SafetyStockInput): number {
  const { serviceLevel, demand, leadTime, reviewPeriodDays } = parse(SafetyStockInput, input, 'safetyStock');
  return safetyStockOf(serviceLevel, demand, leadTime, reviewPeriodDays);
}

/** `safetyStock` on parsed figures. */
export function safetyStockOf(serviceLevel: number, demand: DemandRate, leadTime: LeadTime, reviewPeriodDays: number): number {
  const exposure = (leadTime.meanDays + reviewPeriodDays) * demand.sdPerDay ** 2 + demand.meanPerDay ** 2 * leadTime.sdDays ** 2;
  return Math.max(0, normalQuantile(serviceLevel)) * Math.sqrt(exposure);
}

/**
 * What `reorderPoint` needs: mean daily demand, mean lead time and the safety stock.
 *
 * @example
 * ```ts
 * ReorderPointInput.parse({ demand: { meanPerDay: 20 }, leadTime: { meanDays: 4 }, safetyStock: 16 })
 * ```
 */
export const ReorderPointInput = z.strictObject({ demand: DemandRate, leadTime: LeadTime, safetyStock: Level });
/**
 * The input of `reorderPoint`, before defaults.
 *
 * @example
 * ```ts
 * const i: ReorderPointInput = { demand: { meanPerDay: 20 }, leadTime: { meanDays: 4 }, safetyStock: 16 }
 * ```
 */
export type ReorderPointInput = z.input<typeof ReorderPointInput>;

/**
 * The reorder point: demand over the mean lead time plus safety stock, d·L + SS.
 *
 * @example
 * ```ts
 * reorderPoint({ demand: { meanPerDay: 20 }, leadTime: { meanDays: 4 }, safetyStock: 16 }) // 96
 * ```
 */
export function reorderPoint(input: ReorderPointInput): number {
  const { demand, leadTime, safetyStock } = parse(ReorderPointInput, input, 'reorderPoint');
  return demand.meanPerDay * leadTime.meanDays + safetyStock;
}

/**
 * What `economicOrderQuantity` needs: annual demand in units, the cost of placing one order, the
 * unit cost and the yearly holding rate (the share of a unit's cost it costs to hold it a year).
 *
 * @example
 * ```ts
 * EoqInput.parse({ annualDemand: 7300, orderingCost: 50, unitCost: 10, holdingRate: 0.2 })
 * ```
 */
export const EoqInput = z.strictObject({
  annualDemand: z.number().min(0).max(1e12),
  orderingCost: Amount,
  unitCost: z.number().min(1e-6).max(1e12),
  holdingRate: z.number().min(1e-4).max(10),
});
/**
 * The input of `economicOrderQuantity`.
 *
 * @example
 * ```ts
 * const i: EoqInput = { annualDemand: 7300, orderingCost: 50, unitCost: 10, holdingRate: 0.2 }
 * ```
 */
export type EoqInput = z.input<typeof EoqInput>;

/**
 * The economic order quantity, √(2·D·S / H), with D the annual demand, S the ordering cost and
 * H = unit cost × holding rate the cost of holding one unit a year. Not rounded: see
 * `roundOrderQuantity`.
 *
 * @example
 * ```ts
 * // √(2 × 7300 × 50 / 2)
 * economicOrderQuantity({ annualDemand: 7300, orderingCost: 50, unitCost: 10, holdingRate: 0.2 }) // 604.15…
 * ```
 */
export function economicOrderQuantity(input: EoqInput): number {
  const { annualDemand, orderingCost, unitCost, holdingRate } = parse(EoqInput, input, 'economicOrderQuantity');
  return eoqOf(annualDemand, orderingCost, unitCost * holdingRate);
}

/** `economicOrderQuantity` on parsed figures, with the yearly holding cost of a unit. */
export function eoqOf(annualDemand: number, orderingCost: number, holdingCost: number): number {
  return Math.sqrt((2 * annualDemand * orderingCost) / holdingCost);
}

/**
 * How order quantities are rounded: to whole packs, and to no less than the minimum order
 * quantity (itself rounded up to whole packs). Both default to 1.
 *
 * @example
 * ```ts
 * OrderRounding.parse({ packSize: 12 }) // { packSize: 12, minOrderQuantity: 1 }
 * ```
 */
export const OrderRounding = z.strictObject({ packSize: Quantity.default(1), minOrderQuantity: Quantity.default(1) });
/**
 * How order quantities are rounded, before defaults.
 *
 * @example
 * ```ts
 * const r: OrderRounding = { packSize: 12, minOrderQuantity: 50 }
 * ```
 */
export type OrderRounding = z.input<typeof OrderRounding>;

/**
 * Rounds a wanted quantity up to whole packs and to at least the minimum order quantity; nothing
 * wanted (0 or less) stays 0.
 *
 * @example
 * ```ts
 * roundOrderQuantity(37, { packSize: 12 }) // 48
 * roundOrderQuantity(37, { packSize: 12, minOrderQuantity: 50 }) // 60
 * ```
 */
export function roundOrderQuantity(quantity: number, rounding: OrderRounding = {}): number {
  const wanted = parse(z.number(), quantity, 'roundOrderQuantity');
  const { packSize, minOrderQuantity } = parse(OrderRounding, rounding, 'roundOrderQuantity');
  return roundUpOrder(wanted, packSize, minOrderQuantity);
}

/** `roundOrderQuantity` on parsed figures. */
export function roundUpOrder(quantity: number, packSize: number, minOrderQuantity: number): number {
  if (!(quantity > 0)) return 0;
  return Math.ceil(Math.max(quantity, minOrderQuantity) / packSize) * packSize;
}
