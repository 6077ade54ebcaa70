import { z } from 'zod';
import { ChannelId, LineId, OrderId, SkuId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { Amount, Instant, Quantity } from '../domain/primitives';

/** Most orders one call divides stock among. */
export const MAX_ORDERS = 1_000_000;
/** Priorities lie within ± this. */
export const MAX_PRIORITY = 1_000_000_000;

/**
 * One line of an order waiting for stock: a SKU, the units it needs and, optionally, what one unit
 * is worth (the max-value rule weighs orders by it).
 *
 * @example
 * ```ts
 * AllocatableLine.parse({ id: 'l1', sku: 'tee', quantity: 2, unitValue: 19.9 })
 * ```
 */
export const AllocatableLine = z.strictObject({
  id: LineId,
  sku: SkuId,
  quantity: Quantity,
  unitValue: Amount.optional(),
});
/**
 * A line of an allocatable order, as parsed.
 *
 * @example
 * ```ts
 * const line: AllocatableLine = AllocatableLine.parse({ id: 'l1', sku: 'tee', quantity: 2 })
 * ```
 */
export type AllocatableLine = z.infer<typeof AllocatableLine>;

/**
 * Units of one SKU an order holds already (a reservation from before). They count towards its
 * lines of that SKU, and a higher-priority order may pre-empt them when the policy allows.
 *
 * @example
 * ```ts
 * HeldUnits.parse({ sku: 'tee', quantity: 1 })
 * ```
 */
export const HeldUnits = z.strictObject({ sku: SkuId, quantity: Quantity });
/**
 * Held units, as parsed.
 *
 * @example
 * ```ts
 * const held: HeldUnits = HeldUnits.parse({ sku: 'tee', quantity: 1 })
 * ```
 */
export type HeldUnits = z.infer<typeof HeldUnits>;

/**
 * An order as the allocation engine sees it. `priority` ranks higher first (default 0);
 * `promisedBy` is its due date for EDD; `value` is what serving it in full releases (default
 * Σ quantity × unitValue, a line without `unitValue` counting 1 a unit); a `shipComplete` order is
 * served in full or not at all. Each hold must name a SKU of its lines, at most the units they need.
 *
 * @example
 * ```ts
 * AllocatableOrder.parse({ id: 'o1', channel: 'web', priority: 2, placedAt: '2026-03-27T09:00:00Z',
 *   shipComplete: true, lines: [{ id: 'l1', sku: 'tee', quantity: 2, unitValue: 20 }] })
 * ```
 */
export const AllocatableOrder = z
  .strictObject({
    id: OrderId,
    channel: ChannelId,
    priority: z.number().min(-MAX_PRIORITY).max(MAX_PRIORITY).default(0),
    placedAt: Instant,
    promisedBy: Instant.optional(),
    value: Amount.optional(),
    shipComplete: z.boolean().default(false),
    lines: z.array(AllocatableLine).min(1).max(LIMITS.orderLines),
    holds: z.array(HeldUnits).max(LIMITS.orderLines).optional(),
  })
  .superRefine((order, ctx) => {
    for (const issue of orderIssues(order)) ctx.addIssue({ code: 'custom', ...issue, input: order });
  });
/**
 * An allocatable order with its defaults applied.
 *
 * @example
 * ```ts
 * const order: AllocatableOrder = AllocatableOrder.parse(body)
 * ```
 */
export type AllocatableOrder = z.infer<typeof AllocatableOrder>;
/**
 * An allocatable order as a caller writes it: `priority` and `shipComplete` may be left out.
 *
 * @example
 * ```ts
 * const order: AllocatableOrderInput = { id: 'o1', channel: 'web', placedAt: '2026-03-27T09:00:00Z',
 *   lines: [{ id: 'l1', sku: 'tee', quantity: 2 }] }
 * ```
 */
export type AllocatableOrderInput = z.input<typeof AllocatableOrder>;

/** The orders of one call: at most `MAX_ORDERS`, each id once. */
export const AllocatableOrders = z
  .array(AllocatableOrder)
  .max(MAX_ORDERS)
  .superRefine((orders, ctx) => {
    const seen = new Map<string, number>();
    orders.forEach((order, i) => {
      const first = seen.get(order.id);
      if (first === undefined) seen.set(order.id, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `order ${order.id} is given twice (first at [${first}])`, input: order });
    });
  });

/** A problem inside one order: duplicate line ids, holds of SKUs it does not order or beyond its lines. */
export interface OrderIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

type OrderShape = Pick<AllocatableOrderInput, 'lines' | 'holds'>;

/** The cross-field rules of one order (the fast validator and the schema share them). */
export function orderIssues(order: OrderShape): OrderIssue[] {
  const issues: OrderIssue[] = [];
  const lineIds = new Set<string>();
  const wanted = new Map<string, number>();
  order.lines.forEach((line, i) => {
    if (lineIds.has(line.id)) issues.push({ path: ['lines', i, 'id'], message: `duplicate line id ${line.id}` });
    lineIds.add(line.id);
    wanted.set(line.sku, (wanted.get(line.sku) ?? 0) + line.quantity);
  });
  const held = new Set<string>();
  order.holds?.forEach((hold, i) => {
    const want = wanted.get(hold.sku);
    if (held.has(hold.sku)) issues.push({ path: ['holds', i, 'sku'], message: `SKU ${hold.sku} is held twice` });
    else if (want === undefined) issues.push({ path: ['holds', i, 'sku'], message: `no line orders SKU ${hold.sku}` });
    else if (hold.quantity > want) issues.push({ path: ['holds', i, 'quantity'], message: `holds ${hold.quantity} units of ${hold.sku}, its lines need ${want}` });
    held.add(hold.sku);
  });
  return issues;
}
