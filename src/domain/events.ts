import { z } from 'zod';
import { Sku } from './catalog';
import { ChannelId, DepartureId, EventId, InboundId, LineId, LotId, NodeId, OrderId, ReservationId, ReturnId, SkuId, TenantId } from './ids';
import { ReturnDisposition } from './returns';
import { AdjustmentReason, InboundKind } from './inventory';
import { Node } from './network';
import { Calendar, Cutoff, Departure, ReleaseSchedule } from './schedule';
import { OrderInput, PaymentStatus } from './order';
import { HoldKind } from './holds';
import { CalendarDate, Instant, Quantity, Text, UnitDelta, Units } from './primitives';
import { LIMITS } from './limits';

/** The version of every event schema below; bumped when one changes shape. */
export const EVENT_VERSION = 1;

function event<const T extends string, P extends z.ZodType>(type: T, payload: P) {
  return z.strictObject({
    type: z.literal(type),
    id: EventId,
    tenant: TenantId,
    at: Instant,
    version: z.literal(EVENT_VERSION),
    payload,
  });
}

const stockMove = { node: NodeId, sku: SkuId, quantity: Quantity };
/** Lines (or parts of them) with their SKU and units. */
const LineQuantities = z.array(z.strictObject({ line: LineId, sku: SkuId, quantity: Quantity })).min(1).max(LIMITS.orderLines);
/** Units taken from lots, for lot-tracked SKUs. */
const LotQuantities = z.array(z.strictObject({ lot: LotId, quantity: Quantity })).min(1).max(LIMITS.collection);
/** A reservation's ending carries what it held, so the event alone says how counters move. */
const reservationEnd = {
  reservation: ReservationId,
  ...stockMove,
  order: OrderId.optional(),
  channel: ChannelId.optional(),
  lots: LotQuantities.optional(),
};

/** A node was defined or redefined. */
export const NodeDefined = event('NodeDefined', z.strictObject({ node: Node }));
/** A SKU was defined or redefined. */
export const SkuDefined = event('SkuDefined', z.strictObject({ sku: Sku }));
/** Units arrived at a node and count as on hand. */
export const StockReceived = event(
  'StockReceived',
  z.strictObject({
    ...stockMove,
    reference: Text.optional(),
    /** The purchase order, ASN or transfer received against. */
    inbound: InboundId.optional(),
    lot: LotId.optional(),
    expiresOn: CalendarDate.optional(),
  }),
);
/** On hand changed outside receiving and shipping, with a reason code. */
export const StockAdjusted = event(
  'StockAdjusted',
  z.strictObject({
    node: NodeId,
    sku: SkuId,
    delta: UnitDelta,
    reason: AdjustmentReason,
    note: Text.optional(),
    lot: LotId.optional(),
    expiresOn: CalendarDate.optional(),
  }),
);
/** Units were held for an order or cart. */
export const StockReserved = event(
  'StockReserved',
  z.strictObject({
    reservation: ReservationId,
    ...stockMove,
    order: OrderId.optional(),
    holder: z.string().max(LIMITS.idLength).optional(),
    channel: ChannelId.optional(),
    lots: LotQuantities.optional(),
    expiresAt: Instant.optional(),
  }),
);
/** A reservation ended by release (cancellation or by hand); its units are available again. */
export const ReservationReleased = event('ReservationReleased', z.strictObject({ ...reservationEnd, reason: Text }));
/** A reservation ended by its expiry; its units are available again. */
export const ReservationExpired = event('ReservationExpired', z.strictObject(reservationEnd));
/** A reservation ended by shipment: its units left on hand. */
export const ReservationConsumed = event('ReservationConsumed', z.strictObject(reservationEnd));
/**
 * Part of a reservation ended: shipped (the units left on hand) or given back (a line cancelled).
 * The reservation stays active with what is left; the rest ends later by one of the end events.
 */
