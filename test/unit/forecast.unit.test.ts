
import { describe, expect, it } from 'vitest';
import {
  crostonForecast,
  forecastDemand,
  ForecastPolicy,
  holtForecast,
  mae,
  mape,
  mase,
  movingAverageForecast,
  sbaForecast,
  sesForecast,
  SMOOTHING_GRID,
} from '../../src/inventory/forecast/index';
import { issuePaths } from '../support/validation';

// The forecast module is not wired into the package entry yet; tests import it from its folder.

const paths = issuePaths;

/** 40 periods on the line 10 + 3t, with a small repeating wobble. */
const TREND = Array.from({ length: 40 }, (_, t) => 10 + 3 * t + (((t * 7) % 5) - 2));
/** 4 units every fourth period, 40 periods, ending with a demand. */
const EVERY_FOURTH = Array.from({ length: 40 }, (_, t) => (t % 4 === 3 ? 4 : 0));

describe('moving average', () => {
  it('averages the last window periods, flat ahead', () => {
    expect(movingAverageForecast([4, 8, 6, 10], { window: 3 }, 2)).toEqual([8, 8]);
  });

  it('averages what exists when the window is longer than the history', () => {
    expect(movingAverageForecast([2, 4], { window: 5 }, 1)).toEqual([3]);
  });

  it('with window 1 repeats the last period (the naive method)', () => {
    expect(movingAverageForecast([3, 9, 7], { window: 1 }, 3)).toEqual([7, 7, 7]);
  });
});

describe('simple exponential smoothing', () => {
  it('alpha 0.5 on [10, 20, 30]: levels 10, 15, 22.5', () => {
    expect(sesForecast([10, 20, 30], { alpha: 0.5 }, 2)).toEqual([22.5, 22.5]);
  });

  it('alpha 0.2 on [4, 8, 6]: levels 4, 4.8, 5.04', () => {
    expect(sesForecast([4, 8, 6], { alpha: 0.2 }, 1)[0]).toBeCloseTo(5.04, 12);
  });

  it('alpha 1 is the last period', () => {
    expect(sesForecast([4, 8, 6], { alpha: 1 }, 1)).toEqual([6]);
  });
});

describe("Holt's linear trend", () => {
  it('alpha 0.5, beta 0.5 on [10, 12, 15, 15]', () => {
    // start: level 12, trend 2
    // t=2: predicted 14, level 14 + 0.5 × 1 = 14.5, trend 2 + 0.5 × (2.5 − 2) = 2.25
    // t=3: predicted 16.75, level 16.75 − 0.5 × 1.75 = 15.875, trend 2.25 + 0.5 × (1.375 − 2.25) = 1.8125
    expect(holtForecast([10, 12, 15, 15], { alpha: 0.5, beta: 0.5 }, 2)).toEqual([17.6875, 19.5]);
  });

  it('extends a straight line', () => {
    expect(holtForecast([1, 3, 5], { alpha: 0.5, beta: 0.5 }, 3)).toEqual([7, 9, 11]);
  });

  it('never forecasts negative demand on a falling trend', () => {
    // level 0, trend −5: −5 and −10 are cut to 0
    expect(holtForecast([10, 5, 0], { alpha: 0.5, beta: 0.5 }, 2)).toEqual([0, 0]);
  });
});

describe('Croston and SBA', () => {
  // demands 3 in period 1 and 6 in period 4; alpha 0.5
  // first demand: size 3, interval 2 (periods since the start); second: size 4.5, interval 2 + 0.5 × (3 − 2) = 2.5
  const history = [0, 3, 0, 0, 6, 0];

  it('Croston: size / interval', () => {
    expect(crostonForecast(history, { alpha: 0.5 }, 2)).toEqual([1.8, 1.8]);
  });

  it('SBA: Croston × (1 − alpha/2)', () => {
    expect(sbaForecast(history, { alpha: 0.5 }, 1)[0]).toBeCloseTo(1.35, 12);
  });

  it('a first demand in period 0 has interval 1', () => {
    expect(crostonForecast([4], { alpha: 0.3 }, 1)).toEqual([4]);
  });

  it('a history without demand forecasts 0', () => {
    expect(crostonForecast([0, 0, 0], { alpha: 0.2 }, 2)).toEqual([0, 0]);
    expect(sbaForecast([0, 0, 0], { alpha: 0.2 }, 1)).toEqual([0]);
  });
});

