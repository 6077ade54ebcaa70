import { z } from 'zod';
import { ChannelId, IdempotencyKey, LineId, NodeId, OrderId, ReservationId, ReturnId, SkuId } from './ids';
import { LIMITS } from './limits';
import { Amount, Attributes, CalendarDate, Geo, Instant, Quantity, Tags, Text } from './primitives';
import { ServiceLevel } from './network';
import { ReleaseSchedule } from './schedule';

/** A postal address, with its position on the earth when known (routing needs it). */
export const Address = z.strictObject({
  name: Text.optional(),
  lines: z.array(Text).min(1).max(4),
  city: Text,
  region: Text.optional(),
  postalCode: z.string().max(32).optional(),
  /** ISO 3166-1 alpha-2, e.g. `DE`. */
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code, e.g. DE' }),
  geo: Geo.optional(),
});
export type Address = z.infer<typeof Address>;

/** Where the money stands; a pending or failed payment is a reason to hold. */
export const PaymentStatus = z.enum(['pending', 'authorized', 'paid', 'failed', 'refunded']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

/** One line of an order: a SKU and a quantity. */
export const OrderLine = z.strictObject({
  id: LineId,
  sku: SkuId,
  quantity: Quantity,
  unitPrice: Amount.optional(),
});
export type OrderLine = z.infer<typeof OrderLine>;

/** An order as a channel captures it. */
export const OrderInput = z.strictObject({
  id: OrderId,
  channel: ChannelId,
  /** 0–9; higher is more urgent. */
  priority: z.number().int().min(0).max(9).default(5),
  serviceLevel: ServiceLevel.default('standard'),
  /** The delivery date the customer asked for, if any. */
  requestedDate: CalendarDate.optional(),
  paymentStatus: PaymentStatus.default('authorized'),
  /** A fraud screen's score, 0 (clean) to 100; a `fraud` hold rule compares it with its threshold. */
  fraudScore: z.number().min(0).max(100).optional(),
  shipTo: Address.optional(),
  customer: z.string().max(LIMITS.idLength).optional(),
  tags: Tags.default([]),
  attributes: Attributes.optional(),
  idempotencyKey: IdempotencyKey.optional(),
  lines: z
    .array(OrderLine)
    .min(1)
    .max(LIMITS.orderLines)
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, i) => {
        if (seen.has(line.id)) ctx.addIssue({ code: 'custom', message: `duplicate line id ${line.id}`, path: [i, 'id'] });
        seen.add(line.id);
      });
    }),
});
export type OrderInput = z.input<typeof OrderInput>;
/** An order after validation, defaults applied. */
export type OrderData = z.infer<typeof OrderInput>;

/**
 * Every state an order can be in, across OMS and WMS. Which transitions are legal is the
 * order lifecycle's table (`src/orders/lifecycle.ts`).
 */
export const OrderStatus = z.enum([
  'placed',
  'on-hold',
  'reserved',
  'backordered',
  'released',
  'picking',
  'packed',
  'partially-shipped',
  'shipped',
  'delivered',
  'cancelled',
  'returned',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

/** An order as fulfillkit stores it. */
export const Order = OrderInput.extend({
  status: OrderStatus,
  /** Why the order is in its status, when a rule or a person put it there. */
  statusReason: Text.optional(),
  placedAt: Instant,
  updatedAt: Instant,
  /** The node chosen to fulfil the order (the first of its shipments, when routed). */
  node: NodeId.optional(),
  /** The routed plan: which node ships which lines. */
  shipments: z
    .array(z.strictObject({ node: NodeId, lines: z.array(z.strictObject({ line: LineId, sku: SkuId, quantity: z.number().int().min(1) })) }))
    .max(LIMITS.collection)
    .optional(),
  reservations: z.array(ReservationId).max(LIMITS.orderLines),
  /** Work booked against nodes' daily capacity: units routed to each node on its local day. */
  bookings: z
    .array(z.strictObject({ node: NodeId, day: CalendarDate, units: z.number().int().min(1) }))
    .max(LIMITS.collection)
    .optional(),
  /** Return authorisations opened for the order. */
  returns: z.array(ReturnId).max(LIMITS.collection),
  /** The departure release planning put the order on, and when to release it. */
  schedule: ReleaseSchedule.optional(),
  /** Per line: units shipped, cancelled and returned so far. Open = quantity − shipped − cancelled. */
  progress: z
    .array(z.strictObject({ line: LineId, shipped: z.number().int().min(0), cancelled: z.number().int().min(0), returned: z.number().int().min(0) }))
    .max(LIMITS.orderLines),
  /** Holds in force; the order is released from `on-hold` when the last one is lifted. */
  holds: z.array(z.strictObject({ kind: z.string().max(32), reason: Text, since: Instant })).max(32),
  /** Every status the order reached, when, and why. */
  history: z.array(z.strictObject({ at: Instant, status: z.string().max(32), reason: Text.optional() })).max(1_000),
  version: z.number().int().min(1),
});
export type Order = z.infer<typeof Order>;
