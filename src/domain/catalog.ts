import { z } from 'zod';
import { ChannelId, SkuId } from './ids';
import { Text, Tags } from './primitives';

/** How a SKU must be handled in the warehouse. */
export const HandlingClass = z.enum(['standard', 'fragile', 'hazmat', 'cold', 'frozen', 'oversize', 'high-value']);
export type HandlingClass = z.infer<typeof HandlingClass>;

/** A stock-keeping unit: dimensions, weight, lot/expiry tracking and handling class. */
export const Sku = z.strictObject({
  id: SkuId,
  name: Text.optional(),
  /** Outer dimensions of one unit, in millimetres. */
  dimensionsMm: z
    .strictObject({
      length: z.number().positive().max(100_000),
      width: z.number().positive().max(100_000),
      height: z.number().positive().max(100_000),
    })
    .optional(),
  /** Weight of one unit, in grams. */
  weightG: z.number().positive().max(100_000_000).optional(),
  /** Stock is kept by lot, with an expiry date when `expiry` is true. */
  lotTracked: z.boolean().default(false),
  expiryTracked: z.boolean().default(false),
  handlingClass: HandlingClass.default('standard'),
  /** Value of one unit, for allocation by value and ABC classification. */
  unitValue: z.number().finite().min(0).max(1e9).optional(),
  tags: Tags.default([]),
}).refine((s) => !s.expiryTracked || s.lotTracked, { message: 'expiry is tracked per lot: set lotTracked too', path: ['expiryTracked'] });
/** A SKU as the host supplies it (defaults not yet applied). */
export type SkuInput = z.input<typeof Sku>;
export type Sku = z.infer<typeof Sku>;

/** Where orders come from. */
export const ChannelKind = z.enum(['web', 'marketplace', 'store', 'b2b', 'phone', 'other']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** A sales channel: a web shop, a marketplace, stores, B2B. */
export const Channel = z.strictObject({
  id: ChannelId,
  name: Text.optional(),
  kind: ChannelKind.default('web'),
});
export type Channel = z.infer<typeof Channel>;
