import { IllegalTransitionError, NotFoundError, ValidationError } from '../domain/errors';
import type { EventDraft } from '../domain/events';
import { sameDefinition } from '../domain/fingerprint';
import type { DepartureId, OrderId } from '../domain/ids';
import type { Calendar, Cutoff, Departure, ReleaseSchedule } from '../domain/schedule';
import { type FulfillmentState, own } from '../domain/state';

/**
 * Defines a calendar, or redefines it (a new version); unchanged, nothing.
 *
 * @example
 * ```ts
 * defineCalendarEvents(berlinWeek, state) // [{ type: 'CalendarDefined', payload: { calendar: berlinWeek } }]
 * ```
 */
export function defineCalendarEvents(calendar: Calendar, state: FulfillmentState): EventDraft[] {
  const existing = own(state.calendars, calendar.id);
  return existing && sameDefinition(existing, calendar) ? [] : [{ type: 'CalendarDefined', payload: { calendar } }];
}

/**
 * Defines a departure, or redefines it (a new version); unchanged, nothing.
 *
 * @example
 * ```ts
 * defineDepartureEvents(sailing, state) // [{ type: 'DepartureDefined', payload: { departure: sailing } }]
 * ```
 */
export function defineDepartureEvents(departure: Departure, state: FulfillmentState): EventDraft[] {
  const existing = own(state.departures, departure.id);
  return existing && sameDefinition(existing, departure) ? [] : [{ type: 'DepartureDefined', payload: { departure } }];
}

/** A delay: a new ETD, shifting every cutoff (and the ETA) by as much, unless they are given. */
export interface DepartureDelay {
  readonly departure: DepartureId;
  readonly departsAt?: string | undefined;
  readonly byMinutes?: number | undefined;
  readonly cutoffs?: readonly Cutoff[] | undefined;
  readonly arrivesAt?: string | undefined;
  readonly reason: string;
}

/**
 * Moves a one-off departure (a sailing rolled, a flight late): ETD by `departsAt` or `byMinutes`,
 * cutoffs and ETA shifted as much unless given. Cancelled or departed ones cannot move.
 *
 * @example
 * ```ts
 * delayDepartureEvents({ departure: 'MSC-412', byMinutes: 2 * 1440, reason: 'port congestion' }, state)
 * ```
 */
export function delayDepartureEvents(delay: DepartureDelay, state: FulfillmentState): EventDraft[] {
  if (delay.departsAt === undefined && delay.byMinutes === undefined && delay.cutoffs === undefined && delay.arrivesAt === undefined) {
    throw new ValidationError('delayDeparture', [{ path: [], message: 'give departsAt, byMinutes, cutoffs or arrivesAt', code: 'custom' }]);
  }
  const d = oneOff(delay.departure, state, 'delayed');
  const shift = delay.departsAt !== undefined ? Date.parse(delay.departsAt) - Date.parse(d.departsAt) : (delay.byMinutes ?? 0) * 60_000;
  const moved = (at: string) => new Date(Date.parse(at) + shift).toISOString();
  const cutoffs = [...(delay.cutoffs ?? d.cutoffs.map((c) => ({ kind: c.kind, at: moved(c.at) })))];
  const arrivesAt = delay.arrivesAt ?? (d.arrivesAt === undefined ? undefined : moved(d.arrivesAt));
  return [
    {
      type: 'DepartureDelayed',
      payload: { departure: d.id, departsAt: moved(d.departsAt), cutoffs, ...(arrivesAt === undefined ? {} : { arrivesAt }), reason: delay.reason },
    },
  ];
}

/**
 * Cancels a one-off departure, or one occurrence (`date`, local) of a recurring pick-up. Orders
 * planned on it are flagged by `cutoffRisks` and moved by the next `planRelease`.
 *
 * @example
 * ```ts
 * cancelDepartureEvents({ departure: 'MSC-412', reason: 'blank sailing' }, state)
 * ```
 */
export function cancelDepartureEvents(cancel: { readonly departure: DepartureId; readonly date?: string | undefined; readonly reason: string }, state: FulfillmentState): EventDraft[] {
  const d = own(state.departures, cancel.departure);
  if (!d) throw new NotFoundError('departure', cancel.departure);
  if (d.kind === 'recurring') {
    if (cancel.date === undefined) throw new ValidationError('cancelDeparture', [{ path: ['date'], message: 'a recurring pick-up is cancelled one date at a time (or redefine it as suspended)', code: 'custom' }]);
    if (d.skipDates.includes(cancel.date)) return [];
  } else if (d.status === 'cancelled') return [];
  else if (d.status === 'departed') throw new IllegalTransitionError('departure', d.id, d.status, 'cancelled');
  return [{ type: 'DepartureCancelled', payload: { departure: d.id, ...(cancel.date === undefined || d.kind === 'one-off' ? {} : { date: cancel.date }), reason: cancel.reason } }];
}

/**
 * Records that a one-off departure left: it takes no more cargo.
 *
 * @example
 * ```ts
 * departedEvents('MSC-412', state) // [{ type: 'DepartureDeparted', payload: { departure: 'MSC-412' } }]
 * ```
 */
export function departedEvents(id: DepartureId, state: FulfillmentState): EventDraft[] {
  const d = own(state.departures, id);
  if (d?.kind === 'one-off' && d.status === 'departed') return [];
  oneOff(id, state, 'departed');
  return [{ type: 'DepartureDeparted', payload: { departure: id } }];
}

function oneOff(id: DepartureId, state: FulfillmentState, to: string) {
  const d = own(state.departures, id);
  if (!d) throw new NotFoundError('departure', id);
  if (d.kind !== 'one-off') throw new IllegalTransitionError('departure', id, 'recurring', to);
  if (d.status === 'cancelled' || d.status === 'departed') throw new IllegalTransitionError('departure', id, d.status, to);
  return d;
}

/** Statuses whose schedule a plan may change: waiting for release, or in the warehouse (re-staged for another departure). */
const SCHEDULABLE: ReadonlySet<string> = new Set(['reserved', 'released', 'picking', 'packed']);

/**
 * Records each order's new schedule, for orders waiting for release or in the warehouse whose plan
 * changed (another departure, release time, latest release or verdict); `plannedAt` alone is no change.
 *
 * @example
 * ```ts
 * scheduleEvents(plan.orders.flatMap((p) => (p.schedule ? [{ order: p.order, schedule: p.schedule }] : [])), state)
 * ```
 */
export function scheduleEvents(planned: readonly { readonly order: OrderId; readonly schedule: ReleaseSchedule }[], state: FulfillmentState): EventDraft[] {
  const out: EventDraft[] = [];
  for (const { order, schedule } of planned) {
    const o = own(state.orders, order);
    if (!o || !SCHEDULABLE.has(o.status)) continue;
    if (o.schedule && sameSchedule(o.schedule, schedule)) continue;
    out.push({ type: 'OrderScheduled', payload: { order, schedule } });
  }
  return out;
}

function sameSchedule(a: ReleaseSchedule, b: ReleaseSchedule): boolean {
  return (
    a.departure === b.departure &&
    a.cutoff === b.cutoff &&
    a.releaseAt === b.releaseAt &&
    a.latestReleaseAt === b.latestReleaseAt &&
    a.readyAt === b.readyAt &&
    a.onTime === b.onTime &&
    a.deliveryDate === b.deliveryDate
  );
}
