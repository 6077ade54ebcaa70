import { z } from 'zod';
import { LineId, NodeId, OrderId, ReturnId, SkuId } from './ids';
import { LIMITS } from './limits';
import { Quantity, Text } from './primitives';

/** What becomes of returned units: back on the shelf, to refurbishment (back later), or scrapped. */
export const ReturnDisposition = z.enum(['restock', 'refurbish', 'scrap']);
export type ReturnDisposition = z.infer<typeof ReturnDisposition>;

/** A return authorisation: which shipped units of an order may come back, where, and what arrived. */
export const Return = z.strictObject({
  id: ReturnId,
  order: OrderId,
  node: NodeId,
  lines: z
    .array(z.strictObject({ line: LineId, sku: SkuId, quantity: Quantity, received: z.number().int().min(0), reason: Text.optional() }))
    .min(1)
    .max(LIMITS.orderLines),
  status: z.enum(['authorized', 'partially-received', 'received']),
  version: z.number().int().min(1),
});
export type Return = z.infer<typeof Return>;
