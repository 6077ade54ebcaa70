import type { DecideContext } from '../domain/decider';
import { DuplicateError, IllegalTransitionError, NotFoundError, ValidationError, type ValidationIssue } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import type { InboundId, LineId, NodeId, ReturnId, SkuId } from '../domain/ids';
import type { Order } from '../domain/order';
import type { Return, ReturnDisposition } from '../domain/returns';
import { type FulfillmentState, own } from '../domain/state';
import { canTransition } from './lifecycle';

const DAY = 24 * 3600 * 1000;
const RETURNABLE = new Set(['partially-shipped', 'shipped', 'delivered']);

/** Shipped units of a line that may come back. */
export interface ReturnRequest {
  readonly line: LineId;
  readonly quantity: number;
  readonly reason?: string | undefined;
}

/** Returned units of a line that arrived, and what becomes of them. */
export interface ReturnReceipt {
  readonly line: LineId;
  readonly quantity: number;
  readonly disposition: ReturnDisposition;
}

/**
 * Authorises the return of shipped units to a node: never more of a line than shipped and not
 * already authorised on another return.
 *
 * @example
 * ```ts
 * authorizeReturn(state, order, { rma: 'RMA-1', node: 'dc', lines: [{ line: '1', quantity: 1, reason: 'too small' }] })
 * ```
 */
export function authorizeReturn(
  state: FulfillmentState,
  order: Order,
  request: { readonly rma: ReturnId; readonly node: NodeId; readonly lines: readonly ReturnRequest[] },
): EventDraft[] {
  if (own(state.returns, request.rma)) throw new DuplicateError('return', request.rma);
  if (!RETURNABLE.has(order.status)) throw new IllegalTransitionError('order', order.id, order.status, 'return authorised');
  const issues: ValidationIssue[] = own(state.nodes, request.node) ? [] : [{ path: ['node'], message: `unknown node ${request.node}`, code: 'unknown_reference' }];
  const authorised = new Map<LineId, number>();
  for (const id of order.returns) for (const l of own(state.returns, id)?.lines ?? []) authorised.set(l.line, (authorised.get(l.line) ?? 0) + l.quantity);
  const lines = request.lines.flatMap((r, i) => {
    const line = order.lines.find((l) => l.id === r.line);
    if (!line) {
      issues.push({ path: ['lines', i, 'line'], message: `order ${order.id} has no line ${r.line}`, code: 'unknown_reference' });
      return [];
    }
    const shipped = order.progress.find((p) => p.line === line.id)?.shipped ?? 0;
    const left = shipped - (authorised.get(line.id) ?? 0);
    if (r.quantity > left) issues.push({ path: ['lines', i, 'quantity'], message: `line ${line.id} has ${left} shipped units not yet under a return`, code: 'too_big' });
    authorised.set(line.id, (authorised.get(line.id) ?? 0) + r.quantity);
    return [{ line: line.id, sku: line.sku, quantity: r.quantity, ...(r.reason === undefined ? {} : { reason: r.reason }) }];
  });
  if (issues.length > 0) throw new ValidationError('authorizeReturn', issues);
  return [{ type: 'ReturnAuthorized', payload: { rma: request.rma, order: order.id, node: request.node, lines } }];
}

/**
 * Receives returned units. Restocked units go back on hand through the inventory engine (a
 * receipt referencing the return); refurbished units become an inbound due after `refurbishDays`,
 * received later like any other; scrapped units are recorded only. When every shipped unit of a
 * shipped order is back, the order becomes returned.
 *
 * @example
 * ```ts
 * receiveReturn(state, rma, order, [{ line: '1', quantity: 1, disposition: 'restock' }], ctx, { refurbishDays: 7 })
 * ```
 */
export function receiveReturn(
  state: FulfillmentState,
  rma: Return,
  order: Order,
  receipts: readonly ReturnReceipt[],
  ctx: DecideContext,
  policy: { readonly refurbishDays: number },
): EventDraft[] {
  const issues: ValidationIssue[] = [];
  const lines = receipts.flatMap((r, i) => {
    const l = rma.lines.find((x) => x.line === r.line);
    if (!l) {
      issues.push({ path: ['lines', i, 'line'], message: `return ${rma.id} has no line ${r.line}`, code: 'unknown_reference' });
      return [];
    }
    const open = l.quantity - l.received - receipts.slice(0, i).filter((x) => x.line === r.line).reduce((s, x) => s + x.quantity, 0);
    if (r.quantity > open) issues.push({ path: ['lines', i, 'quantity'], message: `line ${l.line} has ${open} units still to come back`, code: 'too_big' });
    if (r.disposition !== 'scrap' && own(state.skus, l.sku)?.lotTracked) {
      issues.push({ path: ['lines', i, 'disposition'], message: `SKU ${l.sku} is lot-tracked: scrap it here and receive it with its lot`, code: 'lot_required' });
    }
    return [{ line: l.line, sku: l.sku, quantity: r.quantity, disposition: r.disposition }];
  });
  if (issues.length > 0) throw new ValidationError('receiveReturn', issues);
  if (lines.length === 0) throw new NotFoundError('return line', rma.id);
  const stock = lines.flatMap((l): EventDraft[] => {
    if (l.disposition === 'restock') return [{ type: 'StockReceived', payload: { node: rma.node, sku: l.sku, quantity: l.quantity, reference: `return ${rma.id}` } }];
    if (l.disposition === 'scrap') return [];
    const inbound = ctx.ids.next('rfb') as InboundId;
    const expectedAt = new Date(ctx.now + policy.refurbishDays * DAY).toISOString();
    return [{ type: 'InboundExpected', payload: { inbound, node: rma.node, sku: l.sku as SkuId, kind: 'refurbish', quantity: l.quantity, expectedAt, reference: `return ${rma.id}` } }];
  });
  const returnedAfter = (line: LineId) =>
    (order.progress.find((p) => p.line === line)?.returned ?? 0) + lines.filter((l) => l.line === line).reduce((s, l) => s + l.quantity, 0);
  const allBack = order.lines.every((l) => returnedAfter(l.id) >= (order.progress.find((p) => p.line === l.id)?.shipped ?? 0));
  const becomes = allBack && canTransition(order.status, 'returned') ? { becomes: 'returned' as const } : {};
  return [...stock, { type: 'ReturnReceived', payload: { rma: rma.id, order: order.id, node: rma.node, lines, ...becomes } }];
}
