import { z } from 'zod';
import { parse } from '../../domain/parse';
import { CalendarDate } from '../../domain/primitives';
import { roundUpOrder } from './formulas';
import { positionOf, ReplenishmentItem, type ReplenishmentItemInput } from './item';
import { levelsOf } from './levels';
import { type Need, nextNeed } from './need';
import { ReplenishmentPolicy, type ReplenishmentPolicyInput } from './policy';
import { type Plan, purchase, type ReplenishmentSuggestion, transfer } from './suggestion';
import { compareText, DonorPool } from './transfers';

/** Most items one call plans: a large network's every SKU at every node. */
const MAX_ITEMS = 1_000_000;

const Items = z
  .array(ReplenishmentItem)
  .max(MAX_ITEMS)
  .superRefine((items, ctx) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const key = `${item.node}/${item.sku}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'sku'], message: `SKU ${item.sku} at node ${item.node} is given twice (first at items[${first}])`, input: item });
    });
  });

const onePolicy = z.strictObject({ items: Items, policy: ReplenishmentPolicy, today: CalendarDate });
const perItem = z
  .strictObject({ items: Items, policy: z.array(ReplenishmentPolicy).max(MAX_ITEMS), today: CalendarDate })
  .superRefine((input, ctx) => {
    if (input.policy.length !== input.items.length) {
      ctx.addIssue({ code: 'custom', path: ['policy'], message: `needs one policy per item: ${input.items.length} items, ${input.policy.length} policies`, input: input.policy });
    }
  });

/**
 * Suggests purchases and inter-node transfers that keep each SKU at each node stocked by its
 * policy, from the stock counters, open inbound, demand and lead times. Pure: `today` is the
 * calendar date to plan from; the same input gives the same suggestions.
 *
 * - An item falls due when its inventory position (today, or projected at mean demand within the
 *   policy's `horizonDays`) reaches its trigger: the reorder point, min, or a periodic review day.
 * - The quantity is the policy's (max(EOQ, gap), up to max, up to target), rounded up to packs and
 *   the minimum order quantity.
 * - Another node of the SKU with stock above its ceiling (max, target or ROP + EOQ), and a transfer
 *   lead time shorter than the purchase lead time, gives what it has above the ceiling, in whole
 *   packs; the rest is purchased. Earlier needs draw first.
 *
 * `policy` is one policy for every item, or an array with one per item (same index). Suggestions
 * come sorted by SKU, node, transfers before the purchase, then giving node. Throws
 * `ValidationError` with issue paths (`items[2].demand.meanPerDay`) on bad input, nothing else.
 *
 * @example
 * ```ts
 * suggestReplenishment([{ node: 'dc', sku: 'tee', onHand: 30, reserved: 0, allocated: 0,
 *   demand: { meanPerDay: 10 }, leadTime: { meanDays: 5 }, unitCost: 4 }],
 *   { method: 'reorder-point', safetyStock: 20, packSize: 12 }, '2026-03-27')
 * // [{ kind: 'purchase', node: 'dc', sku: 'tee', quantity: 48, orderBy: '2026-03-27', expectedArrival: '2026-04-01', reason: … }]
 * ```
 */
export function suggestReplenishment(
  items: readonly ReplenishmentItemInput[],
  policy: ReplenishmentPolicyInput | readonly ReplenishmentPolicyInput[],
  today: string,
): ReplenishmentSuggestion[] {
  const input = Array.isArray(policy)
    ? parse(perItem, { items, policy, today }, 'suggestReplenishment')
    : parse(onePolicy, { items, policy, today }, 'suggestReplenishment');
  const plans = input.items.map((item, i): Plan => {
    const itemPolicy = Array.isArray(input.policy) ? input.policy[i]! : input.policy;
    return { item, policy: itemPolicy, levels: levelsOf(item, itemPolicy), position: positionOf(item), given: 0, replenished: false };
  });
  return plan(plans, input.today).sort(bySkuNodeKind);
}

function plan(plans: readonly Plan[], today: string): ReplenishmentSuggestion[] {
  const pool = new DonorPool(plans);
  const due = plans
    .map((p) => ({ plan: p, need: needOf(p, today) }))
    .filter((d): d is { plan: Plan; need: Need } => d.need !== undefined)
    .sort((a, b) => a.need.days - b.need.days || compareText(a.plan.item.sku, b.plan.item.sku) || compareText(a.plan.item.node, b.plan.item.node));
  const suggestions: ReplenishmentSuggestion[] = [];
  for (const { plan: p, need } of due) {
    p.replenished = true;
    // An item that gave stock away plans on what it kept, and buys: it does not also take transfers.
    if (p.given > 0) {
      suggestions.push(...purchaseOnly(p, today));
      continue;
    }
    const { packSize, minOrderQuantity } = p.policy;
    const wanted = roundUpOrder(need.requirement, packSize, minOrderQuantity);
    const grants = pool.grant(p, need, wanted, packSize);
    let rest = wanted;
    for (const g of grants) {
      suggestions.push(transfer(p, need, g.donor, g.quantity, g.available, today));
      rest -= g.quantity;
    }
    if (rest > 0) suggestions.push(purchase(p, need, roundUpOrder(rest, packSize, minOrderQuantity), today));
  }
  // Givers that were not due may be now, on what they kept.
  for (const p of plans) if (!p.replenished && p.given > 0) suggestions.push(...purchaseOnly(p, today));
  return suggestions;
}

/** The next need of `plan`, on the position it keeps after what it gave. */
function needOf(p: Plan, today: string): Need | undefined {
  return nextNeed(p.item, p.policy, p.levels, p.position - p.given, today);
}

function purchaseOnly(p: Plan, today: string): ReplenishmentSuggestion[] {
  p.replenished = true;
  const need = needOf(p, today);
  if (need === undefined) return [];
  return [purchase(p, need, roundUpOrder(need.requirement, p.policy.packSize, p.policy.minOrderQuantity), today)];
}

const KIND_ORDER = { transfer: 0, purchase: 1 } as const;

function bySkuNodeKind(a: ReplenishmentSuggestion, b: ReplenishmentSuggestion): number {
  return (
    compareText(a.sku, b.sku) ||
    compareText(a.node, b.node) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.kind === 'transfer' ? a.from : '', b.kind === 'transfer' ? b.from : '')
  );
}
