import { z } from 'zod';
import { Sku } from '../domain/catalog';
import { ChannelId, IdempotencyKey, InboundId, LineId, LotId, NodeId, OrderId, ReservationId, ReturnId, SkuId } from '../domain/ids';
import { ReturnDisposition } from '../domain/returns';
import { LIMITS } from '../domain/limits';
import { AdjustmentReason, InboundKind } from '../domain/inventory';
import { Node } from '../domain/network';
import { OrderInput, PaymentStatus } from '../domain/order';
import { HoldKind, HoldPolicy } from '../domain/holds';
import { RoutingPolicy } from '../routing/policy';
import { AllocationPolicy } from '../allocation/policy';
import { ForecastPolicy } from '../inventory/forecast/policy';
import { CalendarDate, Instant, Quantity, Text, UnitDelta, Units } from '../domain/primitives';

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
  /** The delivery note or document the units came with. */
  reference: Text.optional(),
  /** The purchase order, ASN or transfer received against; it closes when all of it arrived. */
  inbound: InboundId.optional(),
  /** Required for lot-tracked SKUs. */
  lot: LotId.optional(),
  /** Required for a new lot of an expiry-tracked SKU: its last day of sale. */
  expiresOn: CalendarDate.optional(),
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
  /** Required for lot-tracked SKUs. */
  lot: LotId.optional(),
  /** For units found in a lot not yet known, of an expiry-tracked SKU: its last day of sale. */
  expiresOn: CalendarDate.optional(),
  ...keyed,
});
export type AdjustStockInput = z.input<typeof AdjustStockInput>;

/** A duration in milliseconds, up to a year. */
const HoldFor = z.number().int().min(1).max(366 * 24 * 3600 * 1000);

/** Input of `expectInbound`: a purchase order or ASN line. */
export const ExpectInboundInput = z.strictObject({
  id: InboundId,
  node: NodeId,
  sku: SkuId,
  kind: InboundKind.exclude(['transfer']).default('purchase-order'),
  quantity: Quantity,
  expectedAt: Instant,
  reference: Text.optional(),
  ...keyed,
});
export type ExpectInboundInput = z.input<typeof ExpectInboundInput>;

/** Input of `cancelInbound`. */
export const CancelInboundInput = z.strictObject({ inbound: InboundId, reason: Text.default('cancelled'), ...keyed });
export type CancelInboundInput = z.input<typeof CancelInboundInput>;

/** Input of `transferStock`. */
export const TransferStockInput = z.strictObject({
  /** The transfer's id, also the inbound id at the destination; generated when absent. */
  id: InboundId.optional(),
  from: NodeId,
  to: NodeId,
  sku: SkuId,
  quantity: Quantity,
  expectedAt: Instant,
  reference: Text.optional(),
  ...keyed,
});
export type TransferStockInput = z.input<typeof TransferStockInput>;

/** Input of `setSafetyStock`. */
export const SetSafetyStockInput = z.strictObject({ node: NodeId, sku: SkuId, quantity: Units.max(LIMITS.quantity), ...keyed });
export type SetSafetyStockInput = z.input<typeof SetSafetyStockInput>;

/** Input of `reserve`: a hold for a cart, quote or any holder that is not (yet) an order. */
export const ReserveInput = z.strictObject({
  node: NodeId,
  lines: z.array(z.strictObject({ sku: SkuId, quantity: Quantity })).min(1).max(LIMITS.orderLines),
  /** The channel promising: its ring-fence applies. */
  channel: ChannelId.optional(),
  /** Whom the hold is for, e.g. a cart id. */
  holder: z.string().min(1).max(LIMITS.idLength).optional(),
  /** The hold expires after this many milliseconds. */
  holdForMs: HoldFor.optional(),
  ...keyed,
});
export type ReserveInput = z.input<typeof ReserveInput>;

/** Input of `releaseReservations` and `consumeReservations`. */
export const ReservationsInput = z.strictObject({
  reservations: z.array(ReservationId).min(1).max(LIMITS.orderLines),
  reason: Text.default('released by request'),
  ...keyed,
});
export type ReservationsInput = z.input<typeof ReservationsInput>;

