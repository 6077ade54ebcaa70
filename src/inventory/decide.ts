import type { DecideContext } from '../domain/decider';
import { InsufficientStockError, ValidationError, type ValidationIssue } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { ChannelId, InboundId, LotId, NodeId, OrderId, ReservationId, SkuId } from '../domain/ids';
import type { AdjustmentReason } from '../domain/inventory';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { unpromisedOnHand } from './availability';
import { cancelInbound, type ExpectInbound, expectInbound, requireDefined, type TransferStock, transferStock } from './inbound';
import { activeReservation, type Demand, endReservations, reserve } from './reserve';

/** The commands on stock positions, inbound and reservations. */
export type InventoryCommand =
  | {
      readonly type: 'ReceiveStock';
      readonly node: NodeId;
      readonly sku: SkuId;
      readonly quantity: number;
      readonly reference?: string | undefined;
      readonly inbound?: InboundId | undefined;
      readonly lot?: LotId | undefined;
      readonly expiresOn?: string | undefined;
    }
  | {
      readonly type: 'AdjustStock';
      readonly node: NodeId;
      readonly sku: SkuId;
      readonly delta: number;
      readonly reason: AdjustmentReason;
      readonly note?: string | undefined;
      readonly lot?: LotId | undefined;
      readonly expiresOn?: string | undefined;
    }
  | {
      readonly type: 'ReserveStock';
      readonly node: NodeId;
      readonly lines: readonly Demand[];
      readonly order?: OrderId | undefined;
      readonly holder?: string | undefined;
      readonly channel?: ChannelId | undefined;
      readonly expiresAt?: string | undefined;
    }
  | { readonly type: 'ReleaseReservations'; readonly reservations: readonly ReservationId[]; readonly reason: string }
  | { readonly type: 'ConsumeReservations'; readonly reservations: readonly ReservationId[] }
  | { readonly type: 'ExtendReservation'; readonly reservation: ReservationId; readonly expiresAt?: string | undefined }
  | ({ readonly type: 'ExpectInbound' } & ExpectInbound)
  | { readonly type: 'CancelInbound'; readonly inbound: InboundId; readonly reason: string }
  | ({ readonly type: 'TransferStock' } & TransferStock)
  | { readonly type: 'SetSafetyStock'; readonly node: NodeId; readonly sku: SkuId; readonly quantity: number };

/**
 * Decides a command on stock. Pure: the state is the slice the command needs.
 *
 * @example
 * ```ts
 * decideInventory({ type: 'ReceiveStock', node, sku, quantity: 10 }, state, ctx)
 * // [{ type: 'StockReceived', payload: { node, sku, quantity: 10 } }]
 * ```
 */
export function decideInventory(command: InventoryCommand, state: FulfillmentState, ctx: DecideContext): EventDraft[] {
  switch (command.type) {
    case 'ReceiveStock':
      return decideReceipt(command, state);
    case 'AdjustStock':
      return decideAdjustment(command, state);
    case 'ReserveStock':
      return reserve(state, command.node, command.lines, ctx, command);
    case 'ReleaseReservations':
      return endReservations(state, command.reservations, 'released', command.reason);
    case 'ConsumeReservations':
      return endReservations(state, command.reservations, 'consumed');
    case 'ExtendReservation': {
      activeReservation(state, command.reservation, 'extended');
      const payload = { reservation: command.reservation };
      return [{ type: 'ReservationExtended', payload: command.expiresAt === undefined ? payload : { ...payload, expiresAt: command.expiresAt } }];
    }
    case 'ExpectInbound':
      return expectInbound(state, command);
    case 'CancelInbound':
      return cancelInbound(state, command.inbound, command.reason);
    case 'TransferStock':
      return transferStock(state, command, ctx);
    case 'SetSafetyStock':
      requireDefined(state, 'setSafetyStock', [
        ['node', command.node, 'node'],
        ['sku', command.sku, 'sku'],
      ]);
      return [{ type: 'SafetyStockSet', payload: { node: command.node, sku: command.sku, quantity: command.quantity } }];
  }
}

