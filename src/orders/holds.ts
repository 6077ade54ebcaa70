import type { DecideContext } from '../domain/decider';
import { IllegalTransitionError } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { HoldKind, HoldPolicy } from '../domain/holds';
import type { NodeId } from '../domain/ids';
import type { Order, OrderData, PaymentStatus } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { reserve, shortagesAt } from '../inventory/reserve';
import { bookCapacity } from './capacity';
import { assertTransition } from './lifecycle';

/** A hold that fired, with why. */
export interface FiredHold {
  readonly kind: HoldKind;
  readonly reason: string;
}

/**
 * The holds an order's data fires under a policy: at most one per kind, in the policy's order.
 *
 * @example
 * ```ts
 * evaluateHolds({ ...order, paymentStatus: 'pending' }, HoldPolicy.parse({})) // [{ kind: 'payment', reason: 'payment pending' }]
 * ```
 */
export function evaluateHolds(order: Pick<OrderData, 'paymentStatus' | 'fraudScore' | 'shipTo' | 'lines' | 'tags'>, policy: HoldPolicy): FiredHold[] {
  const fired = new Map<HoldKind, string>();
  for (const rule of policy.rules) {
    if (fired.has(rule.kind)) continue;
    const reason = ruleFires(rule, order);
    if (reason !== undefined) fired.set(rule.kind, reason);
  }
  return [...fired].map(([kind, reason]) => ({ kind, reason }));
}

function ruleFires(rule: HoldPolicy['rules'][number], order: Pick<OrderData, 'paymentStatus' | 'fraudScore' | 'shipTo' | 'lines' | 'tags'>): string | undefined {
  switch (rule.kind) {
    case 'payment':
      return rule.when.includes(order.paymentStatus) ? `payment ${order.paymentStatus}` : undefined;
    case 'fraud':
      return order.fraudScore !== undefined && order.fraudScore > rule.over ? `fraud score ${order.fraudScore} over ${rule.over}` : undefined;
    case 'address':
      if (!order.shipTo) return 'no ship-to address';
      return order.shipTo.geo ? undefined : 'ship-to address has no geo position';
    case 'value': {
      const value = order.lines.reduce((sum, l) => sum + l.quantity * (l.unitPrice ?? 0), 0);
      return value > rule.over ? `order value ${value} over ${rule.over}` : undefined;
    }
    case 'manual': {
      const tag = order.tags.find((t) => rule.tags.includes(t));
      return tag === undefined ? undefined : `tagged ${tag}`;
    }
  }
}

/**
 * A person puts an order on hold (from placed, reserved or backordered).
 *
 * @example
 * ```ts
 * holdOrder(order, 'customer called about the address')
 * ```
 */
export function holdOrder(order: Order, reason: string): EventDraft[] {
  assertTransition(order.id, order.status, 'on-hold');
  return [{ type: 'OrderHeld', payload: { order: order.id, holds: [{ kind: 'manual', reason }] } }];
}

/**
 * Lifts holds (one kind, or all). When the last one goes the order resumes where it was: reserved
 * if it kept its stock, backordered if it was short, and if it was held before reserving, it
 * reserves now at its node (or is backordered when the node is short).
 *
 * @example
 * ```ts
 * releaseHolds(state, order, { kind: 'fraud', by: 'person', note: 'checked by phone' }, ctx)
 * ```
 */
export function releaseHolds(
  state: FulfillmentState,
  order: Order,
  release: { readonly kind?: HoldKind | undefined; readonly by: 'rule' | 'person'; readonly note?: string | undefined },
  ctx: DecideContext,
): EventDraft[] {
  const lifting = order.holds.filter((h) => release.kind === undefined || h.kind === release.kind).map((h) => h.kind as HoldKind);
  if (order.status !== 'on-hold' || lifting.length === 0) {
    throw new IllegalTransitionError('order', order.id, order.status, `released from ${release.kind ?? 'any'} hold`);
  }
  const last = lifting.length === order.holds.length;
  // When the last hold goes, the order resumes where it was; held before reserving, it reserves now.
  const before = statusBeforeHold(order);
  const holdsStock = order.reservations.some((id) => own(state.reservations, id)?.status === 'active');
  const resume = !last
    ? undefined
    : before === 'reserved' && holdsStock
      ? ('reserved' as const)
      : before === 'backordered' || order.node === undefined
        ? ('backordered' as const)
        : undefined;
  const note = release.note === undefined ? {} : { note: release.note };
  const lifted = lifting.map(
    (kind, i): EventDraft => ({
      type: 'HoldReleased',
      payload: { order: order.id, kind, by: release.by, ...note, ...(resume && i === lifting.length - 1 ? { resume } : {}) },
    }),
  );
  if (!last || resume) return lifted;
  return [...lifted, ...reserveNow(state, order, order.node!, ctx)];
}

/**
 * The payment status changed: recorded, and a payment hold whose rule no longer fires is lifted.
 *
 * @example
 * ```ts
 * updatePayment(state, order, 'authorized', policy, ctx)
 * ```
 */
export function updatePayment(state: FulfillmentState, order: Order, paymentStatus: PaymentStatus, policy: HoldPolicy, ctx: DecideContext): EventDraft[] {
  const updated: EventDraft = { type: 'PaymentUpdated', payload: { order: order.id, paymentStatus } };
  const held = order.status === 'on-hold' && order.holds.some((h) => h.kind === 'payment');
  const stillFires = evaluateHolds({ ...order, paymentStatus }, policy).some((h) => h.kind === 'payment');
  if (!held || stillFires) return [updated];
  const paid = { ...order, paymentStatus };
  return [updated, ...releaseHolds(state, paid, { kind: 'payment', by: 'rule', note: `payment ${paymentStatus}` }, ctx)];
}

/**
 * The status the order had when it went on hold: the entry before the last run of `on-hold`
 * entries (lifting one of several holds, or cancelling a line, records `on-hold` again).
 */
function statusBeforeHold(order: Order): string | undefined {
  let at = order.history.length - 1;
  while (at >= 0 && order.history[at]!.status === 'on-hold') at -= 1;
  return at >= 0 && at < order.history.length - 1 ? order.history[at]!.status : undefined;
}

/** An order held before it reserved: reserve at its node now, or backorder it when the node is short. */
function reserveNow(state: FulfillmentState, order: Order, node: NodeId, ctx: DecideContext): EventDraft[] {
  const shortages = shortagesAt(state, node, order.lines, { now: ctx.now, channel: order.channel }).map(({ terms: _terms, ...s }) => s);
  if (shortages.length > 0) return [{ type: 'OrderBackordered', payload: { order: order.id, node, shortages } }];
  const held = reserve(state, node, order.lines, ctx, { order: order.id, channel: order.channel });
  const reservations = held.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation] : []));
  return [...held, { type: 'OrderReserved', payload: { order: order.id, node, reservations } }, ...bookCapacity(state, order, [{ node, lines: order.lines }], ctx.now, false)];
}
