import { z } from 'zod';
import { ChannelId, NodeId, SkuId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { Instant, Quantity, Units } from '../domain/primitives';
import { CutoffKind, ServiceLevel } from '../domain/schedule';

/** What the customer wants: lines, the service asked for, the channel. */
export const PromiseCart = z.strictObject({
  lines: z
    .array(z.strictObject({ sku: SkuId, quantity: Quantity }))
    .min(1)
    .max(LIMITS.orderLines),
  serviceLevel: ServiceLevel.default('standard'),
  channel: ChannelId.optional(),
});
export type PromiseCart = z.infer<typeof PromiseCart>;
/** A cart as the host writes it (defaults may be left out). */
export type PromiseCartInput = z.input<typeof PromiseCart>;

/** Where it goes: the country, and the postal code when lanes narrow by it. */
export const PromiseAddress = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code, e.g. DE' }),
  postalCode: z.string().max(32).optional(),
});
export type PromiseAddress = z.infer<typeof PromiseAddress>;

/**
 * What one node can promise of one SKU: available now, and open inbound by expected arrival
 * (time-phased ATP, as `getAvailability` reports it).
 */
export const PromiseStock = z.strictObject({
  node: NodeId,
  sku: SkuId,
  available: Units,
  inbound: z
    .array(z.strictObject({ at: Instant, quantity: Quantity }))
    .max(LIMITS.collection)
    .default([]),
});
export type PromiseStock = z.infer<typeof PromiseStock>;
/** Stock per node and SKU, each pair once (issue path `[i, 'sku']` names the repeat). */
export const PromiseStocks = z
  .array(PromiseStock)
  .max(1_000_000)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const key = `${r.node}\u0000${r.sku}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `${r.sku} at ${r.node} is given twice`, path: [i, 'sku'] });
      seen.add(key);
    });
  });
/** A node's stock of a SKU as the host writes it (`inbound` may be left out). */
export type PromiseStockInput = z.input<typeof PromiseStock>;

/**
 * How promises are made.
 * - `horizonDays`: how far ahead departures and inbound count.
 * - `serviceLevels`: `exact`, or `same-or-faster` (a faster service may carry the order).
 * - `split`: when no single node can ship the whole cart, promise per line from the best node of
 *   each (the offered date is the latest line's).
 * - `cutoffKinds`: the cutoffs that bind (absent: all; the earliest binds).
 */
export const PromisePolicy = z.strictObject({
  horizonDays: z.number().int().min(1).max(366).default(60),
  serviceLevels: z.enum(['exact', 'same-or-faster']).default('exact'),
  split: z.boolean().default(true),
  cutoffKinds: z.array(CutoffKind).min(1).max(5).optional(),
});
export type PromisePolicy = z.infer<typeof PromisePolicy>;
/** A promise policy as the host writes it (defaults may be left out). */
export type PromisePolicyInput = z.input<typeof PromisePolicy>;
