import { z } from 'zod';
import { LIMITS } from './limits';

/**
 * Ids use a safe character set: letters, digits and `_ . ~ + = @ -`, starting with a letter or digit.
 * No separators an adapter uses in its keys (`:`, `/`, `{`, `}`, whitespace), so no id can reach
 * another's key; adapters still escape them.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.~+=@-]*$/;

function idSchema<const B extends string>(brand: B) {
  return z
    .string()
    .min(1)
    .max(LIMITS.idLength)
    .regex(ID_PATTERN, { message: `${brand} may hold only letters, digits and _ . ~ + = @ -` })
    .brand<B>();
}

/** A tenant: every key of every adapter is scoped by it. */
export const TenantId = idSchema('TenantId');
export type TenantId = z.infer<typeof TenantId>;
/** A node: warehouse, DC, store, 3PL or drop-ship supplier. */
export const NodeId = idSchema('NodeId');
export type NodeId = z.infer<typeof NodeId>;
/** A stock-keeping unit. */
export const SkuId = idSchema('SkuId');
export type SkuId = z.infer<typeof SkuId>;
/** A sales channel. */
export const ChannelId = idSchema('ChannelId');
export type ChannelId = z.infer<typeof ChannelId>;
/** A location (bin) inside a warehouse node. */
export const LocationId = idSchema('LocationId');
export type LocationId = z.infer<typeof LocationId>;
/** An order. */
export const OrderId = idSchema('OrderId');
export type OrderId = z.infer<typeof OrderId>;
/** A line of an order, unique within it. */
export const LineId = idSchema('LineId');
export type LineId = z.infer<typeof LineId>;
/** A reservation (hold of units). */
export const ReservationId = idSchema('ReservationId');
export type ReservationId = z.infer<typeof ReservationId>;
/** A lot (batch) of a lot-tracked SKU. */
export const LotId = idSchema('LotId');
export type LotId = z.infer<typeof LotId>;
/** An expected arrival: a purchase order line, an ASN line or a transfer between nodes. */
export const InboundId = idSchema('InboundId');
export type InboundId = z.infer<typeof InboundId>;
/** A return authorisation (RMA). */
export const ReturnId = idSchema('ReturnId');
export type ReturnId = z.infer<typeof ReturnId>;
/** An event. */
export const EventId = idSchema('EventId');
export type EventId = z.infer<typeof EventId>;
/** A departure: carrier pick-up, truck, flight or sailing. */
export const DepartureId = idSchema('DepartureId');
export type DepartureId = z.infer<typeof DepartureId>;
/** A working calendar. */
export const CalendarId = idSchema('CalendarId');
export type CalendarId = z.infer<typeof CalendarId>;
/** A warehouse task. */
export const TaskId = idSchema('TaskId');
export type TaskId = z.infer<typeof TaskId>;
/** A shipment. */
export const ShipmentId = idSchema('ShipmentId');
export type ShipmentId = z.infer<typeof ShipmentId>;
/** A carrier. */
export const CarrierId = idSchema('CarrierId');
export type CarrierId = z.infer<typeof CarrierId>;
/** An idempotency key a caller attaches to a command. */
export const IdempotencyKey = z
  .string()
  .min(1)
  .max(LIMITS.textLength)
  .regex(/^[\x21-\x7e]+$/, { message: 'IdempotencyKey must be printable ASCII without spaces' })
  .brand<'IdempotencyKey'>();
export type IdempotencyKey = z.infer<typeof IdempotencyKey>;
