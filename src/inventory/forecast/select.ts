import { croston, sba } from './croston';
import { fitModel } from './fit';
import { holt } from './holt';
import { type ForecastMetrics, scoreForecast } from './metrics';
import type { ForecastModel } from './model';
import { movingAverage } from './moving-average';
import type { ForecastMethod, ForecastParams, ForecastPolicy } from './policy';
import { ses } from './ses';

/**
 * Every method's model, by name.
 *
 * @example
 * ```ts
 * MODELS.holt.minLength // 2
 * ```
 */
export const MODELS: { readonly [M in ForecastMethod]: ForecastModel<ForecastParams> } = {
  'moving-average': movingAverage,
  ses,
  holt,
  croston,
  sba,
};

/**
 * A method fitted on the training part and scored on the holdout (`metrics` null without one).
 *
 * @example
 * ```ts
 * const s: Scored = { method: 'ses', order: 1, params: { alpha: 0.2 }, metrics, note: 'alpha fitted …' }
 * ```
 */
export interface Scored {
  readonly method: ForecastMethod;
  /** Position in the policy's method list: the last tie-break. */
  readonly order: number;
  readonly params: ForecastParams;
  readonly metrics: ForecastMetrics | null;
  /** How the parameters were found, for the trace. */
  readonly note: string;
}

/**
 * Fits `method` on `training` and scores its forecast of the `actual` periods that follow.
 *
 * @example
 * ```ts
 * evaluate('ses', 1, [3, 5, 4, 6], [5], policy) // { method: 'ses', params: { alpha: … }, metrics: { mae: …, … } … }
 * ```
 */
export function evaluate(
  method: ForecastMethod,
  order: number,
  training: readonly number[],
  actual: readonly number[],
  policy: ForecastPolicy,
): Scored {
  const model = MODELS[method];
  const fit = fitModel(model, training, policy);
  const forecast = model.run(training, fit.params, actual.length).forecast;
  return {
    method,
    order,
    params: fit.params,
    metrics: actual.length === 0 ? null : scoreForecast(actual, forecast, training),
    note: describeFit(method, fit.params, fit.searched, fit.mse, policy),
  };
}

/**
 * Orders scored candidates best first: lower MASE, then lower MAE, then earlier in the policy's
 * method list. MASE is null for all or none of them (it shares one scale), so null compares equal.
 *
 * @example
 * ```ts
 * [...scored].sort(byScore)[0] // the winner
 * ```
 */
export function byScore(a: Scored, b: Scored): number {
  const ma = a.metrics;
  const mb = b.metrics;
  if (ma?.mase != null && mb?.mase != null && ma.mase !== mb.mase) return ma.mase - mb.mase;
  if (ma?.mae != null && mb?.mae != null && ma.mae !== mb.mae) return ma.mae - mb.mae;
  return a.order - b.order;
}

/**
 * Why `loser` ranked below `winner`, in words.
 *
 * @example
 * ```ts
 * lossReason(ses, croston) // 'lost to croston: MASE 0.912 > 0.85'
 * ```
 */
export function lossReason(loser: Scored, winner: Scored): string {
  const l = loser.metrics;
  const w = winner.metrics;
  if (l?.mase != null && w?.mase != null && l.mase !== w.mase) return `lost to ${winner.method}: MASE ${num(l.mase)} > ${num(w.mase)}`;
  if (l?.mae != null && w?.mae != null && l.mae !== w.mae) {
    const why = l.mase === null ? 'MASE undefined (constant training part)' : 'same MASE';
    return `lost to ${winner.method}: ${why}, MAE ${num(l.mae)} > ${num(w.mae)}`;
  }
  return `lost to ${winner.method}: tie on MASE and MAE, ${winner.method} comes first in the method list`;
}

/**
 * The parameters in words.
 *
 * @example
 * ```ts
 * describeParams({ alpha: 0.1, beta: 0.05 }) // 'alpha 0.1, beta 0.05'
 * ```
 */
export function describeParams(params: ForecastParams): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${num(v as number)}`)
    .join(', ');
}

/**
 * A number for the trace: six significant digits, `n/a` for null.
 *
 * @example
 * ```ts
 * num(2 / 3) // '0.666667'
 * ```
 */
export function num(x: number | null): string {
  return x === null ? 'n/a' : String(Number(x.toPrecision(6)));
}

function describeFit(method: ForecastMethod, params: ForecastParams, searched: number, mse: number | null, policy: ForecastPolicy): string {
  if (method === 'moving-average') {
    return params.window === policy.window ? `window ${policy.window}` : `window ${params.window}: the policy's ${policy.window} is longer than the series, averaging what exists`;
  }
  const how = searched > 1 ? `fitted on ${searched} grid points, in-sample MSE ${num(mse)}` : 'fixed by the policy';
  return `${describeParams(params)} ${how}`;
}
