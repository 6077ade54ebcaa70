import { z } from 'zod';
import { CutoffKind } from '../domain/schedule';

/**
 * How release planning decides, as data.
 * - `horizonDays`: how far ahead departures are considered.
 * - `releaseWindowMinutes`: orders whose planned release falls within this much of `now` are
 *   released now; the rest are held back (the floor is not flooded with work due next week).
 * - `serviceLevels`: `exact` puts an order only on departures of its own service level;
 *   `same-or-faster` also on faster ones (`SERVICE_SPEED`).
 * - `priorities`: `strict` keeps higher priority classes on time first (lexicographic); `tie-break`
 *   minimises missed cutoffs over all orders, priority only breaking ties.
 * - `consolidate`: `departure` releases all cargo for one departure together, when the first of it
 *   is due (a sailing's containers are stuffed together).
 * - `cutoffKinds`: the cutoffs that bind release (absent: every kind, the earliest binds).
 * - `maxRollovers`: how many later departures an order that misses its first may be moved to.
 * - `riskSlackMinutes`: the cutoff risk monitor flags orders with less slack than this.
 */
export const ReleasePolicy = z.strictObject({
  horizonDays: z.number().int().min(1).max(120).default(14),
  releaseWindowMinutes: z.number().min(0).max(7 * 24 * 60).default(60),
  serviceLevels: z.enum(['exact', 'same-or-faster']).default('exact'),
  priorities: z.enum(['strict', 'tie-break']).default('strict'),
  consolidate: z.enum(['none', 'departure']).default('none'),
  cutoffKinds: z.array(CutoffKind).min(1).max(5).optional(),
  maxRollovers: z.number().int().min(0).max(10).default(3),
  riskSlackMinutes: z.number().min(0).max(7 * 24 * 60).default(60),
});
/** A release policy with defaults applied. */
export type ReleasePolicy = z.infer<typeof ReleasePolicy>;
/** A release policy as the host writes it. */
export type ReleasePolicyInput = z.input<typeof ReleasePolicy>;

/** Faster services rank lower; an order may ride a faster service under `same-or-faster`. */
export const SERVICE_SPEED = { 'same-day': 0, 'next-day': 1, express: 2, air: 3, standard: 4, economy: 5, sea: 6 } as const;

/**
 * Whether a departure of service `offered` may carry an order that asked for `asked`.
 *
 * @example
 * ```ts
 * serves('express', 'standard', 'same-or-faster') // true
 * ```
 */
export function serves(offered: keyof typeof SERVICE_SPEED, asked: keyof typeof SERVICE_SPEED, rule: 'exact' | 'same-or-faster'): boolean {
  return offered === asked || (rule === 'same-or-faster' && SERVICE_SPEED[offered] <= SERVICE_SPEED[asked]);
}