describe('metrics', () => {
  it('MAE is the mean absolute error', () => {
    expect(mae([10, 0, 4], [8, 1, 4])).toBe(1);
  });

  it('MAPE is in percent', () => {
    expect(mape([10, 20], [8, 25])).toBeCloseTo(22.5, 12);
  });

  it('MAPE is null as soon as an actual is 0', () => {
    expect(mape([10, 0, 5], [8, 1, 5])).toBeNull();
  });

  it('MASE scales by the naive in-sample error of the training series', () => {
    // training [1, 3, 2, 4]: naive errors 2, 1, 2 → scale 5/3; MAE of the forecast (1 + 2) / 2 = 1.5
    expect(mase([5, 2], [4, 4], [1, 3, 2, 4])).toBeCloseTo(1.5 / (5 / 3), 12);
  });

  it('MASE is null on a constant or one-period training series', () => {
    expect(mase([1], [0], [2, 2, 2])).toBeNull();
    expect(mase([1], [0], [2])).toBeNull();
  });

  it('refuses lists of different lengths, naming the field', () => {
    expect(paths(() => mae([1, 2], [1]))).toEqual([['forecast']]);
    expect(paths(() => mase([1], [1], []))).toEqual([['training']]);
  });
});

describe('fitting the smoothing weights', () => {
  it('the grid is 0.05 … 1 in steps of 0.05', () => {
    expect(SMOOTHING_GRID).toHaveLength(20);
    expect([SMOOTHING_GRID[0], SMOOTHING_GRID[9], SMOOTHING_GRID[19]]).toEqual([0.05, 0.5, 1]);
  });

  it('a step in the level is followed at once: ses fits alpha 1', () => {
    const step = [0, 0, 0, 0, 10, 10, 10, 10, 10, 10, 10, 10];
    expect(forecastDemand(step, { methods: ['ses'], horizon: 1 }).params).toEqual({ alpha: 1 });
  });

  it('a tie in the in-sample error goes to the first grid point', () => {
    // two periods: one error, |7 − 5|, whatever alpha is
    expect(forecastDemand([5, 7], { methods: ['ses'] }).params).toEqual({ alpha: 0.05 });
  });

  it('a fixed alpha is used as given and said so', () => {
    const result = forecastDemand(TREND, { methods: ['ses'], alpha: 0.3 });
    expect(result.params).toEqual({ alpha: 0.3 });
    expect(result.trace.some((line) => line.includes('fixed by the policy'))).toBe(true);
  });
});