function decideReceipt(c: Extract<InventoryCommand, { type: 'ReceiveStock' }>, state: FulfillmentState): EventDraft[] {
  requireDefined(state, 'receiveStock', [
    ['node', c.node, 'node'],
    ['sku', c.sku, 'sku'],
  ]);
  const issues: ValidationIssue[] = [...lotIssues(state, c.node, c.sku, c.lot, c.expiresOn)];
  if (c.inbound !== undefined) {
    const inbound = own(state.inbound, c.inbound);
    if (!inbound) issues.push({ path: ['inbound'], message: `unknown inbound ${c.inbound}`, code: 'unknown_reference' });
    else if (inbound.node !== c.node || inbound.sku !== c.sku) {
      issues.push({ path: ['inbound'], message: `inbound ${c.inbound} is for ${inbound.sku} at ${inbound.node}`, code: 'mismatch' });
    } else if (inbound.status !== 'open') issues.push({ path: ['inbound'], message: `inbound ${c.inbound} is ${inbound.status}`, code: 'not_open' });
  }
  if (issues.length > 0) throw new ValidationError('receiveStock', issues);
  const payload = {
    node: c.node,
    sku: c.sku,
    quantity: c.quantity,
    ...(c.reference === undefined ? {} : { reference: c.reference }),
    ...(c.inbound === undefined ? {} : { inbound: c.inbound }),
    ...(c.lot === undefined ? {} : { lot: c.lot }),
    ...(c.expiresOn === undefined ? {} : { expiresOn: c.expiresOn }),
  };
  return [{ type: 'StockReceived', payload }];
}

function decideAdjustment(c: Extract<InventoryCommand, { type: 'AdjustStock' }>, state: FulfillmentState): EventDraft[] {
  requireDefined(state, 'adjustStock', [
    ['node', c.node, 'node'],
    ['sku', c.sku, 'sku'],
  ]);
  const issues = lotIssues(state, c.node, c.sku, c.lot, c.expiresOn);
  if (c.delta < 0 && c.expiresOn !== undefined) issues.push({ path: ['expiresOn'], message: 'an expiry opens a lot: only with units found', code: 'expiry_on_decrease' });
  if (issues.length > 0) throw new ValidationError('adjustStock', issues);
  const position = positionOf(state, c.node, c.sku) ?? emptyPosition(c.node, c.sku);
  const lot = c.lot === undefined ? undefined : own(position.lots ?? {}, c.lot);
  const free = Math.min(unpromisedOnHand(position), lot ? lot.onHand - lot.reserved : c.lot === undefined ? Number.POSITIVE_INFINITY : 0);
  if (c.delta < 0 && free + c.delta < 0) {
    throw new InsufficientStockError(
      `cannot remove ${-c.delta} of ${c.sku}${c.lot ? ` lot ${c.lot}` : ''} at ${c.node}: only ${free} on hand are not held; release reservations first`,
      { node: c.node, sku: c.sku, requested: -c.delta, available: free },
    );
  }
  const payload = {
    node: c.node,
    sku: c.sku,
    delta: c.delta,
    reason: c.reason,
    ...(c.note === undefined ? {} : { note: c.note }),
    ...(c.lot === undefined ? {} : { lot: c.lot }),
    ...(c.expiresOn === undefined ? {} : { expiresOn: c.expiresOn }),
  };
  return [{ type: 'StockAdjusted', payload }];
}

/** A lot-tracked SKU moves only with a lot, a new lot of an expiry-tracked SKU only with its expiry. */
function lotIssues(state: FulfillmentState, node: NodeId, sku: SkuId, lot: LotId | undefined, expiresOn: string | undefined): ValidationIssue[] {
  const def = own(state.skus, sku);
  if (!def) return [];
  if (!def.lotTracked) {
    return lot === undefined ? [] : [{ path: ['lot'], message: `SKU ${sku} is not lot-tracked`, code: 'not_lot_tracked' }];
  }
  if (lot === undefined) return [{ path: ['lot'], message: `SKU ${sku} is lot-tracked: say which lot`, code: 'lot_required' }];
  const known = own(positionOf(state, node, sku)?.lots ?? {}, lot);
  if (def.expiryTracked && !known && expiresOn === undefined) {
    return [{ path: ['expiresOn'], message: `a new lot of ${sku} needs its expiry date`, code: 'expiry_required' }];
  }
  // A lot has one expiry: a later receipt may repeat it, not change it.
  if (known?.expiresOn !== undefined && expiresOn !== undefined && expiresOn !== known.expiresOn) {
    return [{ path: ['expiresOn'], message: `lot ${lot} expires on ${known.expiresOn}`, code: 'expiry_mismatch' }];
  }
  return [];
}
