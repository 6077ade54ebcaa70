import type { AbcVerdict } from './abc';
import { daysBetween } from '../../domain/dates';
import { assessExcess, type CoverFigures, daysOfCover, type ExcessVerdict } from './cover';
import { profileDemand } from './demand';
import type { ClassifiableItem } from './input';
import type { ItemKey } from './key';
import type { AbcXyzCell } from './matrix';
import { assessObsolete, type ObsoleteVerdict } from './obsolete';
import type { ClassificationPolicy } from './policy';
import { assessSlowMoving, type SlowMovingVerdict } from './slow-moving';
import { classifyXyz, type XyzVerdict } from './xyz';

/**
 * The verdicts on one item that need nothing but the item: XYZ class, days of cover, excess,
 * slow-moving and obsolete. `unitValue` and `annualUnits` feed the ABC ranking.
 *
 * @example
 * ```ts
 * const v: ItemVerdicts = assessItem(item, policy, '2026-03-27')
 * ```
 */
export interface ItemVerdicts {
  readonly unitValue: number;
  readonly annualUnits: number;
  readonly xyz: XyzVerdict;
  readonly cover: CoverFigures;
  readonly excess: ExcessVerdict;
  readonly slowMoving: SlowMovingVerdict;
  readonly obsolete: ObsoleteVerdict;
}

/**
 * One item classified: its key, its ABC × XYZ `cell`, and every verdict with the figures behind it
 * (the ABC rank is `abc.rank`).
 *
 * @example
 * ```ts
 * const { sku, cell, abc, cover } = classifyInventory(items, undefined, today).items[0]!
 * ```
 */
export interface ItemClassification extends ItemKey, ItemVerdicts {
  readonly cell: AbcXyzCell;
  readonly abc: AbcVerdict;
}

/**
 * Assesses one validated item against the policy, on `today` (ISO date).
 *
 * @example
 * ```ts
 * assessItem(ClassifiableItem.parse({ sku: 'a', unitValue: 2, onHand: 10, demand: [1] }), ClassificationPolicy.parse({}), '2026-03-27').cover.daysOfCover // 10
 * ```
 */
export function assessItem(item: ClassifiableItem, policy: ClassificationPolicy, today: string): ItemVerdicts {
  const profile = profileDemand(item.demand, item.periodDays);
  const history = {
    onHand: item.onHand,
    demand: item.demand,
    periodDays: item.periodDays,
    daysSinceMovement: item.lastMovementOn === undefined ? null : daysBetween(item.lastMovementOn, today),
    daysStocked: item.firstStockedOn === undefined ? null : daysBetween(item.firstStockedOn, today),
  };
  return {
    unitValue: item.unitValue,
    annualUnits: profile.annualUnits,
    xyz: classifyXyz(profile, policy.xyz),
    cover: daysOfCover(item.onHand, profile),
    excess: assessExcess(item.onHand, item.unitValue, profile, policy.excess.coverDays),
    slowMoving: assessSlowMoving(history, policy.slowMoving),
    obsolete: assessObsolete(history, policy.obsolete),
  };
}
