import { z } from 'zod';
import { parse } from '../../domain/parse';

// Acklam's rational approximation of the standard normal quantile: relative error below 1.15e-9
// over (0, 1). Coefficients from P. J. Acklam, "An algorithm for computing the inverse normal
// cumulative distribution function" (2003).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
/** Below this probability (and above 1 − it) the tail formula applies. */
const P_LOW = 0.02425;

/** A probability strictly between 0 and 1. */
const Probability = z.number().gt(0).lt(1);

/**
 * The standard normal quantile: the z with Φ(z) = p, for 0 < p < 1. Acklam's rational
 * approximation, accurate to about 1e-9. Throws `ValidationError` outside (0, 1).
 *
 * @example
 * ```ts
 * inverseNormalCdf(0.95) // 1.6448536…
 * ```
 */
export function inverseNormalCdf(p: number): number {
  return normalQuantile(parse(Probability, p, 'inverseNormalCdf'));
}

/** `inverseNormalCdf` without validation, for callers that checked `p` already. */
export function normalQuantile(p: number): number {
  if (p < P_LOW) return tail(p);
  if (p > 1 - P_LOW) return -tail(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (q * horner(A, r)) / (horner(B, r) * r + 1);
}

/** The lower-tail formula: the quantile of a small probability `p`. */
function tail(p: number): number {
  const q = Math.sqrt(-2 * Math.log(p));
  return horner(C, q) / (horner(D, q) * q + 1);
}

/** c₀xⁿ⁻¹ + … + cₙ₋₁ by Horner's rule. */
function horner(coefficients: readonly number[], x: number): number {
  let sum = 0;
  for (const c of coefficients) sum = sum * x + c;
  return sum;
}
