import type { z } from 'zod';
import type { EventDraft } from '../../domain/events';
import { ValidationError } from '../../domain/errors';
import type { NodeId, OrderId, ReservationId, ReturnId, TenantId } from '../../domain/ids';
import type { Return } from '../../domain/returns';
import type { Order } from '../../domain/order';
import { type FulfillmentState, own } from '../../domain/state';
import { localDate } from '../../domain/time';
import { decideOrder } from '../../orders/decide';
import type { CommandSpec } from '../executor';
import type { AuthorizeReturnInput, PlaceOrdersInput, RerouteOrderInput, CancelLinesInput, CancelOrderInput, HoldOrderInput, OrderRefInput, PlaceOrderInput, ReceiveReturnInput, ReleaseHoldInput, ShipOrderInput, UpdatePaymentInput } from '../inputs';
import type { HoldPolicy } from '../../domain/holds';
import type { RoutingPolicy } from '../../routing/policy';
import type { AllocationPolicyInput } from '../../allocation/policy';
import type { PreemptedUnits } from '../../allocation/result';
import { preempts } from '../../orders/preemption';
import type { Store } from '../ports';

type Parsed<S extends z.ZodType> = z.infer<S>;

/** What `expireReservations` did. */
export interface ExpiryReport {
  readonly expired: readonly ReservationId[];
  readonly cancelledOrders: readonly OrderId[];
}

function orderIn(after: FulfillmentState, id: OrderId): Order {
  return own(after.orders, id)!;
}

/** Loads an order, then the reservations it holds. */
async function loadOrder(store: Store, tenant: TenantId, id: OrderId): Promise<FulfillmentState> {
  const first = await store.load(tenant, { orders: [id] });
  const order = own(first.orders, id);
  if (!order || order.reservations.length === 0) return first;
  const more = await store.load(tenant, { reservations: order.reservations });
  return { ...first, reservations: more.reservations };
}

/** Loads an order and its reservations, and what reserving its lines at its node needs. */
async function loadOrderForStock(store: Store, tenant: TenantId, id: OrderId): Promise<FulfillmentState> {
  const first = await loadOrder(store, tenant, id);
  const order = own(first.orders, id);
  if (!order?.node) return first;
  const skus = [...new Set(order.lines.map((l) => l.sku))];
  const stock = await store.load(tenant, { nodes: [order.node], skus, positions: skus.map((sku) => ({ node: order.node!, sku })) });
  return { ...first, nodes: stock.nodes, skus: stock.skus, positions: stock.positions };
}

/** Whether routing prices lateness (then it needs each node's delivery days). */
function pricesLateness(policy: RoutingPolicy, override?: { readonly cost?: { readonly latenessPerDay?: number | undefined } | undefined }): boolean {
  return (override?.cost?.latenessPerDay ?? policy.cost.latenessPerDay) > 0;
}

/**
 * Routing candidates: the nodes, and the workload each has booked on its local day; when routing
 * prices lateness, also their departures and calendars (each node's delivery days).
 */
async function loadCandidates(
  store: Store,
  tenant: TenantId,
  ids: readonly NodeId[],
  now: number,
  schedules: boolean,
): Promise<Pick<FulfillmentState, 'nodes' | 'workload' | 'departures' | 'calendars'>> {
  const { nodes, departures } = await store.load(tenant, { nodes: ids, ...(schedules ? { departuresOfNodes: ids } : {}) });
  const workload = Object.values(nodes).map((n) => ({ node: n.id, day: localDate(now, n.timeZone) }));
  const calendars = [...new Set([...Object.values(nodes), ...Object.values(departures)].flatMap((x) => (x.calendar ? [x.calendar] : [])))];
  const more = await store.load(tenant, { workload, ...(calendars.length > 0 ? { calendars } : {}) });
  return { nodes, workload: more.workload, departures, calendars: more.calendars };
}

