import type { DecideContext } from '../domain/decider';
import { NotFoundError, } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { LineId, NodeId, OrderId, ReservationId, ReturnId } from '../domain/ids';
import type { HoldKind, HoldPolicy } from '../domain/holds';
import type { Order, OrderData, PaymentStatus } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { endReservations, expire, } from '../inventory/reserve';
import { holdOrder, releaseHolds, updatePayment } from './holds';
import { cancelLines, type LineRequest, shipLines } from './shipping';
import { placeOrder } from './placement';
import { placeWindow, type WindowCommand } from './window';
import { releaseAllCapacity } from './capacity';
import { fillBacklog } from './backlog';
import { reroute } from './reroute';
import type { AllocationPolicyInput } from '../allocation/policy';
import type { RoutingPolicyInput } from '../routing/policy';
import { authorizeReturn, receiveReturn, type ReturnReceipt, type ReturnRequest } from './returns';
import { assertTransition, canTransition } from './lifecycle';

/** What to do when the node cannot serve every line in full. */
export type ShortagePolicy = 'reject' | 'backorder';

/** The commands on an order's lifecycle. */
export type OrderCommand =
  | {
      readonly type: 'PlaceOrder';
      readonly order: OrderData;
      /** The node that ships it; absent: the routing engine chooses, across nodes. */
      readonly node?: NodeId | undefined;
      /** The routing policy when the engine chooses. */
      readonly routing?: RoutingPolicyInput | undefined;
      readonly onShortage: ShortagePolicy;
      /** How long the reservations hold before they expire (ms); absent: until the order ends. */
      readonly holdFor?: number | undefined;
      /** The hold rules to evaluate; absent: none. */
      readonly holds?: HoldPolicy | undefined;
      /** A person's reason to hold the order from the start. */
      readonly holdReason?: string | undefined;
    }
  | ({ readonly type: 'PlaceWindow' } & WindowCommand)
  | { readonly type: 'HoldOrder'; readonly order: OrderId; readonly reason: string }
  | { readonly type: 'ReleaseHold'; readonly order: OrderId; readonly kind?: HoldKind | undefined; readonly note?: string | undefined }
  | { readonly type: 'UpdatePayment'; readonly order: OrderId; readonly paymentStatus: PaymentStatus; readonly holds: HoldPolicy }
  | { readonly type: 'CancelOrder'; readonly order: OrderId; readonly reason: string }
  | { readonly type: 'ReleaseOrder'; readonly order: OrderId }
  | { readonly type: 'ShipOrder'; readonly order: OrderId; readonly node?: NodeId | undefined; readonly lines?: readonly LineRequest[] | undefined }
  | { readonly type: 'CancelLines'; readonly order: OrderId; readonly lines?: readonly LineRequest[] | undefined; readonly reason: string }
  | { readonly type: 'ExpireReservations'; readonly reservations: readonly ReservationId[] }
  | {
      readonly type: 'RerouteOrder';
      readonly order: OrderId;
      readonly from: NodeId;
      readonly lines?: readonly { readonly line: LineId; readonly quantity: number }[] | undefined;
      readonly reason: string;
      readonly routing?: RoutingPolicyInput | undefined;
    }
  | {
      readonly type: 'FillBacklog';
      readonly node: NodeId;
      readonly orders: readonly OrderId[];
      readonly policy: AllocationPolicyInput;
      /** Reserved orders that may be pre-empted, when the policy pre-empts (those at the node count). */
      readonly victims?: readonly OrderId[] | undefined;
    }
  | { readonly type: 'AuthorizeReturn'; readonly order: OrderId; readonly rma: ReturnId; readonly node: NodeId; readonly lines: readonly ReturnRequest[] }
  | { readonly type: 'ReceiveReturn'; readonly rma: ReturnId; readonly lines: readonly ReturnReceipt[]; readonly refurbishDays: number };

/**
 * Decides a command on an order, with the stock moves it needs. Pure.
 *
 * @example
 * ```ts
 * decideOrder({ type: 'PlaceOrder', order, node: 'berlin', onShortage: 'reject' }, state, ctx)
 * // [OrderPlaced, StockReserved, OrderReserved]
 * ```
 */
