import type { CalendarId } from '../domain/ids';
import type { Calendar, Departure, Lane } from '../domain/schedule';
import { localDate } from '../domain/time';
import { addBusinessDays, addCalendarDays } from './calendar';
import type { DepartureOccurrence } from './occurrences';

/** Where a delivery goes, as transit lanes match it. */
export interface Destination {
  readonly country: string;
  readonly postalCode?: string | undefined;
}

const WHOLE_DAY = [{ from: '00:00', to: '00:00' }];

/** Monday to Friday, no holidays: business days when a carrier gives no calendar. */
export function businessWeek(timeZone: string): Calendar {
  return { id: 'business-week' as CalendarId, timeZone, week: [WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, WHOLE_DAY, [], []], holidays: [] };
}

/**
 * Transit days to a destination: the lane with the longest matching postal prefix, else the
 * country's lane without prefix, else the departure's own transit.
 *
 * @example
 * ```ts
 * transitDays(departure, { country: 'DE', postalCode: '10115' }) // 1
 * ```
 */
export function transitDays(departure: Pick<Departure, 'transit' | 'lanes'>, destination: Destination | undefined): number {
  if (!destination || !departure.lanes) return departure.transit.days;
  let best: Lane | undefined;
  for (const lane of departure.lanes) {
    if (lane.country !== destination.country) continue;
    const prefix = lane.postalPrefix ?? '';
    if (prefix !== '' && !(destination.postalCode ?? '').startsWith(prefix)) continue;
    if (!best || prefix.length > (best.postalPrefix ?? '').length) best = lane;
  }
  return best ? best.days : departure.transit.days;
}

/** How a delivery date was reached, for a promise's trace. */
export interface Arrival {
  readonly date: string;
  readonly how: string;
}

/**
 * The delivery date of an occurrence: its ETA's local date when it has one; otherwise its local
 * departure date plus the transit days, on the carrier's working days (its calendar, or Monday to
 * Friday) or on every day (`basis: 'calendar'`). Dates are local to the carrier calendar's zone, or
 * the node's when the carrier gives none.
 *
 * @example
 * ```ts
 * arrivalOf(occurrence, { country: 'DE' }, calendars, 'Europe/Berlin') // { date: '2026-03-30', how: '1 business day(s) after 2026-03-27' }
 * ```
 */
export function arrivalOf(
  occurrence: DepartureOccurrence,
  destination: Destination | undefined,
  calendars: Readonly<Record<string, Calendar>>,
  nodeTimeZone: string,
): Arrival {
  const d = occurrence.departure;
  const carrier = d.calendar === undefined ? undefined : calendars[d.calendar as CalendarId];
  const zone = carrier?.timeZone ?? nodeTimeZone;
  if (occurrence.arrivesAt !== undefined) return { date: localDate(occurrence.arrivesAt, zone), how: `ETA ${new Date(occurrence.arrivesAt).toISOString()}` };
  const days = transitDays(d, destination);
  const leaves = localDate(occurrence.departsAt, zone);
  if (d.transit.basis === 'calendar') return { date: addCalendarDays(leaves, days), how: `${days} calendar day(s) after ${leaves}` };
  const date = addBusinessDays([carrier ?? businessWeek(zone)], leaves, days);
  return { date, how: `${days} business day(s) after ${leaves}${carrier ? ` on calendar ${carrier.id}` : ' (Mon-Fri)'}` };
}
