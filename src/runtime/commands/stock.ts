import type { z } from 'zod';
import type { EventOf, FulfillmentEvent } from '../../domain/events';
import type { InboundId, NodeId, SkuId, TenantId } from '../../domain/ids';
import type { Inbound, Position } from '../../domain/inventory';
import { emptyPosition, own, positionOf } from '../../domain/state';
import { decideInventory } from '../../inventory/decide';
import type { CommandSpec } from '../executor';
import type { AdjustStockInput, CancelInboundInput, ExpectInboundInput, ReceiveStockInput, SetSafetyStockInput, TransferStockInput } from '../inputs';
import type { Store } from '../ports';

type Parsed<S extends z.ZodType> = z.infer<S>;

/**
 * The first event of a type among a command's events.
 *
 * @example
 * ```ts
 * eventOf(events, 'StockReceived')
 * ```
 */
export function eventOf<T extends FulfillmentEvent['type']>(events: readonly FulfillmentEvent[], type: T): EventOf<T> {
  return events.find((e) => e.type === type) as EventOf<T>;
}

const loadStockKeys = (i: { node: NodeId; sku: SkuId; inbound?: InboundId | undefined }, store: Store, tenant: TenantId) =>
  store.load(tenant, {
    nodes: [i.node],
    skus: [i.sku],
    positions: [{ node: i.node, sku: i.sku }],
    ...(i.inbound === undefined ? {} : { inbound: [i.inbound] }),
  });

/** Receives units, against an inbound when named, into a lot when the SKU is lot-tracked. */
export const receiveStock: CommandSpec<Parsed<typeof ReceiveStockInput>, EventOf<'StockReceived'>> = {
  name: 'receiveStock',
  idempotencyKey: (i) => i.idempotencyKey,
  load: loadStockKeys,
  decide: (i, slice, ctx) => decideInventory({ type: 'ReceiveStock', ...i }, slice, ctx),
  result: (_i, _after, events) => eventOf(events, 'StockReceived'),
};

/** Corrects on hand with a reason code. */
export const adjustStock: CommandSpec<Parsed<typeof AdjustStockInput>, EventOf<'StockAdjusted'>> = {
  name: 'adjustStock',
  idempotencyKey: (i) => i.idempotencyKey,
  load: loadStockKeys,
  decide: (i, slice, ctx) => decideInventory({ type: 'AdjustStock', ...i }, slice, ctx),
  result: (_i, _after, events) => eventOf(events, 'StockAdjusted'),
};

/** Sets a position's safety stock. */
export const setSafetyStock: CommandSpec<Parsed<typeof SetSafetyStockInput>, Position> = {
  name: 'setSafetyStock',
  idempotencyKey: (i) => i.idempotencyKey,
  load: loadStockKeys,
  decide: (i, slice, ctx) => decideInventory({ type: 'SetSafetyStock', node: i.node, sku: i.sku, quantity: i.quantity }, slice, ctx),
  result: (i, after) => positionOf(after, i.node, i.sku) ?? emptyPosition(i.node, i.sku),
};

/** Records a purchase order or ASN line to expect. */
export const expectInbound: CommandSpec<Parsed<typeof ExpectInboundInput>, Inbound> = {
  name: 'expectInbound',
  idempotencyKey: (i) => i.idempotencyKey ?? `expectInbound:${i.id}`,
  load: (i, store, tenant) => store.load(tenant, { nodes: [i.node], skus: [i.sku], inbound: [i.id] }),
  decide: (i, slice, ctx) =>
    decideInventory(
      { type: 'ExpectInbound', inbound: i.id, node: i.node, sku: i.sku, kind: i.kind, quantity: i.quantity, expectedAt: i.expectedAt, reference: i.reference },
      slice,
      ctx,
    ),
  result: (i, after) => own(after.inbound, i.id)!,
};

/** Cancels what is still open of an inbound. */
export const cancelInbound: CommandSpec<Parsed<typeof CancelInboundInput>, Inbound> = {
  name: 'cancelInbound',
  idempotencyKey: (i) => i.idempotencyKey,
  load: (i, store, tenant) => store.load(tenant, { inbound: [i.inbound] }),
  decide: (i, slice, ctx) => decideInventory({ type: 'CancelInbound', inbound: i.inbound, reason: i.reason }, slice, ctx),
  result: (i, after) => own(after.inbound, i.inbound)!,
};

/** Ships units to another node, where they arrive as an open transfer inbound. */
export const transferStock: CommandSpec<Parsed<typeof TransferStockInput> & { readonly id: InboundId }, Inbound> = {
  name: 'transferStock',
  idempotencyKey: (i) => i.idempotencyKey ?? `transferStock:${i.id}`,
  load: (i, store, tenant) =>
    store.load(tenant, { nodes: [i.from, i.to], skus: [i.sku], positions: [{ node: i.from, sku: i.sku }], inbound: [i.id] }),
  decide: (i, slice, ctx) =>
    decideInventory(
      { type: 'TransferStock', transfer: i.id, from: i.from, to: i.to, sku: i.sku, quantity: i.quantity, expectedAt: i.expectedAt, reference: i.reference },
      slice,
      ctx,
    ),
  result: (i, after) => own(after.inbound, i.id)!,
};
