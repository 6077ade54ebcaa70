import { z } from 'zod';
import { parse } from '../../domain/parse';
import { MAX_HISTORY } from './policy';

/**
 * How far a forecast was from what happened, on the holdout: `mae` in units, `mape` in percent,
 * `mase` as a ratio to the naive method's in-sample error. Each is null where it is undefined (see
 * `mae`, `mape`, `mase`); all three are null when there was no holdout to score on.
 *
 * @example
 * ```ts
 * const m: ForecastMetrics = { mae: 1.5, mape: null, mase: 0.75 }
 * ```
 */
export interface ForecastMetrics {
  readonly mae: number | null;
  readonly mape: number | null;
  readonly mase: number | null;
}

const Series = z.array(z.number()).min(1).max(MAX_HISTORY);
const Scored = z
  .strictObject({ actual: Series, forecast: Series })
  .refine((s) => s.actual.length === s.forecast.length, { message: 'must have as many values as actual', path: ['forecast'] });
const ScoredAgainst = z
  .strictObject({ actual: Series, forecast: Series, training: Series })
  .refine((s) => s.actual.length === s.forecast.length, { message: 'must have as many values as actual', path: ['forecast'] });

/**
 * Mean absolute error: the mean of |actual − forecast|, in units of demand. Throws a
 * `ValidationError` unless both are non-empty lists of finite numbers of the same length.
 *
 * @example
 * ```ts
 * mae([10, 0, 4], [8, 1, 4]) // 1
 * ```
 */
export function mae(actual: readonly number[], forecast: readonly number[]): number {
  const s = parse(Scored, { actual, forecast }, 'mae');
  return meanAbsoluteError(s.actual, s.forecast);
}

/**
 * Mean absolute percentage error, in percent: the mean of |actual − forecast| / actual × 100.
 * Convention: null as soon as any actual is 0 (the ratio is undefined there); zero periods are not
 * dropped, which would hide the error made on them. Intermittent demand therefore usually has no
 * MAPE; use `mase`.
 *
 * @example
 * ```ts
 * mape([10, 20], [8, 25]) // 22.5
 * mape([10, 0], [8, 1])   // null
 * ```
 */
export function mape(actual: readonly number[], forecast: readonly number[]): number | null {
  const s = parse(Scored, { actual, forecast }, 'mape');
  return meanAbsolutePercentageError(s.actual, s.forecast);
}

/**
 * Mean absolute scaled error: the forecast's MAE divided by the in-sample MAE of the one-step naive
 * method (each period predicted by the one before) on `training`. Below 1 beats that naive
 * method's in-sample error. Null when the scale is 0: a constant training series, or one of a
 * single period.
 *
 * @example
 * ```ts
 * // naive in-sample error of [2, 4, 3]: (|4 − 2| + |3 − 4|) / 2 = 1.5
 * mase([5, 1], [3, 3], [2, 4, 3]) // 2 / 1.5 = 1.333…
 * ```
 */
export function mase(actual: readonly number[], forecast: readonly number[], training: readonly number[]): number | null {
  const s = parse(ScoredAgainst, { actual, forecast, training }, 'mase');
  return meanAbsoluteScaledError(s.actual, s.forecast, s.training);
}

/**
 * All three metrics at once, for inputs already checked (same length, at least one value).
 *
 * @example
 * ```ts
 * scoreForecast([5, 1], [3, 3], [2, 4, 3]) // { mae: 2, mape: 120, mase: 1.333… }
 * ```
 */
export function scoreForecast(actual: readonly number[], forecast: readonly number[], training: readonly number[]): ForecastMetrics {
  return {
    mae: meanAbsoluteError(actual, forecast),
    mape: meanAbsolutePercentageError(actual, forecast),
    mase: meanAbsoluteScaledError(actual, forecast, training),
  };
}

/**
 * The scale of MASE: the mean of |y[t] − y[t−1]| over the series, 0 when it has one period.
 *
 * @example
 * ```ts
 * naiveScale([2, 4, 3]) // 1.5
 * ```
 */
export function naiveScale(training: readonly number[]): number {
  let sum = 0;
  for (let t = 1; t < training.length; t++) sum += Math.abs(training[t]! - training[t - 1]!);
  return training.length < 2 ? 0 : sum / (training.length - 1);
}

function meanAbsoluteError(actual: readonly number[], forecast: readonly number[]): number {
  let sum = 0;
  for (let t = 0; t < actual.length; t++) sum += Math.abs(actual[t]! - forecast[t]!);
  return sum / actual.length;
}

function meanAbsolutePercentageError(actual: readonly number[], forecast: readonly number[]): number | null {
  let sum = 0;
  for (let t = 0; t < actual.length; t++) {
    const a = actual[t]!;
    if (a === 0) return null;
    sum += Math.abs((a - forecast[t]!) / a);
  }
  return (sum / actual.length) * 100;
}

function meanAbsoluteScaledError(actual: readonly number[], forecast: readonly number[], training: readonly number[]): number | null {
  const scale = naiveScale(training);
  return scale === 0 ? null : meanAbsoluteError(actual, forecast) / scale;
}
