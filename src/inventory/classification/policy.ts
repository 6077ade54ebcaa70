import { z } from 'zod';

/** Longest look-back window a policy may set: a hundred years of days. */
const MAX_WINDOW_DAYS = 36_500;

const Share = z.number().min(0).max(1);
const CoefficientOfVariation = z.number().min(0).max(1_000);
const WindowDays = z.number().int().min(1).max(MAX_WINDOW_DAYS);
/** Cross-field checks run only on fields that passed their own: `a` = 1.2 is one issue, not two. */
const whenValid = (payload: { readonly issues: readonly unknown[] }) => payload.issues.length === 0;

/**
 * ABC cut-offs as cumulative shares of annual consumption value: A while the share of the items
 * ranked above an item is below `a`, B while it is below `b`, C after. `a` ≤ `b`.
 *
 * @example
 * ```ts
 * AbcPolicy.parse({}) // { a: 0.8, b: 0.95 }
 * ```
 */
export const AbcPolicy = z
  .strictObject({ a: Share.default(0.8), b: Share.default(0.95) })
  .refine((p) => p.a <= p.b, { message: 'must be at least abc.a', path: ['b'], when: whenValid });

/**
 * XYZ cut-offs on the coefficient of variation of per-period demand: X up to `x`, Y up to `y`,
 * Z above (and whenever mean demand is 0). `x` ≤ `y`.
 *
 * @example
 * ```ts
 * XyzPolicy.parse({ y: 0.8 }) // { x: 0.5, y: 0.8 }
 * ```
 */
export const XyzPolicy = z
  .strictObject({ x: CoefficientOfVariation.default(0.5), y: CoefficientOfVariation.default(1) })
  .refine((p) => p.x <= p.y, { message: 'must be at least xyz.x', path: ['y'], when: whenValid });

/**
 * Slow-moving: stock with no movement in the last `days`, or whose demand over those days averages
 * at most `maxUnitsPerDay` (0 by default: no demand at all).
 *
 * @example
 * ```ts
 * SlowMovingPolicy.parse({ maxUnitsPerDay: 0.1 }) // { days: 90, maxUnitsPerDay: 0.1 }
 * ```
 */
export const SlowMovingPolicy = z.strictObject({
  days: WindowDays.default(90),
  maxUnitsPerDay: z.number().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
});

/**
 * Excess: the units on hand beyond `coverDays` days of average demand.
 *
 * @example
 * ```ts
 * ExcessPolicy.parse({}) // { coverDays: 180 }
 * ```
 */
export const ExcessPolicy = z.strictObject({ coverDays: z.number().min(0).max(MAX_WINDOW_DAYS).default(180) });

/**
 * Obsolete: stock with no demand in the last `days` (and, when the item says when it was first
 * stocked, stocked at least that long).
 *
 * @example
 * ```ts
 * ObsoletePolicy.parse({}) // { days: 365 }
 * ```
 */
export const ObsoletePolicy = z.strictObject({ days: WindowDays.default(365) });

/**
 * How `classifyInventory` draws its lines. Every field has a default, so `{}` (or `undefined`)
 * is the standard policy: ABC 80/95 %, XYZ 0.5/1.0, slow-moving over 90 days, excess beyond
 * 180 days of cover, obsolete after 365 days without demand.
 *
 * @example
 * ```ts
 * ClassificationPolicy.parse({ abc: { a: 0.7 } }).abc // { a: 0.7, b: 0.95 }
 * ```
 */
export const ClassificationPolicy = z
  .strictObject({
    abc: AbcPolicy.prefault({}),
    xyz: XyzPolicy.prefault({}),
    slowMoving: SlowMovingPolicy.prefault({}),
    excess: ExcessPolicy.prefault({}),
    obsolete: ObsoletePolicy.prefault({}),
  })
  .prefault({});
export type ClassificationPolicy = z.infer<typeof ClassificationPolicy>;

/**
 * A classification policy as a host writes it: every field optional, defaults filled in by the
 * schema.
 *
 * @example
 * ```ts
 * const policy: ClassificationPolicyInput = { excess: { coverDays: 120 } }
 * ```
 */
export type ClassificationPolicyInput = z.input<typeof ClassificationPolicy>;
