import { tzOffset } from '@date-fns/tz';
import type { Calendar, Throughput } from '../../domain/schedule';
import { dateOfDay, dayNumber, weekdayIndex } from '../../domain/dates';
import { localDate } from '../../domain/time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** A half-open span of time `[start, end)` (epoch ms) in which a calendar is open, with the shift's throughput. */
export interface OpenInterval {
  readonly start: number;
  readonly end: number;
  readonly capacity?: Throughput;
}

/** Days since 1970-01-01 of a `yyyy-MM-dd` date: local dates are stepped as plain day numbers. */
function dayOf(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a yyyy-MM-dd date: ${date}`);
  return dayNumber(date);
}

/** Minutes after midnight of an `HH:mm` time. */
function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** UTC offset (ms) of a zone at an instant; `UTC` skips Intl, which is the slow part. */
function offsetMs(timeZone: string, at: number): number {
  return timeZone === 'UTC' ? 0 : tzOffset(timeZone, new Date(at)) * MINUTE_MS;
}

/**
 * The instant at which a zone's clock first shows a wall-clock time: the date at `minuteOfDay`
 * minutes after local midnight (1440 = the next midnight).
 *
 * `TZDate` is not used for this because of how it resolves the two DST edge cases: it pushes a time
 * inside a spring-forward gap forward by the gap's length (Berlin 02:30 → 03:30) and resolves a
 * repeated fall-back time to the later instant in some zones (Berlin, Sydney) and the earlier in
 * others (New York). A shift boundary needs one rule, so "first instant the clock shows this time
 * or later" gives it: a time in a gap moves to the first valid instant after the gap (the
 * transition itself: Berlin 02:30 on 2026-03-29 → 03:00 CEST); a time that occurs twice takes the
 * earlier instant (02:30 on 2026-10-25 → 02:30 CEST).
 *
 * @example
 * ```ts
 * wallClockToInstant('2026-03-29', 150, 'Europe/Berlin') // Date.parse('2026-03-29T01:00:00Z'), 03:00 CEST
 * ```
 */
export function wallClockToInstant(date: string, minuteOfDay: number, timeZone: string): number {
  const wall = (dayOf(date) * 1440 + minuteOfDay) * MINUTE_MS;
  // At most one transition lies within a day either side, so the offsets a day before and after
  // are the only candidates; a candidate is real when the zone has that offset at it.
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  let best: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const t = wall - offset;
    if (offsetMs(timeZone, t) === offset && (best === undefined || t < best)) best = t;
  }
  if (best !== undefined) return best;
  // A gap: the transition lies in (wall − larger offset, wall − smaller offset]; search it.
  let lo = wall - Math.max(before, after);
  let hi = wall - Math.min(before, after);
  const late = offsetMs(timeZone, hi);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(timeZone, mid) === late) hi = mid;
    else lo = mid;
  }
  return hi;
}

function sameCapacity(a: Throughput | undefined, b: Throughput | undefined): boolean {
  return a?.unitsPerHour === b?.unitsPerHour && a?.ordersPerHour === b?.ordersPerHour;
}

/**
 * An interval carrying `capacity` only when there is one (exactOptionalPropertyTypes forbids an
 * explicit `undefined`).
 *
 * @example
 * ```ts
 * interval(0, 3_600_000, undefined) // { start: 0, end: 3600000 }
 * ```
 */
export function interval(start: number, end: number, capacity: Throughput | undefined): OpenInterval {
  return capacity === undefined ? { start, end } : { start, end, capacity };
}

/**
 * Merges sorted intervals with the same capacity that touch or overlap: a split only survives
 * where the throughput changes.
 *
 * @example
 * ```ts
 * mergeSameCapacity([{ start: 0, end: 5 }, { start: 5, end: 9 }]) // [{ start: 0, end: 9 }]
 * ```
 */
export function mergeSameCapacity(sorted: readonly OpenInterval[]): OpenInterval[] {
  const out: OpenInterval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && iv.start <= last.end && sameCapacity(last.capacity, iv.capacity)) {
      out[out.length - 1] = interval(last.start, Math.max(last.end, iv.end), last.capacity);
    } else out.push(iv);
  }
  return out;
}

function checkRange(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`instants must be finite: ${from}, ${to}`);
}

/**
 * The open intervals of a calendar overlapping `[from, to)`, clipped to it, sorted and disjoint,
 * each with its shift's `capacity`. No calendar is always open: one interval `[from, to)`.
 *
 * Shifts belong to the local date they start on (a holiday closes those), so the day before
 * `from` is read too: its overnight shift may still be running. Where shifts of one calendar
 * overlap, the one that started first keeps its capacity until it ends (ties: the earlier in the
 * day's list); touching pieces with the same capacity merge, pieces whose capacity differs stay apart.
 *
 * @example
 * ```ts
 * openIntervals(berlin9to17, Date.parse('2026-03-27T00:00:00Z'), Date.parse('2026-03-28T00:00:00Z'))
 * // [{ start: Date.parse('2026-03-27T07:00:00Z'), end: Date.parse('2026-03-27T16:00:00Z') }]
 * ```
 */
export function openIntervals(calendar: Calendar | undefined, from: number, to: number): OpenInterval[] {
  checkRange(from, to);
  if (to <= from) return [];
  if (calendar === undefined) return [{ start: from, end: to }];
  const tz = calendar.timeZone;
  const holidays = new Set(calendar.holidays);
  const first = dayNumber(localDate(from, tz)) - 1;
  const last = dayNumber(localDate(to - 1, tz));
  const shifts: OpenInterval[] = [];
  for (let day = first; day <= last; day++) {
    const date = dateOfDay(day);
    if (holidays.has(date)) continue;
    for (const shift of calendar.week[weekdayIndex(day)] ?? []) {
      const open = minutesOf(shift.from);
      let close = minutesOf(shift.to);
      if (close <= open) close += 1440; // runs past midnight; 00:00–00:00 is the whole day
      const start = wallClockToInstant(date, open, tz);
      const end = wallClockToInstant(date, close, tz);
      if (end > start) shifts.push(interval(start, end, shift.capacity));
    }
  }
  // Stable sort: equal starts keep day, then list, order — the tie rule above.
  shifts.sort((a, b) => a.start - b.start);
  // Every earlier shift starts no later than this one, so what they cover from its start on is
  // [start, reach): only the part past `reach` is new.
  const pieces: OpenInterval[] = [];
  let reach = Number.NEGATIVE_INFINITY;
  for (const s of shifts) {
    const start = Math.max(s.start, reach, from);
    const end = Math.min(s.end, to);
    if (end > start) pieces.push(interval(start, end, s.capacity));
    reach = Math.max(reach, s.end);
  }
  return mergeSameCapacity(pieces);
}

/**
 * Whether a local date is a working day of a calendar: its weekday has at least one shift and it
 * is not a holiday. No calendar works every day.
 *
 * @example
 * ```ts
 * isWorkingDay(berlinMonToFri, '2026-04-03') // false when Good Friday is listed as a holiday
 * ```
 */
export function isWorkingDay(calendar: Calendar | undefined, date: string): boolean {
  if (calendar === undefined) return true;
  const day = dayOf(date);
  return (calendar.week[weekdayIndex(day)]?.length ?? 0) > 0 && !calendar.holidays.includes(date);
}
