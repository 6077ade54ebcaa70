import EventEmitter from 'eventemitter3';
import type { z } from 'zod';
import type { Sku, SkuInput } from '../domain/catalog';
import type { IdSource } from '../domain/decider';
import type { EventOf, EventType, JournalEntry } from '../domain/events';
import { InboundId, type NodeId, OrderId, ReservationId, ReturnId, SkuId, TenantId } from '../domain/ids';
import type { Return } from '../domain/returns';
import type { Inbound, Position, Reservation } from '../domain/inventory';
import type { Node, NodeInput } from '../domain/network';
import type { Order } from '../domain/order';
import { HoldPolicy, type HoldPolicyInput } from '../domain/holds';
import { RoutingPolicy, type RoutingPolicyInput } from '../routing/policy';
import { AllocationPolicy, type AllocationPolicyInput } from '../allocation/policy';
import type { PreemptedUnits } from '../allocation/result';
import { parse } from '../domain/parse';
import { instantMs } from '../domain/time';
import { own, type Versioned } from '../domain/state';
import { type Availability, readAvailability } from './availability';
import { type DemandHistorySeries, historyWindow, readDemandHistory } from './demand-history';
import { readReplenishment, ReplenishmentQuery } from './replenishment-query';
import { CapacityQuery, type NodeCapacity, readCapacity } from './capacity-query';
import { ClassificationQuery, readClassification } from './classification-query';
import type { InventoryClassification } from '../inventory/classification/classify';
import type { ReplenishmentSuggestion } from '../inventory/replenishment/suggestion';
import { type DemandForecast, forecastDemand as forecastDemandOf } from '../inventory/forecast/forecast-demand';
import * as commands from './commands';
import type { WindowReport } from './commands/orders';
import { type CommandSpec, execute, type FulfillmentListeners, type RetryPolicy, type RuntimeEnv } from './executor';
import {
  AdjustStockInput,
  AvailabilityQuery,
  CancelInboundInput,
  CancelOrderInput,
  ExpectInboundInput,
  ExtendReservationInput,
  ForecastQuery,
  CancelLinesInput,
  ShipOrderInput,
  AuthorizeReturnInput,
  RerouteOrderInput,
  ReceiveReturnInput,
  BacklogInput,
  HoldOrderInput,
  ReleaseHoldInput,
  UpdatePaymentInput,
  ReservationsInput,
  ReserveInput,
  SetSafetyStockInput,
  TransferStockInput,
  DefineNodeInput,
  DefineSkuInput,
  ExpireInput,
  JournalQuery,
  OrderRefInput,
  PlaceOrderInput,
  PlaceOrdersInput,
  ReceiveStockInput,
} from './inputs';
import type { Clock, Store, Transport } from './ports';
import { type SchedulingCommands, type SchedulingPolicies, schedulingCommands } from './scheduling';
import { randomIds, systemClock } from './system';

/** How to build a runtime. Only `store` is required. */
export interface FulfillmentOptions {
  readonly store: Store;
  readonly transport?: Transport;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** The tenant the runtime acts for; `forTenant` gives another. Default `default`. */
  readonly tenant?: string;
  readonly retry?: Partial<RetryPolicy>;
  /** Random numbers in [0, 1) for retry jitter; default `Math.random`. */
  readonly random?: () => number;
  /**
   * Policies as data. `holds`: the rules that hold orders at placement (default: payment pending or
   * failed). `routing`: how orders placed without a node are routed (costs, fulfilment, max shipments …).
   * `allocation`: how `allocateBacklog` shares scarce stock among backorders (default FIFO).
   */
  readonly policies?: {
    readonly holds?: HoldPolicyInput;
    readonly routing?: RoutingPolicyInput;
    readonly allocation?: AllocationPolicyInput;
    /** Run `allocateBacklog` for a node after every receipt there (default false). */
    readonly fillBackordersOnReceipt?: boolean;
  } & SchedulingPolicies;
  /** Hears failures after a commit (a throwing listener, a transport down); default `console.error`. */
  readonly onError?: (error: unknown, where: string) => void;
}