export const ReservationReduced = event('ReservationReduced', z.strictObject({ ...reservationEnd, shipped: z.boolean() }));
/** A reservation's expiry moved, or was removed (absent `expiresAt`: holds until it ends). */
export const ReservationExtended = event(
  'ReservationExtended',
  z.strictObject({ reservation: ReservationId, expiresAt: Instant.optional() }),
);
/** Units are expected at a node by a date (a purchase order or ASN line). */
export const InboundExpected = event(
  'InboundExpected',
  z.strictObject({
    inbound: InboundId,
    node: NodeId,
    sku: SkuId,
    kind: InboundKind,
    quantity: Quantity,
    expectedAt: Instant,
    reference: Text.optional(),
  }),
);
/** An inbound will not arrive (in full): what is still open no longer counts. */
export const InboundCancelled = event('InboundCancelled', z.strictObject({ inbound: InboundId, node: NodeId, sku: SkuId, reason: Text }));
/** Units left one node for another: off the source's on hand, in transit as an inbound of the destination. */
export const TransferShipped = event(
  'TransferShipped',
  z.strictObject({
    transfer: InboundId,
    from: NodeId,
    to: NodeId,
    sku: SkuId,
    quantity: Quantity,
    expectedAt: Instant,
    lots: LotQuantities.optional(),
    reference: Text.optional(),
  }),
);
/** The safety stock of a position was set. */
export const SafetyStockSet = event('SafetyStockSet', z.strictObject({ node: NodeId, sku: SkuId, quantity: Units }));
/** An order was captured. */
export const OrderPlaced = event('OrderPlaced', z.strictObject({ order: OrderInput }));
/** Every line of the order holds stock at `node`. */
export const OrderReserved = event(
  'OrderReserved',
  z.strictObject({ order: OrderId, node: NodeId, reservations: z.array(ReservationId).min(1) }),
);
/** The routing engine chose the nodes: the plan, its cost and why (the trace `explainOrder` returns). */
export const OrderRouted = event(
  'OrderRouted',
  z.strictObject({
    order: OrderId,
    status: z.enum(['complete', 'partial', 'unroutable']),
    shipments: z.array(z.strictObject({ node: NodeId, lines: LineQuantities })).max(LIMITS.collection),
    cost: z.number().finite(),
    trace: z.record(z.string(), z.json()),
  }),
);
/**
 * Units an order held at a node moved: released there, routed over the other nodes and reserved
 * where the plan put them; the order is reserved again, or backordered when some found no node.
 */
export const OrderRerouted = event(
  'OrderRerouted',
  z.strictObject({
    order: OrderId,
    from: NodeId,
    reason: Text,
    moved: LineQuantities,
    shipments: z.array(z.strictObject({ node: NodeId, lines: LineQuantities })).max(LIMITS.collection),
    reservations: z.array(ReservationId).max(LIMITS.orderLines),
    becomes: z.enum(['reserved', 'backordered']),
    cost: z.number().finite(),
    trace: z.record(z.string(), z.json()),
  }),
);
/** The order was accepted without (enough) stock; it waits for stock. */
export const OrderBackordered = event(
  'OrderBackordered',
  z.strictObject({
    order: OrderId,
    node: NodeId.optional(),
    shortages: z.array(z.strictObject({ sku: SkuId, requested: Quantity, available: z.number().int().min(0) })).min(1),
    /** Set when a higher-priority order took units this order held (pre-emption): who took what. */
    preemptedBy: z.array(z.strictObject({ order: OrderId, sku: SkuId, quantity: Quantity })).min(1).max(LIMITS.collection).optional(),
  }),
);
/** Hold rules fired (or a person held the order): it stays on hold until each is lifted. */
export const OrderHeld = event(
  'OrderHeld',
  z.strictObject({
    order: OrderId,
    holds: z.array(z.strictObject({ kind: HoldKind, reason: Text })).min(1).max(32),
    /** The node the order will reserve at when released, for an order held before it reserved. */
    node: NodeId.optional(),
  }),
);
/** A hold was lifted, by its rule clearing or by a person; `resume` is the status the order returns to when it was the last. */
export const HoldReleased = event(
  'HoldReleased',
  z.strictObject({
    order: OrderId,
    kind: HoldKind,
    by: z.enum(['rule', 'person']),
    note: Text.optional(),
    resume: z.enum(['reserved', 'backordered']).optional(),
  }),
);
/** The order's payment status changed. */
export const PaymentUpdated = event('PaymentUpdated', z.strictObject({ order: OrderId, paymentStatus: PaymentStatus }));
/** The order was handed to the warehouse for execution. */
export const OrderReleased = event('OrderReleased', z.strictObject({ order: OrderId, node: NodeId }));
/** Lines (or parts of them) left the node; `complete` when nothing of the order is left open. */
export const OrderShipped = event('OrderShipped', z.strictObject({ order: OrderId, node: NodeId, lines: LineQuantities, complete: z.boolean() }));
/** Lines (or parts of them) were cancelled; `becomes` is the order's new status when nothing is left open. */
export const OrderLinesCancelled = event(
  'OrderLinesCancelled',
  z.strictObject({ order: OrderId, lines: LineQuantities, reason: Text, becomes: z.enum(['cancelled', 'shipped']).optional() }),
);
/** Shipped units of an order may come back to a node. */
export const ReturnAuthorized = event(
  'ReturnAuthorized',
  z.strictObject({
    rma: ReturnId,
    order: OrderId,
    node: NodeId,
    lines: z.array(z.strictObject({ line: LineId, sku: SkuId, quantity: Quantity, reason: Text.optional() })).min(1).max(LIMITS.orderLines),
  }),
);
/**
 * Returned units arrived, each line with its disposition; restocked and refurbished units move
 * stock by their own inventory events. `becomes` is set when the order is now wholly returned.
 */