/** Places an order at a node: validates, evaluates hold rules, reserves all lines or backorders. */
export const placeOrder: CommandSpec<Parsed<typeof PlaceOrderInput> & { readonly holdPolicy: HoldPolicy; readonly routingPolicy: RoutingPolicy }, Order> = {
  name: 'placeOrder',
  // An order id is a natural key: placing the same order twice returns the first outcome.
  idempotencyKey: (i) => i.idempotencyKey ?? i.order.idempotencyKey ?? `placeOrder:${i.order.id}`,
  load: async (i, store, tenant, now) => {
    const skus = [...new Set(i.order.lines.map((l) => l.sku))];
    const node = i.node;
    if (node !== undefined) return store.load(tenant, { orders: [i.order.id], nodes: [node], skus, positions: skus.map((sku) => ({ node, sku })) });
    // Routed: every node that holds any of the SKUs is a candidate.
    const stock = await store.load(tenant, { orders: [i.order.id], skus, positionsOfSkus: skus });
    return { ...stock, ...(await loadCandidates(store, tenant, Object.keys(stock.positions) as NodeId[], now, pricesLateness(i.routing ?? i.routingPolicy))) };
  },
  decide: (i, slice, ctx) =>
    decideOrder(
      {
        type: 'PlaceOrder',
        order: i.order,
        node: i.node,
        routing: i.routing ?? i.routingPolicy,
        onShortage: i.onShortage,
        holdFor: i.holdForMs,
        holds: i.holds ?? i.holdPolicy,
        holdReason: i.holdReason,
      },
      slice,
      ctx,
    ),
  result: (i, after) => orderIn(after, i.order.id),
};

/** What `placeOrders` did with the window. */
export interface WindowReport {
  /** Orders placed by this call, in the order given. */
  readonly placed: readonly Order[];
  /** Orders placed before (by id): left as they are. */
  readonly skipped: readonly OrderId[];
  /** Orders no plan serves in full under `onShortage: 'reject'`: not placed. */
  readonly refused: readonly OrderId[];
}

/** Places a release window of orders, routed jointly (`routeBatch`), in one commit. */
export const placeOrders: CommandSpec<Parsed<typeof PlaceOrdersInput> & { readonly holdPolicy: HoldPolicy; readonly routingPolicy: RoutingPolicy }, WindowReport> = {
  name: 'placeOrders',
  idempotencyKey: (i) => i.idempotencyKey,
  load: async (i, store, tenant, now) => {
    const skus = [...new Set(i.orders.flatMap((o) => o.lines.map((l) => l.sku)))];
    const stock = await store.load(tenant, { orders: i.orders.map((o) => o.id), skus, positionsOfSkus: skus });
    // A window shares one list of nodes: no per-order delivery days, so no departures to load.
    return { ...stock, ...(await loadCandidates(store, tenant, Object.keys(stock.positions) as NodeId[], now, false)) };
  },
  decide: (i, slice, ctx) =>
    decideOrder(
      { type: 'PlaceWindow', orders: i.orders, routing: i.routing ?? i.routingPolicy, onShortage: i.onShortage, holdFor: i.holdForMs, holds: i.holds ?? i.holdPolicy },
      slice,
      ctx,
    ),
  result: (i, after, events) => {
    const placed = new Set(events.flatMap((e) => (e.type === 'OrderPlaced' ? [e.payload.order.id] : [])));
    return {
      placed: i.orders.flatMap((o) => (placed.has(o.id) ? [orderIn(after, o.id)] : [])),
      skipped: i.orders.flatMap((o) => (!placed.has(o.id) && own(after.orders, o.id) ? [o.id] : [])),
      refused: i.orders.flatMap((o) => (own(after.orders, o.id) ? [] : [o.id])),
    };
  },
};

function orderCommand<I extends { order: OrderId; idempotencyKey?: string | undefined }>(
  name: string,
  decide: (input: I) => Parameters<typeof decideOrder>[0],
): CommandSpec<I, Order> {
  return {
    name,
    idempotencyKey: (i) => i.idempotencyKey,
    load: (i, store, tenant) => loadOrder(store, tenant, i.order),
    decide: (i, slice, ctx): readonly EventDraft[] => decideOrder(decide(i), slice, ctx),
    result: (i, after) => orderIn(after, i.order),
  };
}

export const cancelOrder = orderCommand<Parsed<typeof CancelOrderInput>>('cancelOrder', (i) => ({
  type: 'CancelOrder',
  order: i.order,
  reason: i.reason,
}));
/** A person holds an order. */
export const holdOrder = orderCommand<Parsed<typeof HoldOrderInput>>('holdOrder', (i) => ({ type: 'HoldOrder', order: i.order, reason: i.reason }));

/** Lifts holds; the last one lifted resumes the order (reserving now if it was held before reserving). */
export const releaseHold: CommandSpec<Parsed<typeof ReleaseHoldInput>, Order> = {
  name: 'releaseHold',
  idempotencyKey: (i) => i.idempotencyKey,
  load: (i, store, tenant) => loadOrderForStock(store, tenant, i.order),
  decide: (i, slice, ctx) => decideOrder({ type: 'ReleaseHold', order: i.order, kind: i.kind, note: i.note }, slice, ctx),
  result: (i, after) => orderIn(after, i.order),
};

