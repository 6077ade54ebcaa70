import { z } from 'zod';
import { type ForecastModel, methodArgs, type MethodRun, nonNegative, OneStepErrors, weights } from './model';
import { SMOOTHING_GRID, SmoothingWeight } from './policy';

const Params = z.strictObject({ alpha: SmoothingWeight, beta: SmoothingWeight });

/**
 * Holt's linear trend as the selection runs it: alpha and beta fixed by the policy or fitted on
 * every pair of `SMOOTHING_GRID`. Needs two periods.
 *
 * @example
 * ```ts
 * holt.run([1, 3, 5], { alpha: 0.5, beta: 0.5 }, 1, true) // { mse: 0, forecast: [7], fitted: [null, null, 5] }
 * ```
 */
export const holt: ForecastModel<{ readonly alpha: number; readonly beta: number }> = {
  method: 'holt',
  minLength: 2,
  grid: (policy) =>
    weights(policy.alpha, SMOOTHING_GRID).flatMap((alpha) => weights(policy.beta, SMOOTHING_GRID).map((beta) => ({ alpha, beta }))),
  run: runHolt,
};

/**
 * Holt's linear trend: a level and a trend, started from the first two periods (level = second
 * period, trend = their difference), then each smoothed toward the data (level by `alpha`, trend by
 * `beta`). The forecast h periods ahead is level + h × trend, cut at 0: a falling trend forecasts
 * no demand, never negative demand. Needs at least 2 periods.
 *
 * @example
 * ```ts
 * holtForecast([1, 3, 5], { alpha: 0.5, beta: 0.5 }, 2) // [7, 9]
 * ```
 */
export function holtForecast(
  history: readonly number[],
  params: { readonly alpha: number; readonly beta: number },
  horizon: number,
): number[] {
  const args = methodArgs('holtForecast', Params, 2, { history, params, horizon });
  return runHolt(args.history, args.params, args.horizon).forecast;
}

function runHolt(
  series: readonly number[],
  params: { readonly alpha: number; readonly beta: number },
  horizon: number,
  keepFitted = false,
): MethodRun {
  const { alpha, beta } = params;
  const errors = new OneStepErrors(keepFitted);
  errors.skip();
  errors.skip();
  let level = series[1]!;
  let trend = series[1]! - series[0]!;
  for (let t = 2; t < series.length; t++) {
    const predicted = level + trend;
    errors.add(series[t]!, nonNegative(predicted));
    // Error-correction form: a series that stays on its line leaves level and trend exactly as they are.
    const previous = level;
    level = predicted + alpha * (series[t]! - predicted);
    trend += beta * (level - previous - trend);
  }
  return errors.run(Array.from({ length: horizon }, (_, h) => nonNegative(level + (h + 1) * trend)));
}
