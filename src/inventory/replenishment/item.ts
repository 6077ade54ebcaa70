import { z } from 'zod';
import { NodeId, SkuId } from '../../domain/ids';
import { LIMITS } from '../../domain/limits';
import { parse } from '../../domain/parse';
import { CalendarDate, Quantity, Units } from '../../domain/primitives';
import { Days, DemandRate, LeadTime } from './figures';

/**
 * Units on order for a position (purchase, ASN or transfer) and the day they are expected.
 *
 * @example
 * ```ts
 * InboundLine.parse({ quantity: 50, expectedAt: '2026-03-30' })
 * ```
 */
export const InboundLine = z.strictObject({ quantity: Quantity, expectedAt: CalendarDate });
/**
 * An inbound line, as parsed.
 *
 * @example
 * ```ts
 * const line: InboundLine = { quantity: 50, expectedAt: '2026-03-30' }
 * ```
 */
export type InboundLine = z.infer<typeof InboundLine>;

/**
 * One SKU at one node as replenishment sees it: the stock counters, open inbound, demand, the
 * purchase lead time and unit cost. `safety`, when given, is the position's safety stock and is
 * used instead of the computed one (a policy's `safetyStock` still wins). `transferLeadTimeDays`
 * is how many days a transfer *from* this node to another takes; without it the node gives no
 * transfers.
 *
 * @example
 * ```ts
 * ReplenishmentItem.parse({
 *   node: 'dc-1', sku: 'tee', onHand: 40, reserved: 5, allocated: 0, inbound: [],
 *   demand: { meanPerDay: 10, sdPerDay: 3 }, leadTime: { meanDays: 5 }, unitCost: 4,
 * })
 * ```
 */
export const ReplenishmentItem = z.strictObject({
  node: NodeId,
  sku: SkuId,
  onHand: Units,
  reserved: Units,
  allocated: Units,
  backordered: Units.default(0),
  safety: Units.optional(),
  inbound: z.array(InboundLine).max(LIMITS.collection).default([]),
  demand: DemandRate,
  leadTime: LeadTime,
  /** Cost of one unit; with the policy's holding rate it prices holding stock. */
  unitCost: z.number().min(1e-6).max(1e12),
  transferLeadTimeDays: Days.optional(),
});
/**
 * A replenishment item with its defaults applied.
 *
 * @example
 * ```ts
 * const item: ReplenishmentItem = ReplenishmentItem.parse(row)
 * ```
 */
export type ReplenishmentItem = z.infer<typeof ReplenishmentItem>;
/**
 * A replenishment item as a caller writes it: defaults may be left out.
 *
 * @example
 * ```ts
 * const item: ReplenishmentItemInput = { node, sku, onHand: 40, reserved: 0, allocated: 0, demand: { meanPerDay: 10 }, leadTime: { meanDays: 5 }, unitCost: 4 }
 * ```
 */
export type ReplenishmentItemInput = z.input<typeof ReplenishmentItem>;

/** The counters the inventory position is made of; other fields are ignored. */
const PositionCounters = z.object({
  onHand: Units,
  reserved: Units,
  allocated: Units,
  backordered: Units.default(0),
  inbound: z.array(InboundLine).max(LIMITS.collection).default([]),
});

/**
 * The inventory position replenishment decides on: on hand − reserved − allocated − backordered
 * + all open inbound, whatever its expected date. May be negative.
 *
 * @example
 * ```ts
 * inventoryPosition({ onHand: 40, reserved: 5, allocated: 3, backordered: 2, inbound: [{ quantity: 50, expectedAt: '2026-03-30' }] }) // 80
 * ```
 */
export function inventoryPosition(item: z.input<typeof PositionCounters>): number {
  return positionOf(parse(PositionCounters, item, 'inventoryPosition'));
}

/** `inventoryPosition` on a parsed item. */
export function positionOf(item: Pick<ReplenishmentItem, 'onHand' | 'reserved' | 'allocated' | 'backordered' | 'inbound'>): number {
  let inbound = 0;
  for (const line of item.inbound) inbound += line.quantity;
  return item.onHand - item.reserved - item.allocated - item.backordered + inbound;
}
