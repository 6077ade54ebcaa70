import { z } from 'zod';
import { type ForecastModel, flat, methodArgs, type MethodRun, nonNegative, OneStepErrors, weights } from './model';
import { SMOOTHING_GRID, SmoothingWeight } from './policy';

const Params = z.strictObject({ alpha: SmoothingWeight });

/**
 * Simple exponential smoothing as the selection runs it: alpha fixed by the policy or fitted on
 * `SMOOTHING_GRID`.
 *
 * @example
 * ```ts
 * ses.run([10, 20, 30], { alpha: 0.5 }, 1, true) // { mse: 162.5, forecast: [22.5], fitted: [null, 10, 15] }
 * ```
 */
export const ses: ForecastModel<{ readonly alpha: number }> = {
  method: 'ses',
  minLength: 1,
  grid: (policy) => weights(policy.alpha, SMOOTHING_GRID).map((alpha) => ({ alpha })),
  run: runSes,
};

/**
 * Simple exponential smoothing: the level starts at the first period and moves toward each new
 * one by `alpha` of the gap (level += alpha × (demand − level)); every period ahead is forecast at
 * the last level. Suits demand without trend.
 *
 * @example
 * ```ts
 * sesForecast([10, 20, 30], { alpha: 0.5 }, 2) // [22.5, 22.5]: levels 10, 15, 22.5
 * ```
 */
export function sesForecast(history: readonly number[], params: { readonly alpha: number }, horizon: number): number[] {
  const args = methodArgs('sesForecast', Params, 1, { history, params, horizon });
  return runSes(args.history, args.params, args.horizon).forecast;
}

function runSes(series: readonly number[], params: { readonly alpha: number }, horizon: number, keepFitted = false): MethodRun {
  const { alpha } = params;
  const errors = new OneStepErrors(keepFitted);
  errors.skip();
  let level = series[0]!;
  for (let t = 1; t < series.length; t++) {
    errors.add(series[t]!, nonNegative(level));
    // Error-correction form: a period equal to the level leaves it exactly as it is.
    level += alpha * (series[t]! - level);
  }
  return errors.run(flat(nonNegative(level), horizon));
}
