import type { z } from 'zod';
import type { ReservationId, TenantId } from '../../domain/ids';
import type { Reservation } from '../../domain/inventory';
import { type FulfillmentState, own } from '../../domain/state';
import { decideInventory } from '../../inventory/decide';
import type { CommandSpec } from '../executor';
import type { ExtendReservationInput, ReservationsInput, ReserveInput } from '../inputs';
import type { Store } from '../ports';

type Parsed<S extends z.ZodType> = z.infer<S>;

const reservationsIn = (after: FulfillmentState, ids: readonly ReservationId[]) => ids.map((id) => own(after.reservations, id)!);

/** Holds units for a cart or any holder, all lines or none. */
export const reserve: CommandSpec<Parsed<typeof ReserveInput>, Reservation[]> = {
  name: 'reserve',
  idempotencyKey: (i) => i.idempotencyKey,
  load: (i, store, tenant) => {
    const skus = [...new Set(i.lines.map((l) => l.sku))];
    return store.load(tenant, { nodes: [i.node], skus, positions: skus.map((sku) => ({ node: i.node, sku })) });
  },
  decide: (i, slice, ctx) =>
    decideInventory(
      {
        type: 'ReserveStock',
        node: i.node,
        lines: i.lines,
        channel: i.channel,
        holder: i.holder,
        expiresAt: i.holdForMs === undefined ? undefined : new Date(ctx.now + i.holdForMs).toISOString(),
      },
      slice,
      ctx,
    ),
  result: (_i, after, events) => reservationsIn(after, events.flatMap((e) => (e.type === 'StockReserved' ? [e.payload.reservation] : []))),
};

const loadReservations = (i: { reservations: readonly ReservationId[] }, store: Store, tenant: TenantId) =>
  store.load(tenant, { reservations: i.reservations });

/** Releases reservations: their units are available again. */
export const releaseReservations: CommandSpec<Parsed<typeof ReservationsInput>, Reservation[]> = {
  name: 'releaseReservations',
  idempotencyKey: (i) => i.idempotencyKey,
  load: loadReservations,
  decide: (i, slice, ctx) => decideInventory({ type: 'ReleaseReservations', reservations: i.reservations, reason: i.reason }, slice, ctx),
  result: (i, after) => reservationsIn(after, i.reservations),
};

/** Consumes reservations: their units left on hand (a sale, a shipment outside an order). */
export const consumeReservations: CommandSpec<Parsed<typeof ReservationsInput>, Reservation[]> = {
  name: 'consumeReservations',
  idempotencyKey: (i) => i.idempotencyKey,
  load: loadReservations,
  decide: (i, slice, ctx) => decideInventory({ type: 'ConsumeReservations', reservations: i.reservations }, slice, ctx),
  result: (i, after) => reservationsIn(after, i.reservations),
};

/** Moves a reservation's expiry, or removes it. */
export const extendReservation: CommandSpec<Parsed<typeof ExtendReservationInput>, Reservation> = {
  name: 'extendReservation',
  idempotencyKey: (i) => i.idempotencyKey,
  load: (i, store, tenant) => store.load(tenant, { reservations: [i.reservation] }),
  decide: (i, slice, ctx) =>
    decideInventory(
      {
        type: 'ExtendReservation',
        reservation: i.reservation,
        expiresAt: i.expiresAt ?? (i.holdForMs === undefined ? undefined : new Date(ctx.now + i.holdForMs).toISOString()),
      },
      slice,
      ctx,
    ),
  result: (i, after) => own(after.reservations, i.reservation)!,
};
