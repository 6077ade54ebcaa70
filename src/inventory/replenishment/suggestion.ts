import type { NodeId, SkuId } from '../../domain/ids';
import { addDays } from '../../domain/dates';
import type { ReplenishmentItem } from './item';
import type { Levels } from './levels';
import type { Need } from './need';
import type { ReplenishmentMethod, ReplenishmentPolicy } from './policy';

/**
 * The figures behind a suggestion, for the item it replenishes. Stock figures are in units and
 * unrounded; `min`/`max` appear for min-max, `target` for periodic review.
 *
 * @example
 * ```ts
 * // { method: 'reorder-point', inventoryPosition: 30, projectedPosition: 30, safetyStock: 16.45,
 * //   reorderPoint: 96.45, economicOrderQuantity: 604.15, requirement: 604.15 }
 * suggestion.reason
 * ```
 */
export interface ReplenishmentReason {
  readonly method: ReplenishmentMethod;
  /** On hand − reserved − allocated − backordered + open inbound, today. */
  readonly inventoryPosition: number;
  /** The position on the day the order falls due, at mean demand, after any units given to other nodes. */
  readonly projectedPosition: number;
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly economicOrderQuantity: number;
  readonly min?: number;
  readonly max?: number;
  readonly target?: number;
  /** Units wanted before rounding to packs and the minimum order quantity. */
  readonly requirement: number;
  /** Units this item gives to other nodes in the same run (absent when none). */
  readonly transferredOut?: number;
}

/**
 * Why a transfer may come from its giving node: the giver's position, the level it must keep
 * (its max, target or ROP + EOQ, kept above its trigger), and the units it had free above that on
 * the day the transfer is due.
 *
 * @example
 * ```ts
 * // { inventoryPosition: 400, ceiling: 250, available: 150 }
 * suggestion.donor
 * ```
 */
export interface DonorFigures {
  readonly inventoryPosition: number;
  readonly ceiling: number;
  readonly available: number;
}

/** Fields every suggestion has. */
interface SuggestionBase {
  /** The node that receives the units. */
  readonly node: NodeId;
  readonly sku: SkuId;
  /** Whole units, a multiple of the pack size (and, for purchases, at least the minimum order quantity). */
  readonly quantity: number;
  /** The day to act: today when due already, else the day the position is projected to fall due. */
  readonly orderBy: string;
  /** The day the units are expected: `orderBy` plus the lead time, in whole days. */
  readonly expectedArrival: string;
  readonly reason: ReplenishmentReason;
}

/**
 * Buy units from the supplier for `node`.
 *
 * @example
 * ```ts
 * const s: PurchaseSuggestion = { kind: 'purchase', node, sku, quantity: 48, orderBy: '2026-03-27', expectedArrival: '2026-04-01', reason }
 * ```
 */
export interface PurchaseSuggestion extends SuggestionBase {
  readonly kind: 'purchase';
}

/**
 * Move units of the SKU from node `from`, which holds more than it needs, to `node`.
 *
 * @example
 * ```ts
 * const s: TransferSuggestion = { kind: 'transfer', node, sku, from, quantity: 24, orderBy, expectedArrival, reason, donor }
 * ```
 */
export interface TransferSuggestion extends SuggestionBase {
  readonly kind: 'transfer';
  readonly from: NodeId;
  readonly donor: DonorFigures;
}

/**
 * One action replenishment suggests: a purchase or an inter-node transfer.
 *
 * @example
 * ```ts
 * for (const s of suggestReplenishment(items, policy, today)) if (s.kind === 'transfer') move(s.from, s.node, s.quantity)
 * ```
 */
export type ReplenishmentSuggestion = PurchaseSuggestion | TransferSuggestion;

/** One item as the run sees it: parsed item, its policy and levels, its position and what it gives. */
export interface Plan {
  readonly item: ReplenishmentItem;
  readonly policy: ReplenishmentPolicy;
  readonly levels: Levels;
  /** Inventory position today. */
  readonly position: number;
  /** Units given to other nodes so far in this run. */
  given: number;
  /** Whether the item has had its own order suggested: it gives no more after. */
  replenished: boolean;
}

/** The reason for an order `plan` falls due for. */
export function reasonFor(plan: Plan, need: Need): ReplenishmentReason {
  const { levels, policy } = plan;
  return {
    method: policy.method,
    inventoryPosition: plan.position,
    projectedPosition: need.projectedPosition,
    safetyStock: levels.safetyStock,
    reorderPoint: levels.reorderPoint,
    economicOrderQuantity: levels.economicOrderQuantity,
    ...(policy.method === 'min-max' ? { min: levels.trigger ?? 0, max: levels.orderUpTo ?? 0 } : {}),
    ...(policy.method === 'periodic' ? { target: levels.orderUpTo ?? 0 } : {}),
    requirement: need.requirement,
    ...(plan.given > 0 ? { transferredOut: plan.given } : {}),
  };
}

/** A purchase of `quantity` for `plan`, due `need.days` from today. */
export function purchase(plan: Plan, need: Need, quantity: number, today: string): PurchaseSuggestion {
  const orderBy = addDays(today, need.days);
  return {
    kind: 'purchase',
    node: plan.item.node,
    sku: plan.item.sku,
    quantity,
    orderBy,
    expectedArrival: addDays(orderBy, Math.ceil(plan.item.leadTime.meanDays)),
    reason: reasonFor(plan, need),
  };
}

/** A transfer of `quantity` from `donor` to `plan`, due `need.days` from today. */
export function transfer(plan: Plan, need: Need, donor: Plan, quantity: number, available: number, today: string): TransferSuggestion {
  const orderBy = addDays(today, need.days);
  return {
    kind: 'transfer',
    node: plan.item.node,
    sku: plan.item.sku,
    from: donor.item.node,
    quantity,
    orderBy,
    expectedArrival: addDays(orderBy, Math.ceil(donor.item.transferLeadTimeDays ?? 0)),
    reason: reasonFor(plan, need),
    donor: { inventoryPosition: donor.position, ceiling: donor.levels.ceiling, available },
  };
}
