import { type DecideContext, stamp } from '../domain/decider';
import { ValidationError } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { ChannelId, OrderId } from '../domain/ids';
import type { HoldPolicy } from '../domain/holds';
import type { OrderData } from '../domain/order';
import { type FulfillmentState, own } from '../domain/state';
import { localDate } from '../domain/time';
import { fold } from '../decider/evolve';
import { routeBatch } from '../routing/batch';
import type { RoutingPolicyInput } from '../routing/policy';
import { evaluateHolds } from './holds';
import { checkReferences, placePlan, unserved } from './placement';
import { routableOrder, routingNodes, routingStock } from './routing-input';

/** A release window: orders placed and routed together. */
export interface WindowCommand {
  readonly orders: readonly OrderData[];
  readonly routing?: RoutingPolicyInput | undefined;
  /** `backorder` accepts what no node serves; `reject` leaves that order out of the window. */
  readonly onShortage: 'reject' | 'backorder';
  readonly holdFor?: number | undefined;
  readonly holds?: HoldPolicy | undefined;
}

/** What a window did with each order it was given. */
export interface WindowOutcome {
  readonly events: EventDraft[];
  /** Orders placed in this window, in input order. */
  readonly placed: OrderId[];
  /** Orders placed before (by an earlier window or `placeOrder`): left as they are. */
  readonly skipped: OrderId[];
  /** Orders no plan serves in full, under `onShortage: 'reject'`: not placed. */
  readonly refused: { readonly order: OrderId; readonly message: string }[];
}

/**
 * Places a release window of orders at once, routed jointly by `routeBatch` (with the policy's
 * `lookAhead`): the window shares stock and each node's capacity left today, so an early order
 * does not take the units or the capacity a later one needed to ship in one box. Orders held by a
 * rule that keeps them from reserving are placed on hold and not routed. Stock is read without a
 * channel when the window mixes channels, so every ring-fence is kept (a channel's own fenced
 * units are then left for single-channel placement). Unknown SKUs refuse the whole window, with
 * paths under `orders`.
 *
 * @example
 * ```ts
 * placeWindow(state, { orders, onShortage: 'backorder', routing: { lookAhead: { rounds: 20 } } }, ctx).placed
 * ```
 */
export function placeWindow(state: FulfillmentState, command: WindowCommand, ctx: DecideContext): WindowOutcome {
  const placed: OrderId[] = [];
  const skipped: OrderId[] = [];
  const refused: { order: OrderId; message: string }[] = [];
  const issues = command.orders.flatMap((order, i) => {
    try {
      checkReferences(state, order, undefined, 'placeOrders', ['orders', i]);
      return [];
    } catch (error) {
      return error instanceof ValidationError ? error.issues : [];
    }
  });
  if (issues.length > 0) throw new ValidationError('placeOrders', issues);

  const events: EventDraft[] = [];
  const routed: { order: OrderData; held: ReturnType<typeof evaluateHolds> }[] = [];
  for (const order of command.orders) {
    if (own(state.orders, order.id)) {
      skipped.push(order.id);
      continue;
    }
    const held = command.holds ? evaluateHolds(order, command.holds) : [];
    if (held.length > 0 && !(command.holds?.reserveWhileHeld ?? true)) {
      events.push({ type: 'OrderPlaced', payload: { order } }, { type: 'OrderHeld', payload: { order: order.id, holds: held } });
      placed.push(order.id);
    } else routed.push({ order, held });
  }
  if (routed.length === 0) return { events, placed, skipped, refused };

  const channels = new Set<ChannelId>(routed.map((r) => r.order.channel));
  const view = { channel: channels.size === 1 ? [...channels][0] : undefined, lines: routed.flatMap((r) => r.order.lines) };
  const plans = routeBatch(
    routed.map((r) => routableOrder(state, r.order, r.order.lines)),
    routingNodes(state, ctx.now),
    routingStock(state, view, ctx.now),
    command.routing,
    { today: localDate(ctx.now, 'UTC') },
  );
  const expiresAt = command.holdFor === undefined ? undefined : new Date(ctx.now + command.holdFor).toISOString();
  // Each order reserves on what the ones before it left: lots are chosen once across the window.
  let current = state;
  const scratch: DecideContext = { ...ctx, ids: { next: () => 'scratch' } };
  routed.forEach(({ order, held }, i) => {
    const plan = plans[i]!;
    if (plan.status !== 'complete' && command.onShortage === 'reject') {
      refused.push({ order: order.id, message: unserved(plan).message });
      return;
    }
    const decided: EventDraft[] = [{ type: 'OrderPlaced', payload: { order } }, ...placePlan(current, order, plan, expiresAt, ctx)];
    if (held.length > 0) decided.push({ type: 'OrderHeld', payload: { order: order.id, holds: held } });
    current = fold(current, stamp(decided, scratch));
    events.push(...decided);
    placed.push(order.id);
  });
  return { events, placed, skipped, refused };
}
