import { DAYS_PER_YEAR } from './figures';
import { eoqOf, safetyStockOf } from './formulas';
import type { ReplenishmentItem } from './item';
import type { ReplenishmentPolicy } from './policy';

/**
 * The stock levels a policy sets for one item: safety stock, reorder point, EOQ, the level that
 * triggers an order, the level an order fills up to, and the ceiling above which the item has
 * stock to give another node.
 */
export interface Levels {
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly economicOrderQuantity: number;
  /** An order falls due when the position is at or below this; absent for periodic review. */
  readonly trigger: number | undefined;
  /** Orders fill the position up to this (min-max's max, periodic's target); absent for reorder-point. */
  readonly orderUpTo: number | undefined;
  /**
   * The level a giver keeps: stock above it may be transferred to another node. Reorder-point:
   * ROP + EOQ; min-max: max; periodic: target, at least the reorder point. For the two trigger
   * methods it is always above the trigger, so giving never makes the giver due for its own order.
   */
  readonly ceiling: number;
}

/** The levels `policy` sets for `item`, from the formulas or the policy's fixed figures. */
export function levelsOf(item: ReplenishmentItem, policy: ReplenishmentPolicy): Levels {
  const { demand, leadTime } = item;
  const safetyStock =
    policy.safetyStock ?? item.safety ?? safetyStockOf(policy.serviceLevel, demand, leadTime, policy.reviewPeriodDays);
  const reorderPoint = policy.reorderPoint ?? demand.meanPerDay * leadTime.meanDays + safetyStock;
  const economicOrderQuantity = eoqOf(demand.meanPerDay * DAYS_PER_YEAR, policy.orderingCost, item.unitCost * policy.holdingRate);
  const base = { safetyStock, reorderPoint, economicOrderQuantity };
  switch (policy.method) {
    case 'reorder-point':
      return { ...base, trigger: reorderPoint, orderUpTo: undefined, ceiling: Math.max(reorderPoint + economicOrderQuantity, Math.floor(reorderPoint) + 1) };
    case 'min-max': {
      const min = policy.min ?? reorderPoint;
      const max = Math.max(min, policy.max ?? min + economicOrderQuantity);
      return { ...base, trigger: min, orderUpTo: max, ceiling: Math.max(max, Math.floor(min) + 1) };
    }
    case 'periodic': {
      const target = policy.target ?? demand.meanPerDay * (leadTime.meanDays + policy.reviewPeriodDays) + safetyStock;
      return { ...base, trigger: undefined, orderUpTo: target, ceiling: Math.ceil(Math.max(target, reorderPoint)) };
    }
  }
}