export const ReturnReceived = event(
  'ReturnReceived',
  z.strictObject({
    rma: ReturnId,
    order: OrderId,
    node: NodeId,
    lines: z.array(z.strictObject({ line: LineId, sku: SkuId, quantity: Quantity, disposition: ReturnDisposition })).min(1).max(LIMITS.orderLines),
    becomes: z.literal('returned').optional(),
  }),
);
/**
 * Work booked against a node's daily capacity: `units` routed to it on its local `day`, and
 * `orders` 1 when the order is new at the node that day. `within` is the capacity the decision
 * checked; the store refuses the commit if the day's workload would exceed it (a lost race).
 */
export const CapacityBooked = event(
  'CapacityBooked',
  z.strictObject({
    order: OrderId,
    node: NodeId,
    day: CalendarDate,
    orders: z.number().int().min(0).max(1),
    units: Units,
    within: z.strictObject({ orders: Units.optional(), units: Units.optional() }).optional(),
  }),
);
/** Booked work came off a node's day: units cancelled or moved away; `orders` 1 when the order left the node. */
export const CapacityReleased = event(
  'CapacityReleased',
  z.strictObject({ order: OrderId, node: NodeId, day: CalendarDate, orders: z.number().int().min(0).max(1), units: Units, reason: Text }),
);
/** A working calendar was defined or redefined. */
export const CalendarDefined = event('CalendarDefined', z.strictObject({ calendar: Calendar }));
/** A departure (one-off or recurring) was defined or redefined. */
export const DepartureDefined = event('DepartureDefined', z.strictObject({ departure: Departure }));
/** A one-off departure moved: its new ETD, cutoffs and ETA. */
export const DepartureDelayed = event(
  'DepartureDelayed',
  z.strictObject({ departure: DepartureId, departsAt: Instant, cutoffs: z.array(Cutoff).min(1).max(8), arrivesAt: Instant.optional(), reason: Text }),
);
/** A one-off departure was cancelled, or one occurrence (`date`, local) of a recurring pick-up. */
export const DepartureCancelled = event('DepartureCancelled', z.strictObject({ departure: DepartureId, date: CalendarDate.optional(), reason: Text }));
/** A one-off departure left: it takes no more cargo. */
export const DepartureDeparted = event('DepartureDeparted', z.strictObject({ departure: DepartureId }));
/** Release planning put the order on a departure, with its latest and planned release. */
export const OrderScheduled = event('OrderScheduled', z.strictObject({ order: OrderId, schedule: ReleaseSchedule }));

/** The order was cancelled; its reservations are released by their own events. */
export const OrderCancelled = event('OrderCancelled', z.strictObject({ order: OrderId, reason: Text }));

/** Every event fulfillkit emits, discriminated by `type`. */
export const FulfillmentEvent = z.discriminatedUnion('type', [
  NodeDefined,
  SkuDefined,
  StockReceived,
  StockAdjusted,
  StockReserved,
  ReservationReleased,
  ReservationExpired,
  ReservationConsumed,
  ReservationExtended,
  ReservationReduced,
  InboundExpected,
  InboundCancelled,
  TransferShipped,
  SafetyStockSet,
  OrderPlaced,
  OrderReserved,
  OrderBackordered,
  OrderRouted,
  OrderRerouted,
  OrderHeld,
  HoldReleased,
  PaymentUpdated,
  OrderReleased,
  OrderShipped,
  OrderLinesCancelled,
  OrderCancelled,
  CapacityBooked,
  CapacityReleased,
  ReturnAuthorized,
  ReturnReceived,
  CalendarDefined,
  DepartureDefined,
  DepartureDelayed,
  DepartureCancelled,
  DepartureDeparted,
  OrderScheduled,
]);
export type FulfillmentEvent = z.infer<typeof FulfillmentEvent>;
/** The name of each event. */
export type EventType = FulfillmentEvent['type'];
/** The event of one type. */
export type EventOf<T extends EventType> = Extract<FulfillmentEvent, { type: T }>;
/** What an engine decides: an event before the runtime stamps it with id, tenant and time. */
export type EventDraft = { [T in EventType]: { readonly type: T; readonly payload: EventOf<T>['payload'] } }[EventType];

/** An event with its place in the tenant's journal. */
export interface JournalEntry {
  readonly seq: number;
  readonly event: FulfillmentEvent;
}

/**
 * The order an event is about, if any: the placed order's id, or the payload's `order`. Every
 * store indexes its journal by it, so `readOrderJournal` (and `explainOrder`) see the same events.
 *
 * @example
 * ```ts
 * orderOfEvent(placed) // 'o-1' for an OrderPlaced of order o-1; undefined for a StockReceived
 * ```
 */
export function orderOfEvent(event: FulfillmentEvent): string | undefined {
  if (event.type === 'OrderPlaced') return event.payload.order.id;
  const order = (event.payload as { order?: unknown }).order;
  return typeof order === 'string' ? order : undefined;
}