describe('forecastDemand', () => {
  it('picks Holt on a clear trend and extends it', () => {
    const result = forecastDemand(TREND, { horizon: 4 });
    expect(result.method).toBe('holt');
    expect(result.holdout).toBe(4);
    expect(result.forecast).toHaveLength(4);
    expect(result.forecast[3]!).toBeGreaterThan(result.forecast[0]!);
    expect(result.forecast[0]!).toBeGreaterThan(TREND[39]! - 5);
    expect(result.candidates.map((c) => c.outcome)).toEqual(['lost', 'lost', 'chosen', 'lost', 'lost']);
    expect(result.candidates.find((c) => c.method === 'ses')?.reason).toMatch(/^lost to holt: MASE /);
    expect(result.metrics.mase).toBe(result.candidates.find((c) => c.method === 'holt')?.metrics?.mase);
  });

  it('picks the Croston family on clearly intermittent demand', () => {
    // holdout [0, 0, 0, 4, 0, 0, 0, 4]: Croston forecasts the mean, 1 (MAE 1.5); SBA slightly less
    const result = forecastDemand(EVERY_FOURTH, { horizon: 8 });
    expect(result.method).toBe('sba');
    expect(result.params).toEqual({ alpha: 0.05 });
    expect(result.forecast).toEqual(Array.from({ length: 8 }, () => 0.975));
    expect(result.metrics.mape).toBeNull();
    const croston = result.candidates.find((c) => c.method === 'croston')!;
    expect(croston.metrics?.mae).toBe(1.5);
    expect(croston.reason).toMatch(/^lost to sba/);
  });

  it('holds out min(horizon, ⌊n/4⌋) by default, or what the policy says', () => {
    expect(forecastDemand(TREND, { horizon: 12 }).holdout).toBe(10);
    expect(forecastDemand(TREND.slice(0, 4), { horizon: 12 }).holdout).toBe(1);
    expect(forecastDemand(TREND, { horizon: 12, holdout: 3 }).holdout).toBe(3);
  });

  it('ranks by MAE when MASE is undefined, then by method order', () => {
    const result = forecastDemand([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(result.method).toBe('moving-average');
    expect(result.forecast).toEqual(Array.from({ length: 12 }, () => 5));
    expect(result.candidates.find((c) => c.method === 'ses')?.reason).toMatch(/tie on MASE and MAE/);
    expect(result.candidates.find((c) => c.method === 'sba')?.reason).toMatch(/MASE undefined .* MAE/);
    expect(result.trace.some((line) => line.startsWith('MASE undefined'))).toBe(true);
  });

  it('a history under 4 periods has no holdout: the first method that runs is used', () => {
    const result = forecastDemand([5], { horizon: 2 });
    expect(result).toMatchObject({ method: 'moving-average', params: { window: 1 }, forecast: [5, 5], holdout: 0 });
    expect(result.metrics).toEqual({ mae: null, mape: null, mase: null });
    expect(result.candidates.find((c) => c.method === 'holt')).toMatchObject({ outcome: 'skipped', params: null, metrics: null });
    expect(result.trace[0]).toMatch(/fewer than 4: no holdout/);
    expect(result.trace.some((line) => line.includes('averaging what exists'))).toBe(true);
  });

  it('falls back to the moving average of what exists when no method of the policy can run', () => {
    const result = forecastDemand([7], { methods: ['holt'], horizon: 1 });
    expect(result).toMatchObject({ method: 'moving-average', forecast: [7] });
    expect(result.candidates).toEqual([expect.objectContaining({ method: 'holt', outcome: 'skipped' })]);
    expect(result.trace.some((line) => line.startsWith('fallback'))).toBe(true);
  });

  it('uses a method that cannot be scored when it runs on the whole history', () => {
    // holdout 2 leaves 1 training period: too few for holt, enough on all 3
    const result = forecastDemand([1, 3, 5], { methods: ['holt'], holdout: 2, horizon: 1 });
    expect(result.method).toBe('holt');
    expect(result.forecast).toEqual([7]);
  });

  it('fills the policy defaults', () => {
    expect(ForecastPolicy.parse({})).toEqual({ methods: ['moving-average', 'ses', 'holt', 'croston', 'sba'], horizon: 12, window: 3 });
  });
});

describe('bad input', () => {
  it('an empty history', () => {
    expect(paths(() => forecastDemand([]))).toEqual([['history']]);
  });

  it('negative and non-finite values, by index', () => {
    expect(paths(() => forecastDemand([1, -1, Number.POSITIVE_INFINITY, Number.NaN]))).toEqual([
      ['history', 1],
      ['history', 2],
      ['history', 3],
    ]);
  });

  it('a history longer than 100 000 periods', () => {
    expect(paths(() => forecastDemand(new Array<number>(100_001).fill(1)))).toEqual([['history']]);
  });

  it('a bad policy, field by field', () => {
    const policy = { methods: ['ses', 'ses', 'arima'], horizon: 0, window: 1.5, alpha: 0, beta: 2, extra: true };
    expect(paths(() => forecastDemand([1, 2, 3], policy as never))).toEqual(
      expect.arrayContaining([
        ['policy', 'methods', 2],
        ['policy', 'horizon'],
        ['policy', 'window'],
        ['policy', 'alpha'],
        ['policy', 'beta'],
        ['policy'],
      ]),
    );
    expect(paths(() => forecastDemand([1, 2, 3], { methods: ['ses', 'ses'] }))).toEqual([['policy', 'methods', 1]]);
  });

  it('a holdout that leaves nothing to train on', () => {
    expect(paths(() => forecastDemand([1, 2, 3], { holdout: 3 }))).toEqual([['policy', 'holdout']]);
  });

  it('the per-method functions check their arguments', () => {
    expect(paths(() => sesForecast([1, 2], { alpha: 1.5 }, 1))).toEqual([['params', 'alpha']]);
    expect(paths(() => holtForecast([1], { alpha: 0.5, beta: 0.5 }, 0))).toEqual([['history'], ['horizon']]);
    expect(paths(() => movingAverageForecast([1, -2], { window: 0 }, 1))).toEqual([['history', 1], ['params', 'window']]);
  });

  it('the error says where', () => {
    expect(() => forecastDemand([-1])).toThrow(/^forecastDemand: history\[0\]/);
  });
});
