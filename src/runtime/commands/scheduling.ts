import type { z } from 'zod';
import type { EventDraft } from '../../domain/events';
import type { DepartureId, OrderId } from '../../domain/ids';
import type { Calendar, Departure, ReleaseSchedule } from '../../domain/schedule';
import { type FulfillmentState, own, type Versioned } from '../../domain/state';
import { decideOrder } from '../../orders/decide';
import {
  cancelDepartureEvents,
  defineCalendarEvents,
  defineDepartureEvents,
  delayDepartureEvents,
  departedEvents,
  scheduleEvents,
} from '../../scheduling/decide';
import type { CommandSpec } from '../executor';
import type { CancelDepartureInput, DefineCalendarInput, DefineDepartureInput, DelayDepartureInput } from '../scheduling-inputs';

/** Defines or redefines a calendar. */
export const defineCalendar: CommandSpec<z.infer<typeof DefineCalendarInput>, Versioned<Calendar>> = {
  name: 'defineCalendar',
  idempotencyKey: () => undefined,
  load: (c, store, tenant) => store.load(tenant, { calendars: [c.id] }),
  decide: (c, slice) => defineCalendarEvents(c, slice),
  result: (c, after) => own(after.calendars, c.id)!,
};

/** Defines or redefines a departure. */
export const defineDeparture: CommandSpec<z.infer<typeof DefineDepartureInput>, Versioned<Departure>> = {
  name: 'defineDeparture',
  idempotencyKey: () => undefined,
  load: (d, store, tenant) => store.load(tenant, { departures: [d.id] }),
  decide: (d, slice) => defineDepartureEvents(d, slice),
  result: (d, after) => own(after.departures, d.id)!,
};

const departureCommand = <I extends { readonly departure: DepartureId }>(name: string, decide: (i: I, slice: FulfillmentState) => EventDraft[]): CommandSpec<I, Versioned<Departure>> => ({
  name,
  idempotencyKey: () => undefined,
  load: (i, store, tenant) => store.load(tenant, { departures: [i.departure] }),
  decide: (i, slice) => decide(i, slice),
  result: (i, after) => own(after.departures, i.departure)!,
});

/** Moves a one-off departure. */
export const delayDeparture = departureCommand<z.infer<typeof DelayDepartureInput>>('delayDeparture', (i, slice) => delayDepartureEvents(i, slice));
/** Cancels a one-off departure or one occurrence of a recurring pick-up. */
export const cancelDeparture = departureCommand<z.infer<typeof CancelDepartureInput>>('cancelDeparture', (i, slice) => cancelDepartureEvents(i, slice));
/** Records that a one-off departure left. */
export const markDeparted = departureCommand<{ readonly departure: DepartureId }>('markDeparted', (i, slice) => departedEvents(i.departure, slice));

/** Records a batch of planned schedules on orders still waiting; returns how many changed. */
export const scheduleOrders: CommandSpec<{ readonly planned: readonly { readonly order: OrderId; readonly schedule: ReleaseSchedule }[] }, number> = {
  name: 'planRelease',
  idempotencyKey: () => undefined,
  load: (i, store, tenant) => store.load(tenant, { orders: i.planned.map((p) => p.order) }),
  decide: (i, slice) => scheduleEvents(i.planned, slice),
  result: (_i, _after, events) => events.length,
};

/**
 * Releases a batch of orders whose planned release has come: each still `reserved` with
 * `schedule.releaseAt` at or before `now`, through the order lifecycle's own release (its
 * reservations stop expiring). Orders that moved on meanwhile are skipped.
 */
export const releaseBatch: CommandSpec<{ readonly due: readonly OrderId[] }, OrderId[]> = {
  name: 'releaseDue',
  idempotencyKey: () => undefined,
  load: async (i, store, tenant) => {
    const first = await store.load(tenant, { orders: i.due });
    const reservations = Object.values(first.orders).flatMap((o) => o.reservations);
    return reservations.length === 0 ? first : { ...first, reservations: (await store.load(tenant, { reservations })).reservations };
  },
  // Each order releases only what it holds itself, so every decision reads the same slice.
  decide: (i, slice, ctx) =>
    i.due.flatMap((id) => {
      const o = own(slice.orders, id);
      if (o?.status !== 'reserved' || !o.schedule || Date.parse(o.schedule.releaseAt) > ctx.now) return [];
      return decideOrder({ type: 'ReleaseOrder', order: id }, slice, ctx);
    }),
  result: (_i, _after, events) => events.flatMap((e) => (e.type === 'OrderReleased' ? [e.payload.order] : [])),
};
