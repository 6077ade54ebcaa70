import { defineSkuEvents } from '../catalog/decide';
import type { Sku } from '../domain/catalog';
import type { Decider } from '../domain/decider';
import type { Node } from '../domain/network';
import { type FulfillmentState, initialState } from '../domain/state';
import { decideInventory, type InventoryCommand } from '../inventory/decide';
import { defineNodeEvents } from '../network/decide';
import { decideOrder, type OrderCommand } from '../orders/decide';
import { evolve } from './evolve';

/** Every command the core decides. */
export type FulfillmentCommand =
  | InventoryCommand
  | OrderCommand
  | { readonly type: 'DefineNode'; readonly node: Node }
  | { readonly type: 'DefineSku'; readonly sku: Sku };

/**
 * The whole core as one decider over a tenant's state (or a slice of it). The runtime uses it;
 * so can a host that keeps its own storage, and the `given/when/then` helper in `fulfillkit/testing`.
 *
 * @example
 * ```ts
 * const events = fulfillmentDecider.decide({ type: 'ReceiveStock', node, sku, quantity: 5 }, state, ctx)
 * ```
 */
export const fulfillmentDecider: Decider<FulfillmentCommand, FulfillmentState> = {
  decide(command, state, ctx) {
    switch (command.type) {
      case 'DefineNode':
        return defineNodeEvents(command.node, state);
      case 'DefineSku':
        return defineSkuEvents(command.sku, state);
      case 'ReceiveStock':
      case 'AdjustStock':
      case 'ReserveStock':
      case 'ReleaseReservations':
      case 'ConsumeReservations':
      case 'ExtendReservation':
      case 'ExpectInbound':
      case 'CancelInbound':
      case 'TransferStock':
      case 'SetSafetyStock':
        return decideInventory(command, state, ctx);
      default:
        return decideOrder(command, state, ctx);
    }
  },
  evolve,
  initialState,
};
