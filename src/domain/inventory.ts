import { z } from 'zod';
import { ChannelId, InboundId, LotId, NodeId, OrderId, ReservationId, SkuId } from './ids';
import { LIMITS } from './limits';
import { CalendarDate, Instant, Quantity, Text, Units } from './primitives';

/** Stock of one lot of a lot-tracked SKU at a node. */
export const LotPosition = z.strictObject({
  lot: LotId,
  onHand: Units,
  reserved: Units,
  /** Last day the lot may be sold; from the day after, its units are not available. */
  expiresOn: CalendarDate.optional(),
  receivedAt: Instant,
});
export type LotPosition = z.infer<typeof LotPosition>;

/**
 * Stock of one SKU at one node. Counters only; why they changed is in the journal. `lots` splits
 * the counters by lot for lot-tracked SKUs; `channels` counts the units each channel holds, which
 * channel ring-fences are measured against.
 */
export const Position = z.strictObject({
  node: NodeId,
  sku: SkuId,
  onHand: Units,
  reserved: Units,
  allocated: Units,
  safety: Units,
  lots: z.record(LotId, LotPosition).optional(),
  channels: z.record(ChannelId, Units).optional(),
});
export type Position = z.infer<typeof Position>;

/** The counters of a position that change by guarded increments. */
export const POSITION_COUNTERS = ['onHand', 'reserved', 'allocated', 'safety'] as const;
/** One counter of a position. */
export type PositionCounter = (typeof POSITION_COUNTERS)[number];

/** How a reservation ended, or `active` while it holds units. */
export const ReservationStatus = z.enum(['active', 'consumed', 'released', 'expired']);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

/** A hold of units of one SKU at one node, for an order or a cart. */
export const Reservation = z.strictObject({
  id: ReservationId,
  node: NodeId,
  sku: SkuId,
  quantity: Quantity,
  order: OrderId.optional(),
  /** Who else the hold is for when it is not an order: a cart, a quote, a store transfer. */
  holder: z.string().max(LIMITS.idLength).optional(),
  /** The channel the units are held for; counts against its ring-fence. */
  channel: ChannelId.optional(),
  /** Which lots the units come from, for lot-tracked SKUs. */
  lots: z.array(z.strictObject({ lot: LotId, quantity: Quantity })).max(LIMITS.collection).optional(),
  status: ReservationStatus,
  createdAt: Instant,
  expiresAt: Instant.optional(),
  endedAt: Instant.optional(),
  version: z.number().int().min(1),
});
export type Reservation = z.infer<typeof Reservation>;

/** What an inbound is: a purchase order line, an advance shipping notice line, a transfer, or returned units being refurbished. */
export const InboundKind = z.enum(['purchase-order', 'asn', 'transfer', 'refurbish']);
export type InboundKind = z.infer<typeof InboundKind>;

/**
 * Units expected at a node by a date. `received` grows with each receipt against it; the inbound
 * closes when all of it arrived, or is cancelled. Open inbound counts in time-phased ATP.
 */
export const Inbound = z.strictObject({
  id: InboundId,
  node: NodeId,
  sku: SkuId,
  kind: InboundKind,
  quantity: Quantity,
  received: Units,
  expectedAt: Instant,
  /** The source node of a transfer. */
  from: NodeId.optional(),
  reference: Text.optional(),
  status: z.enum(['open', 'closed', 'cancelled']),
  version: z.number().int().min(1),
});
export type Inbound = z.infer<typeof Inbound>;

/** Why stock was adjusted outside receiving and shipping. */
export const AdjustmentReason = z.enum(['damage', 'count-variance', 'found', 'write-off', 'correction', 'opening-balance']);
export type AdjustmentReason = z.infer<typeof AdjustmentReason>;
