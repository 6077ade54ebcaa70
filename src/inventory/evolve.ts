import type { Draft } from 'immer';
import type { StateWriter } from '../decider/state-writer';
import type { EventOf, FulfillmentEvent } from '../domain/events';
import type { ChannelId, LotId, NodeId, SkuId } from '../domain/ids';
import type { LotPosition, Position, Reservation } from '../domain/inventory';

type LotQuantities = readonly { readonly lot: LotId; readonly quantity: number }[] | undefined;

/**
 * Applies a stock, reservation or inbound event through the fold's writer. Returns false for events
 * it does not own. Position totals, lots and per-channel holds move together, from the event alone.
 */
export function evolveInventory(w: StateWriter, event: FulfillmentEvent): boolean {
  switch (event.type) {
    case 'StockReceived':
      receive(w, event);
      return true;
    case 'StockAdjusted': {
      const p = event.payload;
      const position = w.position(p.node, p.sku);
      position.onHand += p.delta;
      if (p.lot !== undefined) {
        const lot = lotDraft(position, p.lot, event.at);
        lot.onHand += p.delta;
        if (p.expiresOn !== undefined) lot.expiresOn = p.expiresOn;
      }
      return true;
    }
    case 'StockReserved': {
      const p = event.payload;
      const position = w.position(p.node, p.sku);
      position.reserved += p.quantity;
      holdForChannel(position, p.channel, p.quantity);
      moveLots(position, p.lots, 'reserved', 1, event.at);
      // Optional keys assigned one by one, in the order a spread would give: a spread after other
      // keys takes a slow path in V8 (~1 µs each).
      const reservation: Draft<Reservation> = { id: p.reservation, node: p.node, sku: p.sku, quantity: p.quantity, status: 'active', createdAt: event.at, version: 1 };
      if (p.order !== undefined) reservation.order = p.order;
      if (p.holder !== undefined) reservation.holder = p.holder;
      if (p.channel !== undefined) reservation.channel = p.channel;
      if (p.lots !== undefined) reservation.lots = p.lots.map((l) => ({ lot: l.lot, quantity: l.quantity }));
      if (p.expiresAt !== undefined) reservation.expiresAt = p.expiresAt;
      w.put('reservations', p.reservation, reservation);
      return true;
    }
    case 'ReservationReleased':
    case 'ReservationExpired':
    case 'ReservationConsumed': {
      const p = event.payload;
      const consumed = event.type === 'ReservationConsumed';
      giveBack(w, p, consumed, event.at);
      const r = w.edit('reservations', p.reservation);
      if (r) {
        r.status = consumed ? 'consumed' : event.type === 'ReservationExpired' ? 'expired' : 'released';
        r.endedAt = event.at;
        r.version += 1;
      }
      return true;
    }
    case 'ReservationReduced': {
      const p = event.payload;
      giveBack(w, p, p.shipped, event.at);
      const r = w.edit('reservations', p.reservation);
      if (r) {
        r.quantity -= p.quantity;
        if (r.lots && p.lots) {
          for (const taken of p.lots) {
            const lot = r.lots.find((l) => l.lot === taken.lot);
            if (lot) lot.quantity -= taken.quantity;
          }
          r.lots = r.lots.filter((l) => l.quantity > 0);
        }
        r.version += 1;
      }
      return true;
    }
    case 'ReservationExtended': {
      const r = w.edit('reservations', event.payload.reservation);
      if (r) {
        if (event.payload.expiresAt === undefined) delete r.expiresAt;
        else r.expiresAt = event.payload.expiresAt;
        r.version += 1;
      }
      return true;
    }
    case 'InboundExpected': {
      const p = event.payload;
      w.put('inbound', p.inbound, {
        id: p.inbound,
        node: p.node,
        sku: p.sku,
        kind: p.kind,
        quantity: p.quantity,
        received: 0,
        expectedAt: p.expectedAt,
        status: 'open',
        version: 1,
        ...(p.reference === undefined ? {} : { reference: p.reference }),
      });
      return true;
    }
    case 'InboundCancelled': {
      const inbound = w.edit('inbound', event.payload.inbound);
      if (inbound) {
        inbound.status = 'cancelled';
        inbound.version += 1;
      }
      return true;
    }
    case 'TransferShipped': {
      const p = event.payload;
      const source = w.position(p.from, p.sku);
      source.onHand -= p.quantity;
      moveLots(source, p.lots, 'onHand', -1, event.at);
      w.put('inbound', p.transfer, {
        id: p.transfer,
        node: p.to,
        sku: p.sku,
        kind: 'transfer',
        quantity: p.quantity,
        received: 0,
        expectedAt: p.expectedAt,
        from: p.from,
        status: 'open',
        version: 1,
        ...(p.reference === undefined ? {} : { reference: p.reference }),
      });
      return true;
    }
    case 'SafetyStockSet':
      w.position(event.payload.node, event.payload.sku).safety = event.payload.quantity;
      return true;
    default:
      return false;
  }
}

