import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * The calendar date (`yyyy-MM-dd`) an instant falls on in a time zone: the day a node lives in,
 * which decides, e.g., whether a lot has expired.
 *
 * @example
 * ```ts
 * localDate(Date.parse('2026-03-27T23:30:00Z'), 'Europe/Berlin') // '2026-03-28'
 * ```
 */
export function localDate(at: number, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'yyyy-MM-dd');
}
