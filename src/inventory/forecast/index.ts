/**
 * Demand forecasting: moving average, simple exponential smoothing, Holt's linear trend, and
 * Croston and SBA for intermittent demand; MAE, MAPE and MASE; and `forecastDemand`, which picks a
 * method on a holdout and forecasts with it. Pure: no I/O, no clock, no randomness.
 *
 * @packageDocumentation
 */

export { forecastDemand, type DemandForecast, type ForecastCandidate } from './forecast-demand';
export {
  ForecastMethod,
  ForecastPolicy,
  type ForecastPolicyInput,
  type ForecastParams,
  DemandHistory,
  SmoothingWeight,
  ForecastHorizon,
  SMOOTHING_GRID,
} from './policy';
export { mae, mape, mase, type ForecastMetrics } from './metrics';
export { movingAverageForecast } from './moving-average';
export { sesForecast } from './ses';
export { holtForecast } from './holt';
export { crostonForecast, sbaForecast } from './croston';