/**
 * What `allocateBacklog` did: the orders it filled (now reserved) and those still waiting; when the
 * policy pre-empts, also the units taken from reserved orders and by whom (those orders now wait
 * in the backlog, their `OrderBackordered` event and status reason naming the taker).
 */
export interface BacklogReport {
  readonly filled: readonly OrderId[];
  readonly waiting: readonly OrderId[];
  readonly preempted?: readonly PreemptedUnits[];
}

/** One routing decision about an order: at placement (`OrderRouted`) or a reroute (`OrderRerouted`, with `from` and `reason`). */
export type RoutingDecision = { readonly at: string; readonly status: string } & Pick<EventOf<'OrderRouted'>['payload'], 'order' | 'shipments' | 'cost' | 'trace'> & {
    readonly from?: string;
    readonly reason?: string;
  };

/** What `explainOrder` tells. */
export interface OrderExplanation {
  readonly order: Order;
  /** Each routing decision (placement, and any reroute): when, the plan, its cost and its trace. */
  readonly routing: readonly RoutingDecision[];
  readonly holds: Order['holds'];
  readonly history: Order['history'];
  /** Every event about the order, in order. */
  readonly events: readonly JournalEntry[];
}

/**
 * The fulfillment runtime for one tenant: commands, queries and event subscriptions; calendars,
 * departures, release planning and promises come from `SchedulingCommands`.
 */
