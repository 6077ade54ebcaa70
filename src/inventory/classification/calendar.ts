/**
 * The day number of an ISO calendar date (`yyyy-MM-dd`): days since 1970-01-01 in the proleptic
 * Gregorian calendar. Plain arithmetic (no `Date`), so years below 100 count as written.
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
