import type { ValueModel } from './value-model';

/** Prices of scarce units from the Lagrangian dual, and the bound they prove. */
export interface Prices {
  /** The prices with the lowest bound found. */
  readonly best: Float64Array;
  /** The mean of the prices over the second half of the iterations (often the better guide). */
  readonly average: Float64Array;
  /** The lowest Lagrangian value: no way of serving the competing items is worth more. */
  readonly bound: number;
  readonly iterations: number;
  /** The prices after each of the first `keep` steps. */
  readonly trail: readonly Float64Array[];
}

/**
 * Subgradient descent on the Lagrangian dual of the LP relaxation of the competing items:
 * L(λ) = Σ_s λ_s b_s + Σ_orders max(0, v − Σ_s a_s λ_s) + Σ_lines need × max(0, u − λ_s).
 * Every L(λ) with λ ≥ 0 bounds the best value from above. Steps follow Polyak's rule towards
 * `lower` (the value of a known solution), the step factor halving after 5 steps without a new
 * best. Prices start at `start`.
 */
export function lagrangianPrices(model: ValueModel, start: Float64Array, iterations: number, lower: number, keep = 0): Prices {
  const { p, scarceSkus, capacity, orderValue, entryStart, entrySku, entryUnits, lineSku, lineUnitValue, lineNeed } = model;
  const m = p.skus.length;
  const lambda = Float64Array.from(start);
  const best = Float64Array.from(start);
  const average = new Float64Array(m);
  const usage = new Float64Array(m);
  let bound = Number.POSITIVE_INFINITY;
  let theta = 2;
  let stale = 0;
  let averaged = 0;
  let done = 0;
  const trail: Float64Array[] = [];
  for (let it = 0; it < iterations; it++) {
    done = it + 1;
    let value = 0;
    for (let j = 0; j < scarceSkus.length; j++) {
      const s = scarceSkus[j]!;
      value += lambda[s]! * capacity[s]!;
      usage[s] = 0;
    }
    for (let q = 0; q < orderValue.length; q++) {
      const e0 = entryStart[q]!;
      const e1 = entryStart[q + 1]!;
      let reduced = orderValue[q]!;
      for (let e = e0; e < e1; e++) reduced -= entryUnits[e]! * lambda[entrySku[e]!]!;
      if (reduced <= 0) continue;
      value += reduced;
      for (let e = e0; e < e1; e++) usage[entrySku[e]!] = usage[entrySku[e]!]! + entryUnits[e]!;
    }
    for (let r = 0; r < lineSku.length; r++) {
      const s = lineSku[r]!;
      const reduced = lineUnitValue[r]! - lambda[s]!;
      if (reduced <= 0) continue;
      const need = lineNeed[r]!;
      value += need * reduced;
      usage[s] = usage[s]! + need;
    }
    if (bound === Number.POSITIVE_INFINITY || value < bound - 1e-12 * Math.abs(bound)) {
      bound = value;
      best.set(lambda);
      stale = 0;
    } else if (++stale >= 5) {
      theta /= 2;
      stale = 0;
    }
    let norm = 0;
    for (let j = 0; j < scarceSkus.length; j++) {
      const s = scarceSkus[j]!;
      let g = usage[s]! - capacity[s]!;
      if (lambda[s]! <= 0 && g < 0) g = 0;
      usage[s] = g;
      norm += g * g;
    }
    const gap = value - lower;
    if (norm === 0 || gap <= 1e-9 * Math.max(1, Math.abs(lower))) break;
    const step = (theta * gap) / norm;
    for (let j = 0; j < scarceSkus.length; j++) {
      const s = scarceSkus[j]!;
      lambda[s] = Math.max(0, lambda[s]! + step * usage[s]!);
    }
    if (trail.length < keep) trail.push(Float64Array.from(lambda));
    if (it >= iterations >> 1) {
      averaged++;
      for (let j = 0; j < scarceSkus.length; j++) average[scarceSkus[j]!] = average[scarceSkus[j]!]! + lambda[scarceSkus[j]!]!;
    }
  }
  if (averaged > 0) for (let j = 0; j < scarceSkus.length; j++) average[scarceSkus[j]!] = average[scarceSkus[j]!]! / averaged;
  else average.set(best);
  return { best, average, bound, iterations: done, trail };
}

/** Starting prices: the mean unit value, scaled by how short each scarce SKU is (1 − capacity / demand). */
export function startPrices(model: ValueModel): Float64Array {
  const { p, scarceSkus, capacity, entrySku, entryUnits, lineSku, lineNeed } = model;
  const demand = new Float64Array(p.skus.length);
  for (let e = 0; e < entrySku.length; e++) demand[entrySku[e]!] = demand[entrySku[e]!]! + entryUnits[e]!;
  for (let r = 0; r < lineSku.length; r++) demand[lineSku[r]!] = demand[lineSku[r]!]! + lineNeed[r]!;
  const lambda = new Float64Array(p.skus.length);
  for (let j = 0; j < scarceSkus.length; j++) {
    const s = scarceSkus[j]!;
    lambda[s] = demand[s]! > 0 ? model.unitValue * Math.max(0, 1 - capacity[s]! / demand[s]!) : 0;
  }
  return lambda;
}
