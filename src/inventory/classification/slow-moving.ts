import { demandInWindow, type WindowDemand } from './demand';

/**
 * What the stock-age verdicts know about one item: units on hand, demand history, and how many
 * days ago it last moved and was first stocked (null when the item does not say).
 *
 * @example
 * ```ts
 * const h: StockHistory = { onHand: 12, demand: [0, 0, 1], periodDays: 30, daysSinceMovement: 75, daysStocked: null }
 * ```
 */
export interface StockHistory {
  readonly onHand: number;
  readonly demand: readonly number[];
  readonly periodDays: number;
  readonly daysSinceMovement: number | null;
  readonly daysStocked: number | null;
}

/**
 * Whether stock is slow-moving, with the figures behind it. Two rules, either flags stock on hand:
 * `noMovement`, no receipt or shipment in the window (`lastMovementOn` at least `windowDays` ago);
 * `lowDemand`, demand over the window averaging at most `maxUnitsPerDay`. A rule is null when the
 * item lacks the data for it: no `lastMovementOn`, or a history shorter than the window that does
 * not already exceed the rate.
 *
 * @example
 * ```ts
 * // { flagged: true, windowDays: 90, maxUnitsPerDay: 0, noMovement: null, lowDemand: true, daysSinceMovement: null, demand: { units: 0, ... } }
 * ```
 */
export interface SlowMovingVerdict {
  readonly flagged: boolean;
  readonly windowDays: number;
  readonly maxUnitsPerDay: number;
  readonly daysSinceMovement: number | null;
  readonly demand: WindowDemand;
  readonly noMovement: boolean | null;
  readonly lowDemand: boolean | null;
}

/**
 * Decides whether stock is slow-moving over the last `days` days (see `SlowMovingVerdict`). No
 * stock is never slow-moving.
 *
 * @example
 * ```ts
 * assessSlowMoving({ onHand: 5, demand: Array(90).fill(0), periodDays: 1, daysSinceMovement: 10, daysStocked: null }, { days: 90, maxUnitsPerDay: 0 }).flagged // true
 * ```
 */
export function assessSlowMoving(
  history: StockHistory,
  policy: { readonly days: number; readonly maxUnitsPerDay: number },
): SlowMovingVerdict {
  const demand = demandInWindow(history.demand, history.periodDays, policy.days);
  const noMovement = history.daysSinceMovement === null ? null : history.daysSinceMovement >= policy.days;
  const lowDemand =
    demand.unitsPerDay !== null
      ? demand.unitsPerDay <= policy.maxUnitsPerDay
      : // A short history that already beats the rate settles it; otherwise the rest is unknown.
        demand.units > policy.maxUnitsPerDay * demand.spanDays
        ? false
        : null;
  return {
    flagged: history.onHand > 0 && (noMovement === true || lowDemand === true),
    windowDays: policy.days,
    maxUnitsPerDay: policy.maxUnitsPerDay,
    daysSinceMovement: history.daysSinceMovement,
    demand,
    noMovement,
    lowDemand,
  };
}
