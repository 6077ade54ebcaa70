import { z } from 'zod';
import { ChannelId, LineId, OrderId, SkuId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { CalendarDate, Geo, Quantity } from '../domain/primitives';

/**
 * One line to route: a SKU, how many units, and the weight of one unit in grams (absent: 0).
 *
 * @example
 * ```ts
 * RoutableLine.parse({ id: 'l1', sku: 'tee-m', quantity: 2, weightG: 180 })
 * ```
 */
export const RoutableLine = z.object({
  id: LineId,
  sku: SkuId,
  quantity: Quantity,
  /** Weight of one unit, grams. */
  weightG: z.number().finite().min(0).max(1e9).optional(),
});

/**
 * An order as routing needs it: channel, priority, the delivery date asked for, where it goes, and
 * its lines (at most `LIMITS.orderLines`, ids unique). Fields it does not read are dropped, so a
 * stored `Order` routes as it is.
 *
 * @example
 * ```ts
 * RoutableOrder.parse({ id: 'o-1', channel: 'web', requestedDate: '2026-03-30',
 *   shipTo: { geo: { lat: 48.1, lon: 11.6 } }, lines: [{ id: 'l1', sku: 'tee-m', quantity: 2 }] })
 * ```
 */
export const RoutableOrder = z.object({
  id: OrderId,
  channel: ChannelId,
  /** 0–9; higher is more urgent (`routeBatch` routes urgent orders first). */
  priority: z.number().int().min(0).max(9).default(5),
  requestedDate: CalendarDate.optional(),
  shipTo: z.object({ geo: Geo.optional() }).optional(),
  lines: z
    .array(RoutableLine)
    .min(1)
    .max(LIMITS.orderLines)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, i) => {
        if (seen.has(line.id)) ctx.addIssue({ code: 'custom', message: `duplicate line id ${line.id}`, path: [i, 'id'], input: line.id });
        seen.add(line.id);
      });
    }),
});
/**
 * A routable order with defaults applied.
 *
 * @example
 * ```ts
 * const order: RoutableOrder = RoutableOrder.parse({ id: 'o-1', channel: 'web', lines: [{ id: 'l1', sku: 'tee', quantity: 1 }] })
 * ```
 */
export type RoutableOrder = z.infer<typeof RoutableOrder>;
/**
 * A routable order as a caller writes it.
 *
 * @example
 * ```ts
 * const order: RoutableOrderInput = { id: 'o-1', channel: 'web', lines: [{ id: 'l1', sku: 'tee', quantity: 1 }] }
 * ```
 */
export type RoutableOrderInput = z.input<typeof RoutableOrder>;