/** Input of `extendReservation`: a new expiry, `holdForMs` from now, or neither to hold until it ends. */
export const ExtendReservationInput = z
  .strictObject({ reservation: ReservationId, holdForMs: HoldFor.optional(), expiresAt: Instant.optional(), ...keyed })
  .refine((i) => i.holdForMs === undefined || i.expiresAt === undefined, { message: 'give holdForMs or expiresAt, not both' });
export type ExtendReservationInput = z.input<typeof ExtendReservationInput>;

/** Input of `placeOrder`. */
export const PlaceOrderInput = z.strictObject({
  order: OrderInput,
  /** The node that ships it; absent: the routing engine chooses across the nodes that hold its SKUs. */
  node: NodeId.optional(),
  /** The routing policy for this order instead of the runtime's `policies.routing`. */
  routing: RoutingPolicy.optional(),
  /** `reject` (default) refuses an order that cannot be served in full; `backorder` accepts it. */
  onShortage: z.enum(['reject', 'backorder']).default('reject'),
  /** Reservations expire after this many milliseconds unless the order is released first. */
  holdForMs: HoldFor.optional(),
  /** Hold rules for this order instead of the runtime's `policies.holds`. */
  holds: HoldPolicy.optional(),
  /** Put the order on hold from the start, for this reason. */
  holdReason: Text.optional(),
  ...keyed,
});
export type PlaceOrderInput = z.input<typeof PlaceOrderInput>;

/** Input of `placeOrders`: a release window routed jointly. */
export const PlaceOrdersInput = z.strictObject({
  orders: z
    .array(OrderInput)
    .min(1)
    .max(LIMITS.window)
    .superRefine((orders, ctx) => {
      const seen = new Set<string>();
      orders.forEach((o, i) => {
        if (seen.has(o.id)) ctx.addIssue({ code: 'custom', message: `order ${o.id} is given twice`, path: [i, 'id'] });
        seen.add(o.id);
      });
    }),
  /** The routing policy for the window instead of `policies.routing`; `lookAhead` prices scarce stock first. */
  routing: RoutingPolicy.optional(),
  /** `backorder` (default) accepts what no node serves; `reject` leaves such an order unplaced. */
  onShortage: z.enum(['reject', 'backorder']).default('backorder'),
  holdForMs: HoldFor.optional(),
  holds: HoldPolicy.optional(),
  ...keyed,
});
export type PlaceOrdersInput = z.input<typeof PlaceOrdersInput>;

/** Input of `cancelOrder`. */
export const CancelOrderInput = z.strictObject({ order: OrderId, reason: Text.default('cancelled by request'), ...keyed });
export type CancelOrderInput = z.input<typeof CancelOrderInput>;

/** Input of `holdOrder`: a person holds the order. */
export const HoldOrderInput = z.strictObject({ order: OrderId, reason: Text.min(1), ...keyed });
export type HoldOrderInput = z.input<typeof HoldOrderInput>;

/** Input of `releaseHold`: lift one kind of hold, or every hold. */
export const ReleaseHoldInput = z.strictObject({ order: OrderId, kind: HoldKind.optional(), note: Text.optional(), ...keyed });
export type ReleaseHoldInput = z.input<typeof ReleaseHoldInput>;

/** Input of `updatePayment`. */
export const UpdatePaymentInput = z.strictObject({ order: OrderId, paymentStatus: PaymentStatus, ...keyed });
export type UpdatePaymentInput = z.input<typeof UpdatePaymentInput>;

/** Lines, or parts of them: absent quantity means all that is open on the line. */
const LineRequests = z.array(z.strictObject({ line: LineId, quantity: Quantity.optional() })).min(1).max(LIMITS.orderLines);

/** Input of `shipOrder`: every open line, or the lines (parts) given. */
export const ShipOrderInput = z.strictObject({
  order: OrderId,
  /** For an order routed to several nodes: the node whose shipment left (its planned lines, unless `lines` says). */
  node: NodeId.optional(),
  lines: LineRequests.optional(),
  ...keyed,
});
export type ShipOrderInput = z.input<typeof ShipOrderInput>;

