import type { SkuId } from '../../domain/ids';
import type { Need } from './need';
import type { Plan } from './suggestion';

/** A transfer the pool grants: who gives, how many, and what the giver had free. */
export interface Grant {
  readonly donor: Plan;
  readonly quantity: number;
  readonly available: number;
}

/**
 * Items that may give stock to other nodes of their SKU: those with a transfer lead time. A giver
 * keeps its ceiling (max, target or ROP + EOQ) on every day it gives, at mean demand, so it never
 * falls to the level that would make it order; what it has received does not count.
 */
export class DonorPool {
  private readonly bySku = new Map<SkuId, Plan[]>();

  constructor(plans: readonly Plan[]) {
    for (const plan of plans) {
      if (plan.item.transferLeadTimeDays === undefined) continue;
      const list = this.bySku.get(plan.item.sku) ?? [];
      list.push(plan);
      this.bySku.set(plan.item.sku, list);
    }
  }

  /**
   * Grants transfers to `recipient` for up to `wanted` units on the day of `need`, in whole
   * `packSize` packs, from givers whose transfer lead time beats the recipient's purchase lead
   * time: the fastest first, then the one with most to give, then by node.
   */
  grant(recipient: Plan, need: Need, wanted: number, packSize: number): Grant[] {
    const candidates = (this.bySku.get(recipient.item.sku) ?? [])
      .filter((d) => d !== recipient && !d.replenished && (d.item.transferLeadTimeDays ?? Infinity) < recipient.item.leadTime.meanDays)
      .map((donor) => ({ donor, available: available(donor, need.days) }))
      .filter((c) => c.available >= packSize)
      .sort(
        (a, b) =>
          (a.donor.item.transferLeadTimeDays ?? 0) - (b.donor.item.transferLeadTimeDays ?? 0) ||
          b.available - a.available ||
          compareText(a.donor.item.node, b.donor.item.node),
      );
    const grants: Grant[] = [];
    let remaining = wanted;
    for (const { donor, available } of candidates) {
      if (remaining < packSize) break;
      const quantity = Math.floor(Math.min(available, remaining) / packSize) * packSize;
      if (quantity <= 0) continue;
      donor.given += quantity;
      remaining -= quantity;
      grants.push({ donor, quantity, available });
    }
    return grants;
  }
}

/** Whole units `donor` can give `days` from today and still hold its ceiling. */
function available(donor: Plan, days: number): number {
  const projected = donor.position - donor.item.demand.meanPerDay * days - donor.given;
  return Math.max(0, Math.floor(projected - donor.levels.ceiling));
}

/** Orders strings by code unit, the same everywhere (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
