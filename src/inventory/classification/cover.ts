import type { DemandProfile } from './demand';

/**
 * Days of cover with the figures behind it. `daysOfCover` is on hand ÷ average daily demand over
 * the whole history; it is 0 with no stock (`no-stock`, whatever the demand) and null, meaning
 * unbounded, when there is stock but no demand (`no-demand`).
 *
 * @example
 * ```ts
 * // { onHand: 30, dailyDemand: 2, daysOfCover: 15, reason: 'covered' }
 * ```
 */
export interface CoverFigures {
  readonly onHand: number;
  readonly dailyDemand: number;
  readonly daysOfCover: number | null;
  readonly reason: 'covered' | 'no-stock' | 'no-demand';
}

/**
 * How many days the stock on hand lasts at the average daily demand of the history.
 *
 * @example
 * ```ts
 * daysOfCover(30, profileDemand([1, 3], 1)).daysOfCover // 15
 * ```
 */
export function daysOfCover(onHand: number, profile: DemandProfile): CoverFigures {
  const { dailyDemand } = profile;
  if (onHand <= 0) return { onHand, dailyDemand, daysOfCover: 0, reason: 'no-stock' };
  if (profile.totalUnits <= 0) return { onHand, dailyDemand, daysOfCover: null, reason: 'no-demand' };
  // Multiplied before dividing: exact whenever the true figure is a whole number.
  return { onHand, dailyDemand, daysOfCover: (onHand * profile.historyDays) / profile.totalUnits, reason: 'covered' };
}

/**
 * Excess stock with the figures behind it: `coverUnits` is `coverDays` of average daily demand,
 * `excessUnits` what is on hand beyond it (all of it when there is no demand), `excessValue` those
 * units at unit value. Flagged when `excessUnits` > 0, i.e. when days of cover exceed `coverDays`.
 *
 * @example
 * ```ts
 * // { flagged: true, coverDays: 180, coverUnits: 180, excessUnits: 20, excessValue: 50 }
 * ```
 */
export interface ExcessVerdict {
  readonly flagged: boolean;
  readonly coverDays: number;
  readonly coverUnits: number;
  readonly excessUnits: number;
  readonly excessValue: number;
}

/**
 * Finds the units on hand beyond `coverDays` days of average daily demand.
 *
 * @example
 * ```ts
 * assessExcess(200, 2.5, profileDemand([1], 1), 180) // { flagged: true, coverUnits: 180, excessUnits: 20, excessValue: 50, ... }
 * ```
 */
export function assessExcess(onHand: number, unitValue: number, profile: DemandProfile, coverDays: number): ExcessVerdict {
  const coverUnits = (coverDays * profile.totalUnits) / profile.historyDays;
  const excessUnits = Math.max(0, onHand - coverUnits);
  return { flagged: excessUnits > 0, coverDays, coverUnits, excessUnits, excessValue: excessUnits * unitValue };
}