/** Input of `cancelLines`. */
export const CancelLinesInput = z.strictObject({ order: OrderId, lines: LineRequests, reason: Text.default('cancelled by request'), ...keyed });
export type CancelLinesInput = z.input<typeof CancelLinesInput>;

/** Input of `rerouteOrder`. */
export const RerouteOrderInput = z.strictObject({
  order: OrderId,
  /** The node that cannot ship (closed, short-picked, cancelled its part). */
  from: NodeId,
  /** Only these units (a short pick); absent: everything the order holds at `from`. */
  lines: z.array(z.strictObject({ line: LineId, quantity: Quantity })).min(1).max(LIMITS.orderLines).optional(),
  reason: Text.default('rerouted'),
  /** The routing policy instead of the runtime's `policies.routing`. */
  routing: RoutingPolicy.optional(),
  ...keyed,
});
export type RerouteOrderInput = z.input<typeof RerouteOrderInput>;

/** Input of `authorizeReturn`. */
export const AuthorizeReturnInput = z.strictObject({
  order: OrderId,
  /** The RMA's id; generated when absent. */
  id: ReturnId.optional(),
  /** Where the units come back to; absent: the node that shipped the order. */
  node: NodeId.optional(),
  lines: z.array(z.strictObject({ line: LineId, quantity: Quantity, reason: Text.optional() })).min(1).max(LIMITS.orderLines),
  ...keyed,
});
export type AuthorizeReturnInput = z.input<typeof AuthorizeReturnInput>;

/** Input of `receiveReturn`. */
export const ReceiveReturnInput = z.strictObject({
  rma: ReturnId,
  lines: z.array(z.strictObject({ line: LineId, quantity: Quantity, disposition: ReturnDisposition })).min(1).max(LIMITS.orderLines),
  /** Days until refurbished units are expected back in stock. */
  refurbishDays: z.number().int().min(0).max(365).default(7),
  ...keyed,
});
export type ReceiveReturnInput = z.input<typeof ReceiveReturnInput>;

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
export const AvailabilityQuery = z.strictObject({
  node: NodeId.optional(),
  channel: ChannelId.optional(),
  /** Time-phased: also count open inbound expected by this instant. */
  on: z.union([Instant, z.number().int().min(0), z.date()]).optional(),
});
export type AvailabilityQuery = z.input<typeof AvailabilityQuery>;

/** Options of `readJournal`. */
export const JournalQuery = z.strictObject({
  after: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100_000).default(1_000),
});
export type JournalQuery = z.input<typeof JournalQuery>;

/** Input of `forecastDemand`: a SKU's daily demand from the ledger, forecast by the best method on a holdout. */
export const ForecastQuery = z.strictObject({
  sku: SkuId,
  /** One node's demand; absent: the network's. */
  node: NodeId.optional(),
  /** Completed days of history to read (UTC days before today). */
  days: z.number().int().min(4).max(3_650).default(90),
  /** Methods, horizon, holdout … (see `ForecastPolicy`). */
  policy: ForecastPolicy.optional(),
});
export type ForecastQuery = z.input<typeof ForecastQuery>;

/** Input of `allocateBacklog`. */
export const BacklogInput = z.strictObject({
  /** Only the backlog waiting at this node; absent: every node's. */
  node: NodeId.optional(),
  /** The allocation policy instead of the runtime's `policies.allocation`. */
  policy: AllocationPolicy.optional(),
  /** Most backordered orders looked at, oldest first. */
  limit: z.number().int().min(1).max(100_000).default(1_000),
  /**
   * When the policy pre-empts: most reserved orders read per node as candidate victims, oldest
   * placed first across the tenant (those at the node count). Reserved orders beyond it are not
   * pre-empted by this call.
   */
  preemptionScan: z.number().int().min(1).max(100_000).default(1_000),
});
export type BacklogInput = z.input<typeof BacklogInput>;
