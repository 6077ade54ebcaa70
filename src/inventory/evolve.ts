import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import type { NodeId, SkuId } from '../domain/ids';
import type { Position } from '../domain/inventory';
import { emptyPosition, type FulfillmentState } from '../domain/state';

/**
 * Applies a stock or reservation event to a draft state. Returns false for events it does not own.
 */
export function evolveInventory(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  switch (event.type) {
    case 'StockReceived':
      positionDraft(state, event.payload.node, event.payload.sku).onHand += event.payload.quantity;
      return true;
    case 'StockAdjusted':
      positionDraft(state, event.payload.node, event.payload.sku).onHand += event.payload.delta;
      return true;
    case 'StockReserved': {
      const p = event.payload;
      positionDraft(state, p.node, p.sku).reserved += p.quantity;
      state.reservations[p.reservation] = {
        id: p.reservation,
        node: p.node,
        sku: p.sku,
        quantity: p.quantity,
        status: 'active',
        createdAt: event.at,
        version: 1,
        ...(p.order === undefined ? {} : { order: p.order }),
        ...(p.expiresAt === undefined ? {} : { expiresAt: p.expiresAt }),
      };
      return true;
    }
    case 'ReservationReleased':
    case 'ReservationExpired':
    case 'ReservationConsumed': {
      const p = event.payload;
      const position = positionDraft(state, p.node, p.sku);
      position.reserved -= p.quantity;
      if (event.type === 'ReservationConsumed') position.onHand -= p.quantity;
      const r = state.reservations[p.reservation];
      if (r) {
        r.status = event.type === 'ReservationConsumed' ? 'consumed' : event.type === 'ReservationExpired' ? 'expired' : 'released';
        r.endedAt = event.at;
        r.version += 1;
      }
      return true;
    }
    case 'ReservationExtended': {
      const r = state.reservations[event.payload.reservation];
      if (r) {
        if (event.payload.expiresAt === undefined) delete r.expiresAt;
        else r.expiresAt = event.payload.expiresAt;
        r.version += 1;
      }
      return true;
    }
    default:
      return false;
  }
}

function positionDraft(state: Draft<FulfillmentState>, node: NodeId, sku: SkuId): Draft<Position> {
  if (!Object.hasOwn(state.positions, node)) state.positions[node] = {};
  const byNode = state.positions[node]!;
  if (!Object.hasOwn(byNode, sku)) byNode[sku] = emptyPosition(node, sku);
  return byNode[sku]!;
}
