// Arithmetic on ISO calendar dates (`yyyy-MM-dd`) as whole days: no time zones, no clock.

const DAY_MS = 86_400_000;

/**
 * The day number of an ISO calendar date: days since 1970-01-01 in the proleptic Gregorian
 * calendar. Plain arithmetic (no `Date`), so years below 100 count as written.
 *
 * @example
 * ```ts
 * dayNumber('1970-01-02') // 1
 * ```
 */
export function dayNumber(date: string): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  // Days from civil (H. Hinnant): years start on 1 March, so the leap day ends the year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The ISO calendar date of a day number (the inverse of `dayNumber`).
 *
 * @example
 * ```ts
 * dateOfDay(1) // '1970-01-02'
 * ```
 */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The ISO calendar date `days` whole days after `date` (before, when negative).
 *
 * @example
 * ```ts
 * addDays('2026-03-28', 2) // '2026-03-30'
 * ```
 */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/**
 * Whole days from `from` to `to` (negative when `to` comes first).
 *
 * @example
 * ```ts
 * daysBetween('2026-01-01', '2026-03-01') // 59
 * ```
 */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The weekday of a day number: 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday, index 3).
 *
 * @example
 * ```ts
 * weekdayIndex(dayNumber('2026-03-27')) // 4 (a Friday)
 * ```
 */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}
