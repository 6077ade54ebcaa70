import { demandInWindow, type WindowDemand } from './demand';
import type { StockHistory } from './slow-moving';

/**
 * Whether stock is obsolete, with the figures behind it. `noDemand`: none in the window, known
 * from a history that covers it, or from `lastMovementOn` at least `windowDays` ago (no shipment
 * since) when the history is shorter; any demand the history shows in the window makes it false,
 * and it is null when neither settles it. `stockedLongEnough`: first stocked at least `windowDays`
 * ago, null when the item does not say (the condition is then waived).
 *
 * @example
 * ```ts
 * // { flagged: true, windowDays: 365, noDemand: true, stockedLongEnough: null, daysSinceMovement: 400, daysStocked: null, demand: { units: 0, ... } }
 * ```
 */
export interface ObsoleteVerdict {
  readonly flagged: boolean;
  readonly windowDays: number;
  readonly daysSinceMovement: number | null;
  readonly daysStocked: number | null;
  readonly demand: WindowDemand;
  readonly noDemand: boolean | null;
  readonly stockedLongEnough: boolean | null;
}

/**
 * Decides whether stock is obsolete: stock on hand, no demand in the last `days` days, and (when
 * known) stocked for at least that long (see `ObsoleteVerdict`).
 *
 * @example
 * ```ts
 * assessObsolete({ onHand: 5, demand: [0], periodDays: 1, daysSinceMovement: 400, daysStocked: 900 }, { days: 365 }).flagged // true
 * ```
 */
export function assessObsolete(history: StockHistory, policy: { readonly days: number }): ObsoleteVerdict {
  const demand = demandInWindow(history.demand, history.periodDays, policy.days);
  const quietSinceMovement = history.daysSinceMovement !== null && history.daysSinceMovement >= policy.days;
  const noDemand = demand.units > 0 ? false : demand.covered || quietSinceMovement ? true : null;
  const stockedLongEnough = history.daysStocked === null ? null : history.daysStocked >= policy.days;
  return {
    flagged: history.onHand > 0 && noDemand === true && stockedLongEnough !== false,
    windowDays: policy.days,
    daysSinceMovement: history.daysSinceMovement,
    daysStocked: history.daysStocked,
    demand,
    noDemand,
    stockedLongEnough,
  };
}
