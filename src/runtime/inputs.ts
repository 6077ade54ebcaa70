import { z } from 'zod';
import { Sku } from '../domain/catalog';
import { IdempotencyKey, NodeId, OrderId, SkuId, ChannelId } from '../domain/ids';
import { AdjustmentReason } from '../domain/inventory';
import { Node } from '../domain/network';
import { OrderInput } from '../domain/order';
import { Instant, Quantity, Text, UnitDelta } from '../domain/primitives';

const keyed = { idempotencyKey: IdempotencyKey.optional() };

/** Input of `defineNode`: the node itself. */
export const DefineNodeInput = Node;
/** Input of `defineSku`: the SKU itself. */
export const DefineSkuInput = Sku;

/** Input of `receiveStock`. */
export const ReceiveStockInput = z.strictObject({
  node: NodeId,
  sku: SkuId,
  quantity: Quantity,
  /** The purchase order, ASN or transfer the units came on. */
  reference: Text.optional(),
  ...keyed,
});
export type ReceiveStockInput = z.input<typeof ReceiveStockInput>;

/** Input of `adjustStock`. */
export const AdjustStockInput = z.strictObject({
  node: NodeId,
  sku: SkuId,
  delta: UnitDelta,
  reason: AdjustmentReason,
  note: Text.optional(),
  ...keyed,
});
export type AdjustStockInput = z.input<typeof AdjustStockInput>;

/** Input of `placeOrder`. */
export const PlaceOrderInput = z.strictObject({
  order: OrderInput,
  /** The node that ships it (routing across nodes replaces this in a later version). */
  node: NodeId,
  /** `reject` (default) refuses an order that cannot be served in full; `backorder` accepts it. */
  onShortage: z.enum(['reject', 'backorder']).default('reject'),
  /** Reservations expire after this many milliseconds unless the order is released first. */
  holdForMs: z.number().int().min(1).max(366 * 24 * 3600 * 1000).optional(),
  ...keyed,
});
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>;

/** Input of `cancelOrder`. */
export const CancelOrderInput = z.strictObject({ order: OrderId, reason: Text.default('cancelled by request'), ...keyed });
export type CancelOrderInput = z.input<typeof CancelOrderInput>;

/** Input of `releaseOrder` and `shipOrder`. */
export const OrderRefInput = z.strictObject({ order: OrderId, ...keyed });
export type OrderRefInput = z.input<typeof OrderRefInput>;

/** Input of `expireReservations`. */
export const ExpireInput = z.strictObject({
  /** Expire what is due at this instant; defaults to the runtime's clock. */
  now: z.union([Instant, z.number().int().min(0), z.date()]).optional(),
  /** Most reservations expired per commit; the call loops until none is due. */
  batchSize: z.number().int().min(1).max(10_000).default(500),
});
export type ExpireInput = z.input<typeof ExpireInput>;

/** Options of `getAvailability`. */
export const AvailabilityQuery = z.strictObject({ node: NodeId.optional(), channel: ChannelId.optional() });
export type AvailabilityQuery = z.input<typeof AvailabilityQuery>;

/** Options of `readJournal`. */
export const JournalQuery = z.strictObject({
  after: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(1_000),
});
export type JournalQuery = z.input<typeof JournalQuery>;
