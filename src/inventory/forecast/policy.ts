import { z } from 'zod';

/**
 * Longest demand history a forecast accepts (periods).
 *
 * @example
 * ```ts
 * history.length <= MAX_HISTORY
 * ```
 */
export const MAX_HISTORY = 100_000;
/** Furthest a forecast looks ahead (periods). */
const MAX_HORIZON = 1_000;

/**
 * The forecasting methods, in the order that breaks ties between them:
 * `moving-average` (mean of the last `window` periods), `ses` (simple exponential smoothing),
 * `holt` (Holt's linear trend), `croston` (Croston's method for intermittent demand) and `sba`
 * (the Syntetos–Boylan approximation: Croston × (1 − alpha/2)).
 *
 * @example
 * ```ts
 * ForecastMethod.parse('croston') // 'croston'
 * ```
 */
export const ForecastMethod = z.enum(['moving-average', 'ses', 'holt', 'croston', 'sba']);
export type ForecastMethod = z.infer<typeof ForecastMethod>;

/**
 * Demand per period, oldest first: 1 to 100 000 finite, non-negative numbers (fractions allowed).
 *
 * @example
 * ```ts
 * DemandHistory.parse([0, 3, 0, 0, 6]) // [0, 3, 0, 0, 6]
 * ```
 */
export const DemandHistory = z.array(z.number().min(0).max(Number.MAX_SAFE_INTEGER)).min(1).max(MAX_HISTORY);

/**
 * A smoothing weight (alpha or beta): greater than 0, at most 1.
 *
 * @example
 * ```ts
 * SmoothingWeight.parse(0.2) // 0.2
 * ```
 */
export const SmoothingWeight = z.number().gt(0).max(1);

/**
 * How many periods ahead to forecast: 1 to 1 000.
 *
 * @example
 * ```ts
 * ForecastHorizon.parse(12) // 12
 * ```
 */
export const ForecastHorizon = z.number().int().min(1).max(MAX_HORIZON);

/**
 * The grid the smoothing weights are fitted on when the policy fixes none: 0.05, 0.10, … 1.00
 * (twenty steps of 0.05). Holt searches every (alpha, beta) pair of it, 400 in all. The weight
 * chosen minimises the mean squared one-step-ahead error on the series it is fitted to; a tie goes
 * to the earlier grid point (the smaller alpha, then the smaller beta).
 *
 * @example
 * ```ts
 * SMOOTHING_GRID[0] // 0.05
 * ```
 */
export const SMOOTHING_GRID: readonly number[] = Array.from({ length: 20 }, (_, i) => (i + 1) / 20);

const ALL_METHODS: ForecastMethod[] = [...ForecastMethod.options];

/**
 * How `forecastDemand` works: the methods it tries, how far it looks ahead, how much of the end of
 * the history it holds out to score them, the moving-average window, and optional fixed smoothing
 * weights (`alpha` for ses, holt, croston and sba; `beta` for holt's trend). Without them the
 * weights are fitted on `SMOOTHING_GRID`. `holdout` defaults to min(horizon, ⌊n/4⌋) for a history
 * of n periods (none below 4 periods); a given one must leave at least one period for training.
 *
 * @example
 * ```ts
 * ForecastPolicy.parse({ methods: ['croston', 'sba'], horizon: 4 })
 * // { methods: ['croston', 'sba'], horizon: 4, window: 3 }
 * ```
 */
export const ForecastPolicy = z.strictObject({
  methods: z
    .array(ForecastMethod)
    .min(1)
    .max(ALL_METHODS.length)
    .superRefine((methods, ctx) => {
      methods.forEach((m, i) => {
        if (methods.indexOf(m) !== i) ctx.addIssue({ code: 'custom', message: `${m} is listed twice`, path: [i], input: m });
      });
    })
    .default(ALL_METHODS),
  horizon: ForecastHorizon.default(12),
  holdout: z.number().int().min(1).max(MAX_HISTORY - 1).optional(),
  window: z.number().int().min(1).max(MAX_HISTORY).default(3),
  alpha: SmoothingWeight.optional(),
  beta: SmoothingWeight.optional(),
});
export type ForecastPolicy = z.infer<typeof ForecastPolicy>;

/**
 * A forecast policy as a host writes it: every field optional, defaults filled in by the schema.
 *
 * @example
 * ```ts
 * const policy: ForecastPolicyInput = { horizon: 6, alpha: 0.1 }
 * ```
 */
export type ForecastPolicyInput = z.input<typeof ForecastPolicy>;

/**
 * The parameters of a fitted method: `window` for moving-average, `alpha` for ses, croston and sba,
 * `alpha` and `beta` for holt.
 *
 * @example
 * ```ts
 * const params: ForecastParams = { alpha: 0.3, beta: 0.1 }
 * ```
 */
export interface ForecastParams {
  readonly window?: number;
  readonly alpha?: number;
  readonly beta?: number;
}
