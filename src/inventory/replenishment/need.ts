import { daysBetween } from '../../domain/dates';
import type { ReplenishmentItem } from './item';
import type { Levels } from './levels';
import type { ReplenishmentPolicy } from './policy';

/**
 * Steps a float-rounded figure may move to settle on the exact whole one. Rounding is off by one at
 * most below 2^53; the bound keeps figures beyond it (where adding 1 changes nothing) from looping.
 */
const SETTLE_STEPS = 4;

/** An order an item falls due for: when, the position then, and how many units it wants. */
export interface Need {
  /** Days from today to the day the order falls due (0: due today). */
  readonly days: number;
  /** The inventory position projected to that day at mean demand. */
  readonly projectedPosition: number;
  /** Units wanted before rounding to packs and the minimum order quantity. */
  readonly requirement: number;
}

/**
 * The next order `item` falls due for within the policy's horizon, from inventory position
 * `position` today; undefined when none falls due in it (or nothing would be ordered).
 */
export function nextNeed(item: ReplenishmentItem, policy: ReplenishmentPolicy, levels: Levels, position: number, today: string): Need | undefined {
  const rate = item.demand.meanPerDay;
  if (policy.method === 'periodic') {
    const days = nextReview(policy.reviewAnchor, policy.reviewPeriodDays, today);
    if (days > policy.horizonDays) return undefined;
    return need(days, position - rate * days, levels.orderUpTo ?? 0);
  }
  const trigger = levels.trigger ?? 0;
  const days = daysUntil(position, trigger, rate, policy.horizonDays);
  if (days === undefined) return undefined;
  const projected = position - rate * days;
  if (policy.method === 'min-max') return need(days, projected, levels.orderUpTo ?? trigger);
  // Reorder point: the EOQ, or more when that would not lift the position above the reorder point.
  const gap = unitsToReach(projected, levels.reorderPoint, true);
  return { days, projectedPosition: projected, requirement: Math.max(levels.economicOrderQuantity, gap) };
}

/** Order up to `level` from `projected`, if that is anything. */
function need(days: number, projected: number, level: number): Need | undefined {
  const requirement = unitsToReach(projected, level, false);
  return requirement > 0 ? { days, projectedPosition: projected, requirement } : undefined;
}

/**
 * The fewest whole units that lift `position` to `level` (above it, when `above`), checked on the
 * sums themselves so float rounding cannot leave the position short.
 */
function unitsToReach(position: number, level: number, above: boolean): number {
  const short = (units: number) => (above ? position + units <= level : position + units < level);
  let units = Math.max(0, above ? Math.floor(level - position) + 1 : Math.ceil(level - position));
  for (let step = 0; step < SETTLE_STEPS && short(units); step++) units += 1;
  for (let step = 0; step < SETTLE_STEPS && units > 0 && !short(units - 1); step++) units -= 1;
  return units;
}

/**
 * The first whole day (0 = today) on which `position`, falling by `rate` a day, is at or below
 * `trigger`; undefined when that is after `horizon` or never.
 */
function daysUntil(position: number, trigger: number, rate: number, horizon: number): number | undefined {
  if (position <= trigger) return 0;
  if (!(rate > 0) || (position - trigger) / rate > horizon + 1) return undefined;
  let days = Math.max(0, Math.ceil((position - trigger) / rate));
  // Settle float rounding: the smallest day with the projected position at or below the trigger.
  for (let step = 0; step < SETTLE_STEPS && position - rate * days > trigger; step++) days += 1;
  for (let step = 0; step < SETTLE_STEPS && days > 0 && position - rate * (days - 1) <= trigger; step++) days -= 1;
  return days <= horizon ? days : undefined;
}

/** Days from `today` to the next review day: the anchor ± whole periods, today when no anchor. */
function nextReview(anchor: string | undefined, period: number, today: string): number {
  if (anchor === undefined) return 0;
  const offset = daysBetween(anchor, today);
  return Math.ceil(offset / period) * period - offset;
}
