import type { DecideContext } from '../domain/decider';
import { DuplicateError, IllegalTransitionError, InsufficientStockError, NotFoundError, ValidationError, type ValidationIssue } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { InboundId, NodeId, SkuId } from '../domain/ids';
import type { InboundKind } from '../domain/inventory';
import { emptyPosition, type FulfillmentState, own, positionOf } from '../domain/state';
import { positionAtp } from './availability';
import { chooseLots } from './lots';
import { nodeToday } from './reserve';

/** A purchase order or ASN line to expect. */
export interface ExpectInbound {
  readonly inbound: InboundId;
  readonly node: NodeId;
  readonly sku: SkuId;
  readonly kind: Exclude<InboundKind, 'transfer'>;
  readonly quantity: number;
  readonly expectedAt: string;
  readonly reference?: string | undefined;
}

/** Units to move from one node to another. */
export interface TransferStock {
  readonly transfer: InboundId;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly sku: SkuId;
  readonly quantity: number;
  readonly expectedAt: string;
  readonly reference?: string | undefined;
}

/**
 * Records units expected at a node by a date. The id must be new.
 *
 * @example
 * ```ts
 * expectInbound(state, { inbound: 'PO-7-1', node: 'berlin', sku: 'tee-m', kind: 'purchase-order', quantity: 50, expectedAt })
 * ```
 */
export function expectInbound(state: FulfillmentState, c: ExpectInbound): EventDraft[] {
  if (own(state.inbound, c.inbound)) throw new DuplicateError('inbound', c.inbound);
  requireDefined(state, 'expectInbound', [
    ['node', c.node, 'node'],
    ['sku', c.sku, 'sku'],
  ]);
  const payload = { inbound: c.inbound, node: c.node, sku: c.sku, kind: c.kind, quantity: c.quantity, expectedAt: c.expectedAt };
  return [{ type: 'InboundExpected', payload: c.reference === undefined ? payload : { ...payload, reference: c.reference } }];
}

/**
 * Cancels what is still open of an inbound.
 *
 * @example
 * ```ts
 * cancelInbound(state, 'PO-7-1', 'supplier short')
 * ```
 */
export function cancelInbound(state: FulfillmentState, id: InboundId, reason: string): EventDraft[] {
  const inbound = own(state.inbound, id);
  if (!inbound) throw new NotFoundError('inbound', id);
  if (inbound.status !== 'open') throw new IllegalTransitionError('inbound', id, inbound.status, 'cancelled');
  return [{ type: 'InboundCancelled', payload: { inbound: id, node: inbound.node, sku: inbound.sku, reason } }];
}

/**
 * Ships units from one node to another: they leave the source's on hand (only units free to
 * promise, never held or safety stock; lots by FEFO/FIFO) and arrive as an open transfer inbound
 * at the destination, received there like any other inbound.
 *
 * @example
 * ```ts
 * transferStock(state, { transfer: 'T-1', from: 'berlin', to: 'hamburg', sku: 'tee-m', quantity: 5, expectedAt }, ctx)
 * ```
 */
export function transferStock(state: FulfillmentState, c: TransferStock, ctx: DecideContext): EventDraft[] {
  if (own(state.inbound, c.transfer)) throw new DuplicateError('transfer', c.transfer);
  if (c.from === c.to) {
    throw new ValidationError('transferStock', [{ path: ['to'], message: 'a transfer goes to another node', code: 'same_node' }]);
  }
  requireDefined(state, 'transferStock', [
    ['node', c.from, 'from'],
    ['node', c.to, 'to'],
    ['sku', c.sku, 'sku'],
  ]);
  const today = nodeToday(state, c.from, ctx.now);
  const position = positionOf(state, c.from, c.sku) ?? emptyPosition(c.from, c.sku);
  // Fenced stock is kept for its channel at this node: a transfer may not carry it away.
  const atp = positionAtp(position, own(state.nodes, c.from), { today, keepFences: true });
  if (atp.available < c.quantity) {
    throw new InsufficientStockError(`cannot transfer ${c.quantity} of ${c.sku} from ${c.from}: ${atp.available} free to move`, {
      node: c.from,
      sku: c.sku,
      requested: c.quantity,
      available: atp.available,
      terms: atp.terms,
    });
  }
  const skuDef = own(state.skus, c.sku);
  const lots = skuDef?.lotTracked ? chooseLots(position, c.quantity, skuDef.expiryTracked ? 'fefo' : 'fifo', today) : undefined;
  const payload = {
    transfer: c.transfer,
    from: c.from,
    to: c.to,
    sku: c.sku,
    quantity: c.quantity,
    expectedAt: c.expectedAt,
    ...(lots === undefined ? {} : { lots }),
    ...(c.reference === undefined ? {} : { reference: c.reference }),
  };
  return [{ type: 'TransferShipped', payload }];
}

/**
 * Refuses references to nodes or SKUs the tenant has not defined, naming the input field.
 *
 * @example
 * ```ts
 * requireDefined(state, 'receiveStock', [['node', 'berlin', 'node'], ['sku', 'tee-m', 'sku']])
 * ```
 */
export function requireDefined(state: FulfillmentState, where: string, refs: readonly (readonly ['node' | 'sku', string, string])[]): void {
  const issues: ValidationIssue[] = refs.flatMap(([kind, id, field]) => {
    const known = kind === 'node' ? own(state.nodes, id as NodeId) : own(state.skus, id as SkuId);
    return known ? [] : [{ path: [field], message: `unknown ${kind === 'node' ? 'node' : 'SKU'} ${id}`, code: 'unknown_reference' }];
  });
  if (issues.length > 0) throw new ValidationError(where, issues);
}