/** Records a payment status; a payment hold whose rule no longer fires is lifted. */
export const updatePayment: CommandSpec<Parsed<typeof UpdatePaymentInput> & { readonly holdPolicy: HoldPolicy }, Order> = {
  name: 'updatePayment',
  idempotencyKey: (i) => i.idempotencyKey,
  load: (i, store, tenant) => loadOrderForStock(store, tenant, i.order),
  decide: (i, slice, ctx) => decideOrder({ type: 'UpdatePayment', order: i.order, paymentStatus: i.paymentStatus, holds: i.holdPolicy }, slice, ctx),
  result: (i, after) => orderIn(after, i.order),
};

export const releaseOrder = orderCommand<Parsed<typeof OrderRefInput>>('releaseOrder', (i) => ({ type: 'ReleaseOrder', order: i.order }));
export const shipOrder = orderCommand<Parsed<typeof ShipOrderInput>>('shipOrder', (i) => ({ type: 'ShipOrder', order: i.order, node: i.node, lines: i.lines }));
/** Cancels lines or parts of them; their held units go back. */
export const cancelLines = orderCommand<Parsed<typeof CancelLinesInput>>('cancelLines', (i) => ({ type: 'CancelLines', order: i.order, lines: i.lines, reason: i.reason }));

/** One batch of expiries: the due reservations, their orders, and those orders' other reservations. */
export const expireBatch: CommandSpec<{ readonly due: readonly ReservationId[] }, ExpiryReport> = {
  name: 'expireReservations',
  idempotencyKey: () => undefined,
  load: async ({ due }, store, tenant) => {
    const first = await store.load(tenant, { reservations: due });
    const orderIds = [...new Set(Object.values(first.reservations).flatMap((r) => (r.order ? [r.order] : [])))];
    if (orderIds.length === 0) return first;
    const withOrders = await store.load(tenant, { orders: orderIds });
    const siblings = Object.values(withOrders.orders).flatMap((o) => o.reservations);
    const all = await store.load(tenant, { reservations: [...new Set([...due, ...siblings])] });
    return { ...first, orders: withOrders.orders, reservations: all.reservations };
  },
  decide: ({ due }, slice, ctx) => decideOrder({ type: 'ExpireReservations', reservations: due }, slice, ctx),
  result: (_i, _after, events) => ({
    expired: events.flatMap((e) => (e.type === 'ReservationExpired' ? [e.payload.reservation] : [])),
    cancelledOrders: events.flatMap((e) => (e.type === 'OrderCancelled' ? [e.payload.order] : [])),
  }),
};

/** Authorises the return of shipped units (to the shipping node unless another is named). */
export const authorizeReturn: CommandSpec<Parsed<typeof AuthorizeReturnInput> & { readonly id: ReturnId }, Return> = {
  name: 'authorizeReturn',
  idempotencyKey: (i) => i.idempotencyKey ?? `authorizeReturn:${i.id}`,
  load: async (i, store, tenant) => {
    const first = await store.load(tenant, { orders: [i.order], returns: [i.id] });
    const order = own(first.orders, i.order);
    const node = i.node ?? order?.node;
    const more = await store.load(tenant, { returns: order?.returns ?? [], ...(node ? { nodes: [node] } : {}) });
    return { ...first, nodes: more.nodes, returns: { ...more.returns, ...first.returns } };
  },
  decide: (i, slice, ctx) => {
    const node = i.node ?? own(slice.orders, i.order)?.node;
    if (node === undefined) throw new ValidationError('authorizeReturn', [{ path: ['node'], message: 'the order has no node: name where the units come back', code: 'required' }]);
    return decideOrder({ type: 'AuthorizeReturn', order: i.order, rma: i.id, node, lines: i.lines }, slice, ctx);
  },
  result: (i, after) => own(after.returns, i.id)!,
};

