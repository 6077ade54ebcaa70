import { z } from 'zod';
import { NodeId, OrderId, ReservationId, SkuId } from './ids';
import { Instant, Quantity, Units } from './primitives';

/** Stock of one SKU at one node. Counters only; why they changed is in the journal. */
export const Position = z.strictObject({
  node: NodeId,
  sku: SkuId,
  onHand: Units,
  reserved: Units,
  allocated: Units,
  safety: Units,
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
  status: ReservationStatus,
  createdAt: Instant,
  expiresAt: Instant.optional(),
  endedAt: Instant.optional(),
  version: z.number().int().min(1),
});
export type Reservation = z.infer<typeof Reservation>;

/** Why stock was adjusted outside receiving and shipping. */
export const AdjustmentReason = z.enum(['damage', 'count-variance', 'found', 'write-off', 'correction', 'opening-balance']);
export type AdjustmentReason = z.infer<typeof AdjustmentReason>;
