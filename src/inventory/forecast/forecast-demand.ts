import { z } from 'zod';
import { parse } from '../../domain/parse';
import { fitModel } from './fit';
import type { ForecastMetrics } from './metrics';
import { DemandHistory, type ForecastMethod, type ForecastParams, ForecastPolicy, type ForecastPolicyInput } from './policy';
import { byScore, describeParams, evaluate, lossReason, MODELS, num, type Scored } from './select';

/**
 * One method `forecastDemand` considered: its parameters fitted on the training part, its error on
 * the holdout, and why it was chosen, lost or skipped. `params` and `metrics` are null for a
 * skipped method; `metrics` is null when there was no holdout.
 *
 * @example
 * ```ts
 * // { method: 'ses', params: { alpha: 0.1 }, metrics: { mae: 1.2, mape: null, mase: 0.93 },
 * //   outcome: 'lost', reason: 'lost to croston: MASE 0.93 > 0.88' }
 * ```
 */
export interface ForecastCandidate {
  readonly method: ForecastMethod;
  readonly params: ForecastParams | null;
  readonly metrics: ForecastMetrics | null;
  readonly outcome: 'chosen' | 'lost' | 'skipped';
  readonly reason: string;
}

/**
 * The result of `forecastDemand`: the chosen method with its parameters refitted on the whole
 * history, the forecast for the next `horizon` periods (never negative), the chosen method's error
 * on the holdout (all null without one), every candidate, and a trace of how it was decided.
 *
 * @example
 * ```ts
 * const { method, forecast, metrics } = forecastDemand(history, { horizon: 4 })
 * ```
 */
export interface DemandForecast {
  readonly method: ForecastMethod;
  readonly params: ForecastParams;
  readonly forecast: number[];
  readonly metrics: ForecastMetrics;
  /** Periods held out at the end of the history to score the candidates (0: none). */
  readonly holdout: number;
  readonly candidates: ForecastCandidate[];
  readonly trace: string[];
}

const ForecastRequest = z
  .strictObject({ history: DemandHistory, policy: ForecastPolicy })
  .superRefine((r, ctx) => {
    if (r.policy.holdout !== undefined && r.policy.holdout >= r.history.length) {
      ctx.addIssue({
        code: 'custom',
        message: `must leave at least one period to train on: the history has ${r.history.length}`,
        path: ['policy', 'holdout'],
        input: r.policy.holdout,
      });
    }
  });

const NO_METRICS: ForecastMetrics = { mae: null, mape: null, mase: null };

/**
 * Forecasts demand for the next `horizon` periods from a history of demand per period (oldest
 * first). Each method of the policy is fitted on the history less its last `holdout` periods and
 * scored on them; the one with the lowest MASE wins (ties: lower MAE, then the policy's method
 * order), is refitted on the whole history and forecasts. A history under 4 periods has no
 * holdout: the first method in the policy's order that can run is used. A method that needs more
 * periods than there are is skipped; when none can run, the moving average of what exists is used.
 * Pure and deterministic. Throws a `ValidationError` (paths under `history` and `policy`) for an
 * empty history, a negative or non-finite value, or a bad policy.
 *
 * @example
 * ```ts
 * forecastDemand([12, 15, 17, 21, 22, 26, 29, 31, 34, 36, 40, 41], { horizon: 3 })
 * // { method: 'holt', params: { alpha: 0.15, beta: 1 }, forecast: [44.3…, 46.8…, 49.4…],
 * //   metrics: { mae: 0.755…, mape: 1.92…, mase: 0.275… }, holdout: 3, candidates: [ … ], trace: [ … ] }
 * ```
 */
