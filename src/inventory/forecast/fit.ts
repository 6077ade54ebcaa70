import type { ForecastModel } from './model';
import type { ForecastParams, ForecastPolicy } from './policy';

/**
 * The parameters a model fits on a series, with the in-sample error that chose them.
 *
 * @example
 * ```ts
 * const fit: Fit<{ alpha: number }> = { params: { alpha: 0.3 }, mse: 4.2, searched: 20 }
 * ```
 */
export interface Fit<P extends ForecastParams> {
  readonly params: P;
  /** Mean squared one-step-ahead error of `params` on the series; null when no period had a prediction. */
  readonly mse: number | null;
  /** How many parameter sets were tried (1 when the policy fixed them). */
  readonly searched: number;
}

/**
 * Fits a model on `series` by grid search: every parameter set of `model.grid` is run, and the one
 * with the lowest mean squared one-step-ahead error wins; ties (and series too short to tell) go
 * to the earliest set in grid order. Deterministic.
 *
 * @example
 * ```ts
 * fitModel(ses, [10, 12, 11, 13], ForecastPolicy.parse({})).params // { alpha: … }
 * ```
 */
export function fitModel<P extends ForecastParams>(model: ForecastModel<P>, series: readonly number[], policy: ForecastPolicy): Fit<P> {
  const grid = model.grid(policy, series.length);
  let best: { params: P; mse: number | null } | undefined;
  for (const params of grid) {
    const { mse } = model.run(series, params, 0);
    if (best === undefined || (mse !== null && (best.mse === null || mse < best.mse))) best = { params, mse };
  }
  if (best === undefined) throw new Error(`${model.method}: empty parameter grid`);
  return { ...best, searched: grid.length };
}
