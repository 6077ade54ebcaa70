import type { StateWriter } from '../decider/state-writer';
import type { FulfillmentEvent } from '../domain/events';
import { nextVersion } from '../domain/state';

/** Applies calendars, departures and order schedules. Returns false for events it does not own. */
export function evolveScheduling(w: StateWriter, event: FulfillmentEvent): boolean {
  switch (event.type) {
    case 'CalendarDefined':
      w.put('calendars', event.payload.calendar.id, nextVersion(w.state.calendars, event.payload.calendar));
      return true;
    case 'DepartureDefined':
      w.put('departures', event.payload.departure.id, nextVersion(w.state.departures, event.payload.departure));
      return true;
    case 'DepartureDelayed': {
      const d = w.edit('departures', event.payload.departure);
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
      const d = w.edit('departures', event.payload.departure);
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
      const d = w.edit('departures', event.payload.departure);
      if (d?.kind !== 'one-off') return true;
      d.status = 'departed';
      d.version += 1;
      return true;
    }
    case 'OrderScheduled': {
      const o = w.edit('orders', event.payload.order);
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
