/**
 * Days in the year that annual consumption is scaled to.
 *
 * @example
 * ```ts
 * profileDemand([2], 1).annualUnits // 2 × DAYS_PER_YEAR = 730
 * ```
 */
export const DAYS_PER_YEAR = 365;

/**
 * The figures of one demand history that the verdicts rest on. `historyDays` is periods ×
 * `periodDays`; `dailyDemand` is total units ÷ `historyDays`, `annualUnits` the same rate over
 * `DAYS_PER_YEAR` days. Mean and standard deviation are per period, the deviation the
 * **population** one (divided by the number of periods): the history is described as observed,
 * and one period gives 0 rather than no figure.
 *
 * @example
 * ```ts
 * const p: DemandProfile = profileDemand([5, 15], 1) // { totalUnits: 20, meanPerPeriod: 10, sdPerPeriod: 5, ... }
 * ```
 */
export interface DemandProfile {
  readonly periods: number;
  readonly periodDays: number;
  readonly historyDays: number;
  readonly totalUnits: number;
  readonly dailyDemand: number;
  readonly annualUnits: number;
  readonly meanPerPeriod: number;
  readonly sdPerPeriod: number;
}

/**
 * Sums and spreads a demand history (at least one period). Two passes, mean first, so the deviation
 * of a flat series is exactly 0.
 *
 * @example
 * ```ts
 * profileDemand([7, 0], 7).dailyDemand // 0.5
 * ```
 */
export function profileDemand(demand: readonly number[], periodDays: number): DemandProfile {
  const periods = demand.length;
  const historyDays = periods * periodDays;
  let totalUnits = 0;
  for (const units of demand) totalUnits += units;
  const meanPerPeriod = totalUnits / periods;
  let squares = 0;
  for (const units of demand) squares += (units - meanPerPeriod) ** 2;
  return {
    periods,
    periodDays,
    historyDays,
    totalUnits,
    dailyDemand: totalUnits / historyDays,
    annualUnits: (totalUnits * DAYS_PER_YEAR) / historyDays,
    meanPerPeriod,
    sdPerPeriod: Math.sqrt(squares / periods),
  };
}

/**
 * Demand in the last `days` days (today included). The window takes the last ⌈days ÷ periodDays⌉
 * periods, so with long periods it may reach a little further back than `days`: demand in the
 * oldest of them counts as demand in the window. `covered` says whether the history is that long;
 * when it is not, `units` sums the whole (shorter) history and `unitsPerDay` is null, since the
 * rest of the window is unknown.
 *
 * @example
 * ```ts
 * demandInWindow([4, 0, 0, 1], 7, 14) // { days: 14, periods: 2, spanDays: 14, covered: true, units: 1, unitsPerDay: 1/14 }
 * ```
 */
export function demandInWindow(demand: readonly number[], periodDays: number, days: number): WindowDemand {
  const periods = Math.ceil(days / periodDays);
  const covered = demand.length >= periods;
  let units = 0;
  for (let i = Math.max(0, demand.length - periods); i < demand.length; i += 1) units += demand[i]!;
  const spanDays = periods * periodDays;
  return { days, periods, spanDays, covered, units, unitsPerDay: covered ? units / spanDays : null };
}

/**
 * Demand in a look-back window: see `demandInWindow`. `spanDays` is the days the window's periods
 * cover (≥ `days`), the divisor of `unitsPerDay`.
 *
 * @example
 * ```ts
 * const w: WindowDemand = demandInWindow(history, 1, 90)
 * ```
 */
export interface WindowDemand {
  readonly days: number;
  readonly periods: number;
  readonly spanDays: number;
  readonly covered: boolean;
  readonly units: number;
  readonly unitsPerDay: number | null;
}