function receive(w: StateWriter, event: EventOf<'StockReceived'>): void {
  const p = event.payload;
  const position = w.position(p.node, p.sku);
  position.onHand += p.quantity;
  if (p.lot !== undefined) {
    const lot = lotDraft(position, p.lot, event.at);
    lot.onHand += p.quantity;
    if (p.expiresOn !== undefined) lot.expiresOn = p.expiresOn;
  }
  const inbound = p.inbound === undefined ? undefined : w.edit('inbound', p.inbound);
  if (inbound) {
    inbound.received += p.quantity;
    if (inbound.received >= inbound.quantity) inbound.status = 'closed';
    inbound.version += 1;
  }
}

/**
 * Units a reservation held leave the position's holds (its channel's and lots' too); when shipped
 * they also leave on hand and count as demand. Shared by ending and by shrinking a reservation.
 */
function giveBack(
  w: StateWriter,
  p: { readonly node: NodeId; readonly sku: SkuId; readonly quantity: number; readonly channel?: ChannelId | undefined; readonly lots?: LotQuantities },
  shipped: boolean,
  at: string,
): void {
  const position = w.position(p.node, p.sku);
  position.reserved -= p.quantity;
  holdForChannel(position, p.channel, -p.quantity);
  moveLots(position, p.lots, 'reserved', -1, at);
  if (!shipped) return;
  position.onHand -= p.quantity;
  moveLots(position, p.lots, 'onHand', -1, at);
  recordDemand(w, p.sku, p.node, at, p.quantity);
}

/** Adds consumed units to the demand ledger, on the UTC day of the event. */
function recordDemand(w: StateWriter, sku: SkuId, node: NodeId, at: string, units: number): void {
  const byNode = w.demandDays(sku, node);
  const day = at.slice(0, 10);
  byNode[day] = (Object.hasOwn(byNode, day) ? byNode[day]! : 0) + units;
}

function lotDraft(position: Draft<Position>, lot: LotId, at: string): Draft<LotPosition> {
  position.lots ??= {};
  if (!Object.hasOwn(position.lots, lot)) position.lots[lot] = { lot, onHand: 0, reserved: 0, receivedAt: at };
  return position.lots[lot]!;
}

function moveLots(position: Draft<Position>, lots: LotQuantities, counter: 'onHand' | 'reserved', sign: 1 | -1, at: string): void {
  for (const { lot, quantity } of lots ?? []) lotDraft(position, lot, at)[counter] += sign * quantity;
}

function holdForChannel(position: Draft<Position>, channel: ChannelId | undefined, units: number): void {
  if (channel === undefined) return;
  position.channels ??= {};
  position.channels[channel] = (Object.hasOwn(position.channels, channel) ? position.channels[channel]! : 0) + units;
}
