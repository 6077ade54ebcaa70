import { z } from 'zod';
import { type ForecastModel, flat, methodArgs, type MethodRun, nonNegative, OneStepErrors, weights } from './model';
import { SMOOTHING_GRID, SmoothingWeight } from './policy';

const Params = z.strictObject({ alpha: SmoothingWeight });
type Alpha = { readonly alpha: number };

/**
 * Croston's method as the selection runs it: alpha fixed by the policy or fitted on
 * `SMOOTHING_GRID`.
 *
 * @example
 * ```ts
 * croston.run([0, 3, 0, 0, 6], { alpha: 0.5 }, 1).forecast // [1.8]
 * ```
 */
export const croston: ForecastModel<Alpha> = {
  method: 'croston',
  minLength: 1,
  grid: (policy) => weights(policy.alpha, SMOOTHING_GRID).map((alpha) => ({ alpha })),
  run: (series, params, horizon, keepFitted) => runCroston(series, params.alpha, 1, horizon, keepFitted),
};

/**
 * The Syntetos–Boylan approximation as the selection runs it: Croston × (1 − alpha/2).
 *
 * @example
 * ```ts
 * sba.run([0, 3, 0, 0, 6], { alpha: 0.5 }, 1).forecast // [1.35]
 * ```
 */
export const sba: ForecastModel<Alpha> = {
  method: 'sba',
  minLength: 1,
  grid: (policy) => weights(policy.alpha, SMOOTHING_GRID).map((alpha) => ({ alpha })),
  run: (series, params, horizon, keepFitted) => runCroston(series, params.alpha, 1 - params.alpha / 2, horizon, keepFitted),
};

/**
 * Croston's method for intermittent demand: smooths the size of the non-zero demands and the
 * number of periods between them separately, each by `alpha`, and updates both only in periods
 * with demand. The first demand sets the size, and the interval to the periods since the start of
 * the history (a first demand in period 0 gives interval 1). The forecast, the same for every
 * period ahead, is size / interval: the mean demand per period. A history without demand forecasts 0.
 *
 * @example
 * ```ts
 * // demands 3 (period 1) and 6 (period 4): size 3 → 4.5, interval 2 → 2.5
 * crostonForecast([0, 3, 0, 0, 6, 0], { alpha: 0.5 }, 2) // [1.8, 1.8]
 * ```
 */
export function crostonForecast(history: readonly number[], params: Alpha, horizon: number): number[] {
  const args = methodArgs('crostonForecast', Params, 1, { history, params, horizon });
  return runCroston(args.history, args.params.alpha, 1, args.horizon).forecast;
}

/**
 * The Syntetos–Boylan approximation (SBA): Croston's forecast × (1 − alpha/2), which removes most
 * of Croston's upward bias on intermittent demand. On demand in every period it is that much below
 * the mean.
 *
 * @example
 * ```ts
 * sbaForecast([0, 3, 0, 0, 6, 0], { alpha: 0.5 }, 1) // [1.35]: 1.8 × 0.75
 * ```
 */
export function sbaForecast(history: readonly number[], params: Alpha, horizon: number): number[] {
  const args = methodArgs('sbaForecast', Params, 1, { history, params, horizon });
  return runCroston(args.history, args.params.alpha, 1 - args.params.alpha / 2, args.horizon).forecast;
}

function runCroston(series: readonly number[], alpha: number, factor: number, horizon: number, keepFitted = false): MethodRun {
  const errors = new OneStepErrors(keepFitted);
  let size = 0;
  let interval = 0;
  let seen = false;
  let since = 0; // periods since the last demand, counting the current one
  for (let t = 0; t < series.length; t++) {
    const y = series[t]!;
    if (seen) errors.add(y, nonNegative((factor * size) / interval));
    else errors.skip();
    since += 1;
    if (y <= 0) continue;
    if (seen) {
      // Error-correction form, as in ses: equal sizes and intervals leave the estimates exact.
      size += alpha * (y - size);
      interval += alpha * (since - interval);
    } else {
      size = y;
      interval = since;
      seen = true;
    }
    since = 0;
  }
  return errors.run(flat(seen ? nonNegative((factor * size) / interval) : 0, horizon));
}
