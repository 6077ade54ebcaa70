import { z } from 'zod';
import { type ForecastModel, flat, methodArgs, type MethodRun, nonNegative, OneStepErrors } from './model';

const Params = z.strictObject({ window: z.number().int().min(1).max(100_000) });

/**
 * The moving average as the selection runs it. A window longer than the series averages what
 * exists; so do the first `window` in-sample predictions.
 *
 * @example
 * ```ts
 * movingAverage.run([1, 2, 3, 4], { window: 2 }, 1, true) // { mse: 1.833…, forecast: [3.5], fitted: [null, 1, 1.5, 2.5] }
 * ```
 */
export const movingAverage: ForecastModel<{ readonly window: number }> = {
  method: 'moving-average',
  minLength: 1,
  grid: (policy, length) => [{ window: Math.min(policy.window, length) }],
  run: runMovingAverage,
};

/**
 * Forecasts `horizon` periods as the mean of the last `window` periods of `history` (all of them
 * when there are fewer), the same value for every period ahead. With `window: 1` this is the naive
 * method: the last period repeated.
 *
 * @example
 * ```ts
 * movingAverageForecast([4, 8, 6, 10], { window: 3 }, 2) // [8, 8]
 * ```
 */
export function movingAverageForecast(history: readonly number[], params: { readonly window: number }, horizon: number): number[] {
  const args = methodArgs('movingAverageForecast', Params, 1, { history, params, horizon });
  return runMovingAverage(args.history, args.params, args.horizon).forecast;
}

function runMovingAverage(series: readonly number[], params: { readonly window: number }, horizon: number, keepFitted = false): MethodRun {
  const k = params.window;
  const errors = new OneStepErrors(keepFitted);
  errors.skip();
  // In sample: a running sum of the window (its rounding drift is far below any demand unit).
  let sum = 0;
  for (let t = 1; t < series.length; t++) {
    sum += series[t - 1]!;
    if (t > k) sum -= series[t - 1 - k]!;
    errors.add(series[t]!, nonNegative(sum / Math.min(k, t)));
  }
  return errors.run(flat(nonNegative(windowMean(series, Math.max(0, series.length - k))), horizon));
}

/** The mean from `from` to the end, updated incrementally so that equal values average to themselves exactly. */
function windowMean(series: readonly number[], from: number): number {
  let mean = 0;
  for (let i = from; i < series.length; i++) mean += (series[i]! - mean) / (i - from + 1);
  return mean;
}
