import type { Calendar, Cutoff, CutoffKind, Departure, OneOffDeparture, RecurringDeparture } from '../domain/schedule';
import { dayNumber, weekdayIndex } from '../domain/dates';
import { localDate } from '../domain/time';
import { addCalendarDays, isWorkingDay, wallClockToInstant } from './calendar';

/**
 * One departure that actually leaves: a one-off departure, or one day's occurrence of a recurring
 * pick-up (`ref` = `<id>@<yyyy-mm-dd>`), with its binding cutoff: the earliest of the cutoffs the
 * policy counts (a sailing's document cutoff may fall days before its cargo cutoff).
 */
export interface DepartureOccurrence {
  readonly ref: string;
  readonly departure: Departure;
  readonly departsAt: number;
  readonly cutoff: number;
  /** The kind of the binding cutoff. */
  readonly cutoffKind: CutoffKind;
  /** ETA of a one-off departure, when given. */
  readonly arrivesAt?: number;
  /** The local date it leaves on, in the zone it was scheduled in. */
  readonly date: string;
}

/** Where the occurrences are looked for, and which cutoffs bind. */
export interface OccurrenceWindow {
  /** Occurrences whose binding cutoff is at or after this instant … */
  readonly from: number;
  /** … and at or before this one. */
  readonly to: number;
  /** Cutoff kinds that bind release; absent: every kind. */
  readonly cutoffKinds?: readonly CutoffKind[];
}

/**
 * The occurrences of departures whose binding cutoff falls in the window, sorted by cutoff, then
 * departure time, then ref. A recurring pick-up leaves on its weekdays at `at` in `timeZone` (the
 * node's), skipping `skipDates`, days outside its validity and the days either calendar is closed
 * (the node's, when given, ∩ the carrier's: no hand-over when either side is shut).
 * Cancelled, departed and suspended departures have none.
 *
 * @example
 * ```ts
 * departureOccurrences([dailyTruck], { dhl: dhlCalendar }, 'Europe/Berlin', { from: now, to: now + 14 * DAY })
 * // [{ ref: 'truck@2026-03-27', cutoff: …, departsAt: … }, …]
 * ```
 */
export function departureOccurrences(
  departures: readonly Departure[],
  calendars: Readonly<Record<string, Calendar>>,
  timeZone: string,
  window: OccurrenceWindow,
  nodeCalendar?: Calendar,
): DepartureOccurrence[] {
  const out: DepartureOccurrence[] = [];
  for (const d of departures) {
    if (d.kind === 'one-off') {
      const o = oneOff(d, timeZone, window.cutoffKinds);
      if (o && o.cutoff >= window.from && o.cutoff <= window.to) out.push(o);
    } else out.push(...recurring(d, calendars, timeZone, window, nodeCalendar));
  }
  return out.sort((a, b) => a.cutoff - b.cutoff || a.departsAt - b.departsAt || (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

function oneOff(d: OneOffDeparture, timeZone: string, kinds: readonly CutoffKind[] | undefined): DepartureOccurrence | undefined {
  if (d.status === 'cancelled' || d.status === 'departed') return undefined;
  const binding = bindingCutoff(d.cutoffs, kinds);
  if (!binding) return undefined;
  const departsAt = Date.parse(d.departsAt);
  return {
    ref: d.id,
    departure: d,
    departsAt,
    cutoff: Date.parse(binding.at),
    cutoffKind: binding.kind,
    ...(d.arrivesAt === undefined ? {} : { arrivesAt: Date.parse(d.arrivesAt) }),
    date: localDate(departsAt, timeZone),
  };
}

/** The earliest cutoff of the kinds that bind (all kinds when none are named). */
function bindingCutoff(cutoffs: readonly Cutoff[], kinds: readonly CutoffKind[] | undefined): Cutoff | undefined {
  let best: Cutoff | undefined;
  for (const c of cutoffs) {
    if (kinds && !kinds.includes(c.kind)) continue;
    if (!best || c.at < best.at) best = c;
  }
  return best;
}

function recurring(d: RecurringDeparture, calendars: Readonly<Record<string, Calendar>>, timeZone: string, window: OccurrenceWindow, nodeCalendar: Calendar | undefined): DepartureOccurrence[] {
  if (d.status !== 'active') return [];
  const carrier = d.calendar === undefined ? undefined : calendars[d.calendar];
  const cutoffMs = d.cutoffMinutes * 60_000;
  const out: DepartureOccurrence[] = [];
  // Departure dates whose cutoff can fall in the window: from the window's first local day to the
  // last one plus the cutoff lead (a cutoff may be days before its pick-up).
  const first = localDate(window.from, timeZone);
  const last = addCalendarDays(localDate(window.to, timeZone), Math.ceil(d.cutoffMinutes / 1_440) + 1);
  const [hh, mm] = d.at.split(':').map(Number) as [number, number];
  const minuteOfDay = hh * 60 + mm;
  for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
    if (!d.weekdays.includes(weekdayIndex(dayNumber(date)))) continue;
    if ((d.validFrom !== undefined && date < d.validFrom) || (d.validTo !== undefined && date > d.validTo)) continue;
    if (d.skipDates.includes(date) || !isWorkingDay(carrier, date) || !isWorkingDay(nodeCalendar, date)) continue;
    const departsAt = wallClockToInstant(date, minuteOfDay, timeZone);
    const cutoff = departsAt - cutoffMs;
    if (cutoff < window.from || cutoff > window.to) continue;
    out.push({ ref: `${d.id}@${date}`, departure: d, departsAt, cutoff, cutoffKind: 'pickup', date });
  }
  return out;
}

/**
 * The departure ids a ref may name, most specific first: the ref itself (a one-off departure,
 * whose id may hold an `@`), then, for `<id>@<date>`, the recurring pick-up's id.
 *
 * @example
 * ```ts
 * departureIdsOf('dhl@2026-03-27') // ['dhl@2026-03-27', 'dhl']
 * ```
 */
export function departureIdsOf(ref: string): string[] {
  const at = ref.lastIndexOf('@');
  return at > 0 ? [ref, ref.slice(0, at)] : [ref];
}
