import type { DemandProfile } from './demand';

/**
 * An XYZ class: X steady demand, Y fluctuating, Z erratic or none.
 *
 * @example
 * ```ts
 * const steady: XyzClass = 'X'
 * ```
 */
export type XyzClass = 'X' | 'Y' | 'Z';

/**
 * Why an item got its XYZ class: its coefficient of variation was at most `x` (`cv-within-x`), at
 * most `y` (`cv-within-y`), above `y` (`cv-above-y`), or mean demand was 0 so there is no
 * coefficient (`no-demand`, always Z).
 *
 * @example
 * ```ts
 * const rule: XyzRule = 'no-demand'
 * ```
 */
export type XyzRule = 'cv-within-x' | 'cv-within-y' | 'cv-above-y' | 'no-demand';

/**
 * An item's XYZ class with the figures behind it: mean and population standard deviation of
 * demand per period, and their ratio `cv` (null when the mean is 0).
 *
 * @example
 * ```ts
 * // { class: 'X', meanPerPeriod: 10, sdPerPeriod: 5, cv: 0.5, rule: 'cv-within-x' }
 * ```
 */
export interface XyzVerdict {
  readonly class: XyzClass;
  readonly meanPerPeriod: number;
  readonly sdPerPeriod: number;
  readonly cv: number | null;
  readonly rule: XyzRule;
}

/**
 * Classes demand by its coefficient of variation, sd ÷ mean per period with the population
 * deviation (see `DemandProfile`): X when cv ≤ `x`, Y when cv ≤ `y`, Z above. **An item with mean
 * demand 0 is Z** (rule `no-demand`): nothing to forecast is treated like demand that cannot be
 * forecast, and cv is reported as null rather than 0/0.
 *
 * @example
 * ```ts
 * classifyXyz(profileDemand([5, 15], 1), { x: 0.5, y: 1 }).class // 'X' (cv exactly 0.5)
 * ```
 */
export function classifyXyz(profile: DemandProfile, cutoffs: { readonly x: number; readonly y: number }): XyzVerdict {
  const { meanPerPeriod, sdPerPeriod } = profile;
  if (meanPerPeriod <= 0) return { class: 'Z', meanPerPeriod, sdPerPeriod, cv: null, rule: 'no-demand' };
  const cv = sdPerPeriod / meanPerPeriod;
  const rule: XyzRule = cv <= cutoffs.x ? 'cv-within-x' : cv <= cutoffs.y ? 'cv-within-y' : 'cv-above-y';
  return { class: rule === 'cv-within-x' ? 'X' : rule === 'cv-within-y' ? 'Y' : 'Z', meanPerPeriod, sdPerPeriod, cv, rule };
}