export interface Fulfillment extends SchedulingCommands {
  readonly tenant: TenantId;
  /** Defines (or redefines) a node. */
  defineNode(input: NodeInput): Promise<Versioned<Node>>;
  /** Defines (or redefines) a SKU. */
  defineSku(input: SkuInput): Promise<Versioned<Sku>>;
  /** Adds received units to on hand. */
  receiveStock(input: ReceiveStockInput): Promise<EventOf<'StockReceived'>>;
  /** Changes on hand with a reason code; a decrease may not take units someone holds. */
  adjustStock(input: AdjustStockInput): Promise<EventOf<'StockAdjusted'>>;
  /** Records a purchase order or ASN line: units expected at a node by a time (time-phased ATP counts them). */
  expectInbound(input: ExpectInboundInput): Promise<Inbound>;
  /** Cancels what is still open of an inbound. */
  cancelInbound(input: CancelInboundInput): Promise<Inbound>;
  /** Ships units to another node: off the source now, in transit until received there against the transfer. */
  transferStock(input: TransferStockInput): Promise<Inbound>;
  /** Sets a position's safety stock: units never promised. */
  setSafetyStock(input: SetSafetyStockInput): Promise<Position>;
  /** Holds units for a cart or other holder, all lines or none, optionally until an expiry. */
  reserve(input: ReserveInput): Promise<Reservation[]>;
  /** Releases reservations; their units are available again. */
  releaseReservations(input: ReservationsInput): Promise<Reservation[]>;
  /** Consumes reservations: the units left on hand (a sale or shipment outside an order). */
  consumeReservations(input: ReservationsInput): Promise<Reservation[]>;
  /** Moves a reservation's expiry (`holdForMs` from now or `expiresAt`), or removes it (neither given). */
  extendReservation(input: ExtendReservationInput): Promise<Reservation>;
  /**
   * Places an order: hold rules, then all its lines reserved at the named node (all or nothing, or
   * backordered), or, without a node, routed across nodes at least cost with a trace.
   */
  placeOrder(input: PlaceOrderInput): Promise<Order>;
  /**
   * Places a release window (up to 500 orders) in one commit, routed jointly: the window shares
   * stock and nodes' capacity, and with `routing.lookAhead` scarce stock is priced first, so an
   * early order leaves what later ones need. Orders placed before are skipped; under
   * `onShortage: 'reject'` an order the window cannot serve in full is refused, the rest placed.
   */
  placeOrders(input: PlaceOrdersInput): Promise<WindowReport>;
  /**
   * Moves what an order holds at a node (all of it, or a short pick's units) to other nodes, routed at
   * least cost; the order is reserved again, or backordered when no node can take the units.
   */
  rerouteOrder(input: RerouteOrderInput): Promise<Order>;
  /** Authorises the return of shipped units (an RMA), to the shipping node unless another is named. */
  authorizeReturn(input: AuthorizeReturnInput): Promise<Return>;
  /** Receives returned units: restock (back on hand), refurbish (an inbound due later) or scrap. */
  receiveReturn(input: ReceiveReturnInput): Promise<Return>;
  /** The return authorisation, or undefined. */
  getReturn(id: string): Promise<Return | undefined>;
  /**
   * Fills backordered orders from what their node can promise now, by the allocation policy (FIFO,
   * priority, promise date, fair share, max value): each order whole or not at all. With the
   * policy's `preemption`, a backorder may also take units that lower-priority orders hold at its
   * node while still `reserved` (never once released to the warehouse); they become backordered.
   */
  allocateBacklog(input?: BacklogInput): Promise<BacklogReport>;
  /** A person puts an order on hold. */
  holdOrder(input: HoldOrderInput): Promise<Order>;
  /** Lifts one kind of hold (or all); when the last goes, the order resumes. */
  releaseHold(input: ReleaseHoldInput | string): Promise<Order>;
  /** Records the order's payment status; a payment hold lifts itself when its rule no longer fires. */
  updatePayment(input: UpdatePaymentInput): Promise<Order>;
  /** Cancels an order and releases what it holds. */
  cancelOrder(input: CancelOrderInput | string): Promise<Order>;
  /** Hands a reserved order to the warehouse; its reservations stop expiring. */
  releaseOrder(input: OrderRefInput | string): Promise<Order>;
  /** Records that lines left the node (all that is open, or the parts given): held units are consumed from on hand. */
  shipOrder(input: ShipOrderInput | string): Promise<Order>;
  /** Cancels lines or parts of them; their held units go back. Nothing left open: the order ends cancelled, or shipped. */
  cancelLines(input: CancelLinesInput): Promise<Order>;
  /** Expires every reservation due at `now` and cancels the orders that lost stock to it. */
  expireReservations(input?: ExpireInput): Promise<commands.ExpiryReport>;
  /** The order, or undefined. */
  getOrder(id: string): Promise<Order | undefined>;
  /**
   * Why the order is where it is: each routing decision with its trace (candidates, rules that
   * fired, options rejected), its holds and its history, and every event about it.
   */
  explainOrder(id: string): Promise<OrderExplanation | undefined>;
  /**
   * Available-to-promise of a SKU, per node and in total, with the terms of each figure; for one
   * node or channel when asked, and time-phased (`on`: open inbound due by then counts).
   */
  getAvailability(sku: string, query?: AvailabilityQuery): Promise<Availability>;
  /**
   * Forecasts a SKU's daily demand (at a node or network-wide) from the demand ledger: each method
   * of the policy is fitted on the history and scored on a holdout; the best forecasts `horizon` days.
   */
  forecastDemand(input: ForecastQuery): Promise<DemandForecast & { readonly history: DemandHistorySeries }>;
  /**
   * What to buy or move: for each node × SKU, the position (on hand, held, open inbound) against the
   * policy's reorder point, min–max or periodic target, with safety stock from the service level and
   * the demand ledger's daily mean and spread. Prefers a transfer from a node with excess.
   */
  suggestReplenishment(input: ReplenishmentQuery): Promise<ReplenishmentSuggestion[]>;
  /**
   * ABC by value, XYZ by demand variability, days of cover, and slow-moving, excess and obsolete
   * lists with the figures behind each verdict, from positions, unit values and the demand ledger.
   */
  classifyInventory(input: ClassificationQuery): Promise<InventoryClassification>;
  /**
   * Nodes' daily capacity against the work routed to them, on each node's local today (or `day`):
   * the figures routing checks. Unknown nodes are left out.
   */
  getCapacity(input: CapacityQuery): Promise<NodeCapacity[]>;
  /** The reservation, or undefined. */
  getReservation(id: string): Promise<Reservation | undefined>;
  /** The inbound (purchase order, ASN or transfer line), or undefined. */
  getInbound(id: string): Promise<Inbound | undefined>;
  /** The tenant's events in commit order, after a sequence number. */
  readJournal(query?: JournalQuery): Promise<readonly JournalEntry[]>;
  /** Calls `listener` after each committed event of `type` (`'*'`: all); returns an unsubscribe. */
  on<T extends EventType | '*'>(type: T, listener: (...args: FulfillmentListeners[T]) => void): () => void;
  /** The same runtime acting for another tenant. */
  forTenant(tenant: string): Fulfillment;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 2, maxDelayMs: 50 };

