import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  crostonForecast,
  forecastDemand,
  ForecastMethod,
  type ForecastPolicyInput,
  holtForecast,
  mase,
  movingAverageForecast,
  sbaForecast,
  sesForecast,
} from '../../src/inventory/forecast/index';

// Property tests of the forecasting engine; the module is imported from its folder (not yet wired
// into the package entry).

/** Whole units, or fractions to a millionth (no subnormals: a scale of 5e-324 makes any MASE overflow). */
const demand = fc.oneof(fc.nat({ max: 50 }), fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => Math.round(x * 1e6) / 1e6 + 0));
/** Mostly-zero demand, as intermittent series are. */
const sparse = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 20 }) });
const history = fc.oneof(fc.array(demand, { minLength: 1, maxLength: 60 }), fc.array(sparse, { minLength: 1, maxLength: 60 }));
const weight = fc.integer({ min: 1, max: 100 }).map((i) => i / 100);
const policy: fc.Arbitrary<ForecastPolicyInput> = fc.record(
  {
    methods: fc.uniqueArray(fc.constantFrom(...ForecastMethod.options), { minLength: 1 }),
    horizon: fc.integer({ min: 1, max: 10 }),
    window: fc.integer({ min: 1, max: 8 }),
    alpha: weight,
    beta: weight,
  },
  { requiredKeys: [] },
);
const RUNS = { numRuns: 150 };

describe('forecastDemand properties', () => {
  it('is deterministic: the same input gives a deep-equal result', () => {
    fc.assert(
      fc.property(history, policy, (h, p) => {
        expect(forecastDemand(h, p)).toEqual(forecastDemand([...h], { ...p }));
      }),
      RUNS,
    );
  });

  it('forecasts horizon periods, each finite and not negative', () => {
    fc.assert(
      fc.property(history, policy, (h, p) => {
        const result = forecastDemand(h, p);
        expect(result.forecast).toHaveLength(p.horizon ?? 12);
        for (const f of result.forecast) expect(Number.isFinite(f) && f >= 0 && !Object.is(f, -0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('chooses a scored candidate with no higher MASE (then MAE) than any other', () => {
    fc.assert(
      fc.property(history, policy, (h, p) => {
        const result = forecastDemand(h, p);
        const chosen = result.candidates.find((c) => c.outcome === 'chosen');
        if (!chosen?.metrics) return;
        for (const c of result.candidates) {
          if (!c.metrics) continue;
          const [a, b] = [chosen.metrics, c.metrics];
          if (a.mase !== null && b.mase !== null) expect(a.mase).toBeLessThanOrEqual(b.mase);
          else expect(a.mae!).toBeLessThanOrEqual(b.mae!);
        }
      }),
      RUNS,
    );
  });

  it('forecasts a constant history at the constant', () => {
    fc.assert(
      fc.property(demand, fc.integer({ min: 1, max: 40 }), policy, (c, n, p) => {
        const result = forecastDemand(Array.from({ length: n }, () => c), { ...p, methods: ['moving-average', 'ses', 'holt', 'croston'] });
        expect(result.forecast).toEqual(result.forecast.map(() => c));
      }),
      RUNS,
    );
  });
});

describe('per-method properties', () => {
  const runs = {
    'moving-average': (h: number[], a: number, _b: number, k: number) => movingAverageForecast(h, { window: Math.max(1, Math.round(a * 10)) }, k),
    ses: (h: number[], a: number, _b: number, k: number) => sesForecast(h, { alpha: a }, k),
    holt: (h: number[], a: number, b: number, k: number) => holtForecast(h, { alpha: a, beta: b }, k),
    croston: (h: number[], a: number, _b: number, k: number) => crostonForecast(h, { alpha: a }, k),
    sba: (h: number[], a: number, _b: number, k: number) => sbaForecast(h, { alpha: a }, k),
  };

  it.each(Object.entries(runs))('%s forecasts are finite and not negative', (_method, run) => {
    fc.assert(
      fc.property(fc.array(demand, { minLength: 2, maxLength: 60 }), weight, weight, fc.integer({ min: 1, max: 20 }), (h, a, b, k) => {
        const forecast = run(h, a, b, k);
        expect(forecast).toHaveLength(k);
        for (const f of forecast) expect(Number.isFinite(f) && f >= 0).toBe(true);
      }),
      RUNS,
    );
  });

  it.each(Object.entries(runs).filter(([m]) => m !== 'sba'))('%s forecasts a constant history at the constant, exactly', (_method, run) => {
    fc.assert(
      fc.property(demand, fc.integer({ min: 2, max: 40 }), weight, weight, (c, n, a, b) => {
        expect(run(Array.from({ length: n }, () => c), a, b, 3)).toEqual([c, c, c]);
      }),
      RUNS,
    );
  });

  it('sba forecasts a constant history at the constant × (1 − alpha/2), by design', () => {
    fc.assert(
      fc.property(demand, fc.integer({ min: 1, max: 40 }), weight, (c, n, a) => {
        expect(sbaForecast(Array.from({ length: n }, () => c), { alpha: a }, 1)[0]).toBeCloseTo(c * (1 - a / 2), 6);
      }),
      RUNS,
    );
  });
});

describe('MASE properties', () => {
  const varying = fc.array(demand, { minLength: 2, maxLength: 60 }).filter((h) => h.some((x) => x !== h[0]));

  it('the naive method scores exactly 1 in sample', () => {
    fc.assert(
      fc.property(varying, (h) => {
        expect(mase(h.slice(1), h.slice(0, -1), h)).toBeCloseTo(1, 9);
      }),
      RUNS,
    );
  });

  it('the naive method (moving average, window 1) scores |last − previous| / scale on a 1-period holdout', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 50 }), { minLength: 4, maxLength: 60 }), (h) => {
        const training = h.slice(0, -1);
        const scale = training.slice(1).reduce((s, y, i) => s + Math.abs(y - training[i]!), 0) / (training.length - 1);
        const result = forecastDemand(h, { methods: ['moving-average'], window: 1, holdout: 1, horizon: 1 });
        const expected = scale === 0 ? null : Math.abs(h.at(-1)! - h.at(-2)!) / scale;
        if (expected === null) expect(result.metrics.mase).toBeNull();
        else expect(result.metrics.mase).toBeCloseTo(expected, 9);
        expect(result.forecast).toEqual([h.at(-1)]);
      }),
      RUNS,
    );
  });

  it('is unit-free: scaling actuals, forecast and training together leaves it unchanged', () => {
    fc.assert(
      fc.property(varying, fc.integer({ min: 1, max: 1000 }), (h, k) => {
        const actual = h.slice(-3);
        const forecast = actual.map((_, i) => i);
        const scaled = mase(
          actual.map((x) => x * k),
          forecast.map((x) => x * k),
          h.map((x) => x * k),
        );
        const plain = mase(actual, forecast, h)!;
        expect(Math.abs(scaled! - plain)).toBeLessThanOrEqual(1e-9 * plain);
      }),
      RUNS,
    );
  });

  it('is null exactly when the training series is constant', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 10 }), (h) => {
        expect(mase([1], [0], h) === null).toBe(h.every((x) => x === h[0]));
      }),
      RUNS,
    );
  });
});
