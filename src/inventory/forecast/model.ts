import { z } from 'zod';
import { parse } from '../../domain/parse';
import { DemandHistory, type ForecastMethod, type ForecastParams, type ForecastPolicy, ForecastHorizon } from './policy';

/**
 * One method run over a series: the mean squared one-step-ahead error in sample (null when the
 * method predicted no period), the forecast of the next periods after the end (never negative),
 * and, when asked for, `fitted[t]`: the prediction of period t made from the periods before it
 * (null where the method had nothing to go on yet).
 *
 * @example
 * ```ts
 * ses.run([10, 20, 30], { alpha: 0.5 }, 2, true) // { mse: 162.5, forecast: [22.5, 22.5], fitted: [null, 10, 15] }
 * ```
 */
export interface MethodRun {
  readonly mse: number | null;
  readonly forecast: number[];
  readonly fitted?: readonly (number | null)[];
}

/**
 * A forecasting method as the selection sees it: how many periods it needs, the parameter sets to
 * try on a series under a policy (one set when nothing is fitted), and how to run it.
 *
 * @example
 * ```ts
 * const errors = model.grid(policy, series.length).map((p) => model.run(series, p, 0).mse)
 * ```
 */
export interface ForecastModel<P extends ForecastParams> {
  readonly method: ForecastMethod;
  readonly minLength: number;
  grid(policy: ForecastPolicy, length: number): P[];
  /** `keepFitted` adds the in-sample predictions; without it the run allocates nothing per period (the grid search runs it often). */
  run(series: readonly number[], params: P, horizon: number, keepFitted?: boolean): MethodRun;
}

/**
 * The weights to try for one smoothing weight: the fixed one, or the whole grid.
 *
 * @example
 * ```ts
 * weights(0.3, SMOOTHING_GRID) // [0.3]
 * ```
 */
export function weights(fixed: number | undefined, grid: readonly number[]): readonly number[] {
  return fixed === undefined ? grid : [fixed];
}

/**
 * A forecast is never negative (and never -0).
 *
 * @example
 * ```ts
 * nonNegative(-2.5) // 0
 * ```
 */
export function nonNegative(x: number): number {
  return x > 0 ? x : 0;
}

/**
 * Checks the arguments of a per-method forecast function, or throws a `ValidationError` with the
 * issue paths (`history`, `params.alpha`, `horizon` …).
 *
 * @example
 * ```ts
 * const args = methodArgs('sesForecast', z.strictObject({ alpha: SmoothingWeight }), 1, { history, params, horizon })
 * ```
 */
export function methodArgs<S extends z.ZodType>(
  where: string,
  params: S,
  minLength: number,
  input: { readonly history: readonly number[]; readonly params: unknown; readonly horizon: number },
): { history: number[]; params: z.infer<S>; horizon: number } {
  const schema = z.strictObject({
    history: DemandHistory.refine((h) => h.length >= minLength, { message: `needs at least ${minLength} periods` }),
    params,
    horizon: ForecastHorizon,
  });
  // zod cannot name the output of a generic shape; it is this one.
  return parse(schema, input, where) as { history: number[]; params: z.infer<S>; horizon: number };
}

/**
 * Collects one-step-ahead errors as a method walks its series: the squared errors' sum and count,
 * and the predictions themselves when kept.
 *
 * @example
 * ```ts
 * const errors = new OneStepErrors(false)
 * errors.skip(); errors.add(20, 10); errors.add(30, 15)
 * errors.run([22.5]) // { mse: 162.5, forecast: [22.5] }
 * ```
 */
export class OneStepErrors {
  private sum = 0;
  private count = 0;
  private readonly fitted: (number | null)[] | null;

  constructor(keepFitted = false) {
    this.fitted = keepFitted ? [] : null;
  }

  /** A period the method could not predict. */
  skip(): void {
    this.fitted?.push(null);
  }

  /** A period predicted as `predicted` that turned out `actual`. */
  add(actual: number, predicted: number): void {
    const e = actual - predicted;
    this.sum += e * e;
    this.count += 1;
    this.fitted?.push(predicted);
  }

  /** The run, with the forecast that follows the series. */
  run(forecast: number[]): MethodRun {
    const mse = this.count === 0 ? null : this.sum / this.count;
    return this.fitted ? { mse, forecast, fitted: this.fitted } : { mse, forecast };
  }
}

/**
 * The same value for every period ahead.
 *
 * @example
 * ```ts
 * flat(2.5, 3) // [2.5, 2.5, 2.5]
 * ```
 */
export function flat(value: number, horizon: number): number[] {
  return Array.from({ length: horizon }, () => value);
}
