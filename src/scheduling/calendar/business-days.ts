import { addDays } from '../../domain/dates';
import type { Calendar } from '../../domain/schedule';
import { isWorkingDay } from './intervals';

/** Longest run of closed days searched before giving up: two years covers any real shutdown. */
const MAX_SEARCH_DAYS = 2 * 366;

/**
 * The `yyyy-MM-dd` date `days` whole days after `date` (before, when negative): plain calendar
 * arithmetic in UTC days, no time zone involved.
 *
 * @example
 * ```ts
 * addCalendarDays('2026-03-28', 2) // '2026-03-30'
 * ```
 */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not a yyyy-MM-dd date: ${date}`);
  return addDays(date, days);
}

function worksInAll(calendars: readonly (Calendar | undefined)[], date: string): boolean {
  return calendars.every((c) => isWorkingDay(c, date));
}

function names(calendars: readonly (Calendar | undefined)[]): string {
  const ids = calendars.filter((c): c is Calendar => c !== undefined).map((c) => c.id);
  return ids.length === 0 ? '(none)' : ids.join(', ');
}

/** The first working day strictly after (`step` 1) or before (`step` −1) `date`. */
function step(calendars: readonly (Calendar | undefined)[], date: string, direction: 1 | -1): string {
  let day = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    day = addCalendarDays(day, direction);
    if (worksInAll(calendars, day)) return day;
  }
  throw new RangeError(`no working day within two years ${direction > 0 ? 'after' : 'before'} ${date} in calendars ${names(calendars)}`);
}

/**
 * `date` itself when it is a working day in every given calendar, else the next one that is.
 * No calendars: every day works. Throws a RangeError naming the calendars when none of the next
 * two years works (e.g. a week with no shifts).
 *
 * @example
 * ```ts
 * nextWorkingDay([berlinMonToFri], '2026-03-28') // '2026-03-30' (Saturday → Monday)
 * ```
 */
export function nextWorkingDay(calendars: readonly (Calendar | undefined)[], date: string): string {
  return worksInAll(calendars, date) ? date : step(calendars, date, 1);
}

/**
 * The local date `days` working days after `date` (before, when negative), a working day being one
 * that works in EVERY given calendar (e.g. node and carrier); no calendars: every day. `days` 0
 * gives `date` when it works, else the next working day. Throws a RangeError naming the calendars
 * when two years pass without a working day.
 *
 * @example
 * ```ts
 * addBusinessDays([berlinMonToFri], '2026-04-02', 1) // '2026-04-06' with Good Friday a holiday
 * ```
 */
export function addBusinessDays(calendars: readonly (Calendar | undefined)[], date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  if (days === 0) return nextWorkingDay(calendars, date);
  const direction = days > 0 ? 1 : -1;
  let day = date;
  for (let left = Math.abs(days); left > 0; left--) day = step(calendars, day, direction);
  return day;
}
