import type { Draft } from 'immer';
import type { FulfillmentEvent } from '../domain/events';
import { defineVersion, type FulfillmentState } from '../domain/state';

/** Applies calendars, departures and order schedules. Returns false for events it does not own. */
export function evolveScheduling(state: Draft<FulfillmentState>, event: FulfillmentEvent): boolean {
  switch (event.type) {
    case 'CalendarDefined':
      defineVersion(state.calendars, event.payload.calendar);
      return true;
    case 'DepartureDefined':
      defineVersion(state.departures, event.payload.departure);
      return true;
    case 'DepartureDelayed': {
      const d = departureDraft(state, event.payload.departure);
      if (d?.kind !== 'one-off') return true;
      d.departsAt = event.payload.departsAt;
      d.cutoffs = event.payload.cutoffs;
      if (event.payload.arrivesAt === undefined) delete d.arrivesAt;
      else d.arrivesAt = event.payload.arrivesAt;
      d.status = 'delayed';
      d.statusReason = event.payload.reason;
      d.version += 1;
      return true;
    }
    case 'DepartureCancelled': {
      const d = departureDraft(state, event.payload.departure);
      if (!d) return true;
      if (d.kind === 'recurring') {
        const date = event.payload.date;
        if (date !== undefined && !d.skipDates.includes(date)) d.skipDates = [...d.skipDates, date].sort();
      } else {
        d.status = 'cancelled';
        d.statusReason = event.payload.reason;
      }
      d.version += 1;
      return true;
    }
    case 'DepartureDeparted': {
      const d = departureDraft(state, event.payload.departure);
      if (d?.kind !== 'one-off') return true;
      d.status = 'departed';
      d.version += 1;
      return true;
    }
    case 'OrderScheduled': {
      const o = Object.hasOwn(state.orders, event.payload.order) ? state.orders[event.payload.order] : undefined;
      if (!o) return true;
      o.schedule = event.payload.schedule;
      o.updatedAt = event.at;
      o.version += 1;
      return true;
    }
    default:
      return false;
  }
}

function departureDraft(state: Draft<FulfillmentState>, id: string) {
  return Object.hasOwn(state.departures, id) ? state.departures[id as keyof typeof state.departures] : undefined;
}