/**
 * Builds the fulfillment runtime over a store (and optionally a transport, clock and id source).
 *
 * @example
 * ```ts
 * import { createFulfillment } from 'fulfillkit'
 * import { memoryStore } from 'fulfillkit/adapters/memory'
 *
 * const ff = createFulfillment({ store: memoryStore() })
 * await ff.defineNode({ id: 'berlin' })
 * await ff.defineSku({ id: 'tee-m' })
 * await ff.receiveStock({ node: 'berlin', sku: 'tee-m', quantity: 10 })
 * const order = await ff.placeOrder({ node: 'berlin', order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'tee-m', quantity: 2 }] } })
 * ```
 */
export function createFulfillment(options: FulfillmentOptions): Fulfillment {
  const tenant = parse(TenantId, options.tenant ?? 'default', 'createFulfillment.tenant');
  const env: RuntimeEnv = {
    store: options.store,
    transport: options.transport,
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    tenant,
    emitter: new EventEmitter<FulfillmentListeners>(),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    random: options.random ?? Math.random,
    onError: options.onError ?? ((error, where) => console.error(`[fulfillkit] after commit, in ${where}:`, error)),
  };
  const holdPolicy = parse(HoldPolicy, options.policies?.holds ?? {}, 'createFulfillment.policies.holds');
  const routingPolicy = parse(RoutingPolicy, options.policies?.routing ?? {}, 'createFulfillment.policies.routing');
  const allocationPolicy = parse(AllocationPolicy, options.policies?.allocation ?? { rule: 'fifo' }, 'createFulfillment.policies.allocation');
  const orderRef = (input: { order: string } | string) => (typeof input === 'string' ? { order: input } : input);
  // Async so that bad input rejects the returned promise rather than throwing at the call.
  const run = async <S extends z.ZodType, R>(spec: CommandSpec<z.infer<S>, R>, schema: S, input: unknown): Promise<R> =>
    execute(env, spec, parse(schema, input, spec.name));

  const fulfillment: Fulfillment = {
    tenant,
    ...schedulingCommands(env, options.policies),
    defineNode: (input) => run(commands.defineNode, DefineNodeInput, input),
    defineSku: (input) => run(commands.defineSku, DefineSkuInput, input),
    receiveStock: async (input) => {
      const received = await run(commands.receiveStock, ReceiveStockInput, input);
      // The receipt stands on its own; filling the node's backlog is a second command after it.
      if (options.policies?.fillBackordersOnReceipt) await fulfillment.allocateBacklog({ node: received.payload.node });
      return received;
    },
    adjustStock: (input) => run(commands.adjustStock, AdjustStockInput, input),
    placeOrder: async (input) => {
      const parsed = parse(PlaceOrderInput, input, 'placeOrder');
      return execute(env, commands.placeOrder, { ...parsed, holdPolicy, routingPolicy }, parsed);
    },
    placeOrders: async (input) => {
      const parsed = parse(PlaceOrdersInput, input, 'placeOrders');
      return execute(env, commands.placeOrders, { ...parsed, holdPolicy, routingPolicy }, parsed);
    },
    holdOrder: (input) => run(commands.holdOrder, HoldOrderInput, input),
    releaseHold: (input) => run(commands.releaseHold, ReleaseHoldInput, orderRef(input)),
    updatePayment: async (input) => {
      const parsed = parse(UpdatePaymentInput, input, 'updatePayment');
      return execute(env, commands.updatePayment, { ...parsed, holdPolicy }, parsed);
    },
    cancelOrder: (input) => run(commands.cancelOrder, CancelOrderInput, orderRef(input)),
    releaseOrder: (input) => run(commands.releaseOrder, OrderRefInput, orderRef(input)),
    shipOrder: (input) => run(commands.shipOrder, ShipOrderInput, orderRef(input)),
    cancelLines: (input) => run(commands.cancelLines, CancelLinesInput, input),
    rerouteOrder: async (input) => {
      const parsed = parse(RerouteOrderInput, input, 'rerouteOrder');
      return execute(env, commands.rerouteOrder, { ...parsed, routingPolicy }, parsed);
    },
    authorizeReturn: async (input) => {
      const parsed = parse(AuthorizeReturnInput, input, 'authorizeReturn');
      return execute(env, commands.authorizeReturn, { ...parsed, id: parsed.id ?? (env.ids.next('rma') as ReturnId) }, parsed);
    },
    receiveReturn: (input) => run(commands.receiveReturn, ReceiveReturnInput, input),
    allocateBacklog: async (input = {}) => {
      const q = parse(BacklogInput, input, 'allocateBacklog');
      const policy = q.policy ?? allocationPolicy;
      const waiting = await env.store.findOrdersByStatus(tenant, 'backordered', q.limit);
      const orders = Object.values((await env.store.load(tenant, { orders: waiting })).orders);
      const byNode = new Map<NodeId, OrderId[]>();
      for (const o of orders) if (o.node && (q.node === undefined || o.node === q.node)) byNode.set(o.node, [...(byNode.get(o.node) ?? []), o.id]);
      const filled: OrderId[] = [];
      const preempted: PreemptedUnits[] = [];
      for (const [node, ids] of [...byNode].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const fill = await execute(env, commands.fillBacklog, { node, orders: ids, policy, preemptionScan: q.preemptionScan });
        filled.push(...fill.filled);
        preempted.push(...fill.preempted);
      }
      const considered = new Set([...byNode.values()].flat());
      const done = new Set(filled);
      const waitingIds = orders.map((o) => o.id).filter((id) => considered.has(id) && !done.has(id));
      return { filled, waiting: waitingIds, ...(policy.preemption?.enabled ? { preempted } : {}) };
    },
    getReturn: async (id) => {
      const returnId = parse(ReturnId, id, 'getReturn');
      return own((await env.store.load(tenant, { returns: [returnId] })).returns, returnId);
    },
    expectInbound: (input) => run(commands.expectInbound, ExpectInboundInput, input),
    cancelInbound: (input) => run(commands.cancelInbound, CancelInboundInput, input),
    transferStock: async (input) => {
      const parsed = parse(TransferStockInput, input, 'transferStock');
      return execute(env, commands.transferStock, { ...parsed, id: parsed.id ?? (env.ids.next('trf') as InboundId) }, parsed);
    },
    setSafetyStock: (input) => run(commands.setSafetyStock, SetSafetyStockInput, input),
    reserve: (input) => run(commands.reserve, ReserveInput, input),
    releaseReservations: (input) => run(commands.releaseReservations, ReservationsInput, input),
    consumeReservations: (input) => run(commands.consumeReservations, ReservationsInput, input),
    extendReservation: (input) => run(commands.extendReservation, ExtendReservationInput, input),
    expireReservations: async (input = {}) => {
      const { now, batchSize } = parse(ExpireInput, input, 'expireReservations');
      const at = now === undefined ? env.clock.now() : instantMs(now);
      const clock: Clock = { now: () => at };
      const expired: commands.ExpiryReport['expired'][number][] = [];
      const cancelledOrders: commands.ExpiryReport['cancelledOrders'][number][] = [];
      for (;;) {
        const due = await env.store.findDueReservations(tenant, new Date(at).toISOString(), batchSize);
        if (due.length === 0) break;
        const report = await execute({ ...env, clock }, commands.expireBatch, { due });
        expired.push(...report.expired);
        cancelledOrders.push(...report.cancelledOrders);
        // Everything found was already ended by someone else: nothing left that this call can do.
        if (report.expired.length === 0) break;
      }
      return { expired, cancelledOrders };
    },
    getOrder: async (id) => {
      const orderId = parse(OrderId, id, 'getOrder');
      return own((await env.store.load(tenant, { orders: [orderId] })).orders, orderId);
    },
    explainOrder: async (id) => {
      const orderId = parse(OrderId, id, 'explainOrder');
      const order = own((await env.store.load(tenant, { orders: [orderId] })).orders, orderId);
      if (!order) return undefined;
      const events = await env.store.readOrderJournal(tenant, orderId);
      const routing = events.flatMap(({ event }): RoutingDecision[] => {
        if (event.type === 'OrderRouted') return [{ at: event.at, ...event.payload }];
        if (event.type === 'OrderRerouted') return [{ at: event.at, status: event.payload.becomes, ...event.payload }];
        return [];
      });
      return { order, routing, holds: order.holds, history: order.history, events };
    },
    getAvailability: async (sku, query = {}) => {
      const { on, ...q } = parse(AvailabilityQuery, query, 'getAvailability');
      const filter = { ...q, on: on === undefined ? undefined : instantMs(on) };
      return readAvailability(env.store, tenant, parse(SkuId, sku, 'getAvailability.sku'), filter, env.clock.now());
    },
    forecastDemand: async (input) => {
      const q = parse(ForecastQuery, input, 'forecastDemand');
      const [history] = await readDemandHistory(env.store, tenant, [q.sku], q.node === undefined ? undefined : [q.node], historyWindow(env.clock.now(), q.days));
      return { ...forecastDemandOf(history!.values, q.policy), history: history! };
    },
    suggestReplenishment: async (input) => readReplenishment(env.store, tenant, parse(ReplenishmentQuery, input, 'suggestReplenishment'), env.clock.now()),
    getCapacity: async (input) => readCapacity(env.store, tenant, parse(CapacityQuery, input, 'getCapacity'), env.clock.now()),
    classifyInventory: async (input) => readClassification(env.store, tenant, parse(ClassificationQuery, input, 'classifyInventory'), env.clock.now()),
    getReservation: async (id) => {
      const reservationId = parse(ReservationId, id, 'getReservation');
      return own((await env.store.load(tenant, { reservations: [reservationId] })).reservations, reservationId);
    },
    getInbound: async (id) => {
      const inboundId = parse(InboundId, id, 'getInbound');
      return own((await env.store.load(tenant, { inbound: [inboundId] })).inbound, inboundId);
    },
    readJournal: async (query = {}) => {
      const q = parse(JournalQuery, query, 'readJournal');
      return env.store.readJournal(tenant, q);
    },
    on: (type, listener) => {
      env.emitter.on(type, listener as never);
      return () => {
        env.emitter.off(type, listener as never);
      };
    },
    forTenant: (other) => createFulfillment({ ...options, tenant: other }),
  };
  return fulfillment;
}