export function decideOrder(command: OrderCommand, state: FulfillmentState, ctx: DecideContext): EventDraft[] {
  switch (command.type) {
    case 'PlaceOrder':
      return placeOrder(command, state, ctx);
    case 'PlaceWindow':
      return placeWindow(state, command, ctx).events;
    case 'HoldOrder':
      return holdOrder(existing(state, command.order), command.reason);
    case 'ReleaseHold':
      return releaseHolds(state, existing(state, command.order), { kind: command.kind, by: 'person', note: command.note }, ctx);
    case 'UpdatePayment':
      return updatePayment(state, existing(state, command.order), command.paymentStatus, command.holds, ctx);
    case 'CancelOrder': {
      const order = existing(state, command.order);
      assertTransition(order.id, order.status, 'cancelled');
      return [
        ...endReservations(state, activeReservations(state, order), 'released', `order cancelled: ${command.reason}`),
        ...releaseAllCapacity(order, 'order cancelled'),
        { type: 'OrderCancelled', payload: { order: order.id, reason: command.reason } },
      ];
    }
    case 'ReleaseOrder': {
      const order = existing(state, command.order);
      assertTransition(order.id, order.status, 'released');
      // Once the warehouse has the order its stock must not expire under the pickers.
      const unexpire: EventDraft[] = activeReservations(state, order)
        .filter((id) => own(state.reservations, id)?.expiresAt !== undefined)
        .map((id) => ({ type: 'ReservationExtended', payload: { reservation: id } }));
      return [...unexpire, { type: 'OrderReleased', payload: { order: order.id, node: order.node! } }];
    }
    case 'ShipOrder':
      return shipLines(state, existing(state, command.order), command.lines, command.node);
    case 'CancelLines':
      return cancelLines(state, existing(state, command.order), command.lines, command.reason);
    case 'AuthorizeReturn':
      return authorizeReturn(state, existing(state, command.order), command);
    case 'ReceiveReturn': {
      const rma = own(state.returns, command.rma);
      if (!rma) throw new NotFoundError('return', command.rma);
      return receiveReturn(state, rma, existing(state, rma.order), command.lines, ctx, command);
    }
    case 'ExpireReservations':
      return expireWithOrders(state, command.reservations, ctx);
    case 'RerouteOrder':
      return reroute(state, existing(state, command.order), command, command.routing, ctx);
    case 'FillBacklog':
      return fillBacklog(state, command.node, command.orders, command.policy, ctx, command.victims).events;
  }
}

/**
 * Expires due reservations. An order that loses a reservation to expiry is cancelled and its
 * other reservations released: an order never ships with part of its stock gone.
 */
function expireWithOrders(state: FulfillmentState, ids: readonly ReservationId[], ctx: DecideContext): EventDraft[] {
  const expired = expire(state, ids, ctx.now);
  const expiredIds = new Set(expired.map((e) => (e.type === 'ReservationExpired' ? e.payload.reservation : '')));
  const orders = new Map<OrderId, Order>();
  for (const id of expiredIds) {
    const orderId = own(state.reservations, id as ReservationId)?.order;
    const order = orderId === undefined ? undefined : own(state.orders, orderId);
    if (order && canTransition(order.status, 'cancelled')) orders.set(order.id, order);
  }
  const cascade = [...orders.values()].flatMap((order): EventDraft[] => [
    ...endReservations(
      state,
      activeReservations(state, order).filter((id) => !expiredIds.has(id)),
      'released',
      'order cancelled: reservation expired',
    ),
    ...releaseAllCapacity(order, 'order cancelled'),
    { type: 'OrderCancelled', payload: { order: order.id, reason: 'reservation expired' } },
  ]);
  return [...expired, ...cascade];
}

function existing(state: FulfillmentState, id: OrderId): Order {
  const order = own(state.orders, id);
  if (!order) throw new NotFoundError('order', id);
  return order;
}

function activeReservations(state: FulfillmentState, order: Order): ReservationId[] {
  return order.reservations.filter((id) => own(state.reservations, id)?.status === 'active');
}
