/** One formatter per time zone: building an Intl.DateTimeFormat costs far more than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

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
  if (timeZone === 'UTC') return new Date(at).toISOString().slice(0, 10);
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA writes dates as yyyy-MM-dd.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(at);
}

/**
 * An instant given as ISO text, epoch milliseconds or a Date, in epoch milliseconds.
 *
 * @example
 * ```ts
 * instantMs('2026-03-27T16:00:00Z') // 1774627200000
 * ```
 */
export function instantMs(at: string | number | Date): number {
  return typeof at === 'number' ? at : new Date(at).getTime();
}