export function forecastDemand(history: readonly number[], policy?: ForecastPolicyInput): DemandForecast {
  const request = parse(ForecastRequest, { history, policy: policy ?? {} }, 'forecastDemand');
  const series = request.history;
  const p = request.policy;
  const n = series.length;
  const holdout = p.holdout ?? (n >= 4 ? Math.min(p.horizon, Math.floor(n / 4)) : 0);
  const training = series.slice(0, n - holdout);
  const actual = series.slice(n - holdout);
  const trace = [
    holdout === 0
      ? `history: ${n} periods, fewer than 4: no holdout, candidates are fitted but not scored`
      : `history: ${n} periods; training on the first ${training.length}, scoring on the last ${holdout}${p.holdout === undefined ? ' (min of horizon and a quarter of the history)' : ' (set by the policy)'}`,
  ];

  const scored: Scored[] = [];
  const skipped = new Map<ForecastMethod, string>();
  p.methods.forEach((method, order) => {
    const need = MODELS[method].minLength;
    if (training.length < need) {
      const reason = `skipped: needs at least ${need} periods to fit, ${holdout === 0 ? 'the history' : 'the training part'} has ${training.length}`;
      skipped.set(method, reason);
      trace.push(`${method}: ${reason}`);
      return;
    }
    const s = evaluate(method, order, training, actual, p);
    scored.push(s);
    trace.push(`${method}: ${s.note}${s.metrics ? `; holdout MAE ${num(s.metrics.mae)}, MAPE ${num(s.metrics.mape)}, MASE ${num(s.metrics.mase)}` : ''}`);
  });

  const { winner, why } = choose(scored, p.methods, n, holdout, trace);
  const refit = fitModel(MODELS[winner], series, p);
  const forecast = MODELS[winner].run(series, refit.params, p.horizon).forecast;
  trace.push(`refit ${winner} on all ${n} periods: ${describeParams(refit.params)}; forecast ${p.horizon} periods at ${num(forecast[0] ?? 0)}${forecast.length > 1 && forecast[forecast.length - 1] !== forecast[0] ? ` … ${num(forecast[forecast.length - 1]!)}` : ''}`);

  const best = scored.find((s) => s.method === winner);
  const candidates = p.methods.map((method): ForecastCandidate => {
    const s = scored.find((c) => c.method === method);
    const outcome = method === winner ? 'chosen' : s ? 'lost' : 'skipped';
    const reason =
      method === winner
        ? why
        : (skipped.get(method) ?? (s?.metrics && best?.metrics ? lossReason(s, best) : `not scored (no holdout); ${winner} comes first in the method list`));
    return { method, params: s?.params ?? null, metrics: s?.metrics ?? null, outcome, reason };
  });
  return { method: winner, params: refit.params, forecast, metrics: best?.metrics ?? NO_METRICS, holdout, candidates, trace };
}

/** Picks the winner: the best scored candidate, else the first method that runs on the whole history, else the moving average. */
function choose(
  scored: readonly Scored[],
  methods: readonly ForecastMethod[],
  n: number,
  holdout: number,
  trace: string[],
): { winner: ForecastMethod; why: string } {
  const ranked = scored.filter((s) => s.metrics !== null).sort(byScore);
  const top = ranked[0];
  if (top?.metrics) {
    const m = top.metrics;
    if (m.mase === null) trace.push('MASE undefined: the training part is constant or one period long (its naive one-step error is 0); ranked by MAE');
    const why = m.mase === null ? `chosen: lowest holdout MAE ${num(m.mae)}` : `chosen: lowest holdout MASE ${num(m.mase)}`;
    trace.push(`${why.replace('chosen', `chosen ${top.method}`)} of ${ranked.length} scored`);
    return { winner: top.method, why };
  }
  const runnable = methods.find((method) => MODELS[method].minLength <= n);
  if (runnable) {
    const why = holdout === 0 ? 'chosen: first method in the list that runs (no holdout to score on)' : `chosen: no method could be scored; first in the list that runs on all ${n} periods`;
    trace.push(why.replace('chosen', `chosen ${runnable}`));
    return { winner: runnable, why };
  }
  const why = `fallback: none of ${methods.join(', ')} runs on ${n} periods; moving average of what exists`;
  trace.push(why);
  return { winner: 'moving-average', why };
}