/** Receives returned units with a disposition each: restock, refurbish or scrap. */
export const receiveReturn: CommandSpec<Parsed<typeof ReceiveReturnInput>, Return> = {
  name: 'receiveReturn',
  idempotencyKey: (i) => i.idempotencyKey,
  load: async (i, store, tenant) => {
    const first = await store.load(tenant, { returns: [i.rma] });
    const rma = own(first.returns, i.rma);
    if (!rma) return first;
    const more = await store.load(tenant, { orders: [rma.order], nodes: [rma.node], skus: rma.lines.map((l) => l.sku) });
    return { ...first, orders: more.orders, nodes: more.nodes, skus: more.skus };
  },
  decide: (i, slice, ctx) => decideOrder({ type: 'ReceiveReturn', rma: i.rma, lines: i.lines, refurbishDays: i.refurbishDays }, slice, ctx),
  result: (i, after) => own(after.returns, i.rma)!,
};

/** What one node's backlog fill did: the orders it reserved, and who pre-empted whom (units per SKU). */
export interface BacklogFill {
  readonly filled: OrderId[];
  readonly preempted: PreemptedUnits[];
}

/**
 * Fills the backorders waiting at one node, by the allocation policy. When the policy pre-empts,
 * the candidate victims are read too: the store's oldest `preemptionScan` reserved orders (it has
 * no index by node), of which those at the node, with their reservations; versions guard them, so
 * an order released meanwhile makes the commit conflict and the retry no longer sees it reserved.
 */
export const fillBacklog: CommandSpec<
  { readonly node: NodeId; readonly orders: readonly OrderId[]; readonly policy: AllocationPolicyInput; readonly preemptionScan: number },
  BacklogFill
> = {
  name: 'allocateBacklog',
  idempotencyKey: () => undefined,
  load: async (i, store, tenant) => {
    const first = await store.load(tenant, { orders: i.orders, nodes: [i.node] });
    const orders = Object.values(first.orders);
    const skus = [...new Set(orders.flatMap((o) => o.lines.map((l) => l.sku)))];
    const scanned = preempts(i.policy) && orders.length > 0 ? await store.findOrdersByStatus(tenant, 'reserved', i.preemptionScan) : [];
    const reserved = scanned.length === 0 ? [] : Object.values((await store.load(tenant, { orders: scanned })).orders);
    const atNode = reserved.filter((o) => o.status === 'reserved' && o.node === i.node);
    const more = await store.load(tenant, {
      reservations: [...orders, ...atNode].flatMap((o) => o.reservations),
      skus,
      positions: skus.map((sku) => ({ node: i.node, sku })),
    });
    const all = { ...first.orders };
    for (const o of atNode) all[o.id] = o;
    return { ...first, orders: all, reservations: more.reservations, skus: more.skus, positions: more.positions };
  },
  decide: (i, slice, ctx) => {
    const asked = new Set(i.orders);
    const victims = Object.values(slice.orders).flatMap((o) => (asked.has(o.id) ? [] : [o.id]));
    return decideOrder({ type: 'FillBacklog', node: i.node, orders: i.orders, policy: i.policy, victims }, slice, ctx);
  },
  result: (_i, _after, events) => ({
    filled: events.flatMap((e) => (e.type === 'OrderReserved' ? [e.payload.order] : [])),
    preempted: events.flatMap((e) =>
      e.type === 'OrderBackordered' ? (e.payload.preemptedBy ?? []).map((t) => ({ order: e.payload.order, sku: t.sku, quantity: t.quantity, by: t.order })) : [],
    ),
  }),
};

/** Moves what an order holds at a node to other nodes (a node that cannot ship, a short pick). */
export const rerouteOrder: CommandSpec<Parsed<typeof RerouteOrderInput> & { readonly routingPolicy: RoutingPolicy }, Order> = {
  name: 'rerouteOrder',
  idempotencyKey: (i) => i.idempotencyKey,
  load: async (i, store, tenant, now) => {
    const first = await loadOrder(store, tenant, i.order);
    const order = own(first.orders, i.order);
    if (!order) return first;
    const skus = [...new Set(order.lines.map((l) => l.sku))];
    const stock = await store.load(tenant, { skus, positionsOfSkus: skus });
    const candidates = await loadCandidates(store, tenant, [...new Set([...(Object.keys(stock.positions) as NodeId[]), i.from])], now, pricesLateness(i.routingPolicy, i.routing));
    return { ...first, skus: stock.skus, positions: stock.positions, ...candidates };
  },
  decide: (i, slice, ctx) =>
    decideOrder({ type: 'RerouteOrder', order: i.order, from: i.from, lines: i.lines, reason: i.reason, routing: i.routing ?? i.routingPolicy }, slice, ctx),
  result: (i, after) => orderIn(after, i.order),
};
