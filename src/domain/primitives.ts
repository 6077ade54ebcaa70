import { z } from 'zod';
import { LIMITS } from './limits';

/** A count of units: a non-negative safe integer. */
export const Units = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
/** A quantity moved or ordered: a positive whole number of units, at most `LIMITS.quantity`. */
export const Quantity = z.number().int().min(1).max(LIMITS.quantity);
/** A signed change of units, never zero. */
export const UnitDelta = z
  .number()
  .int()
  .min(-LIMITS.quantity)
  .max(LIMITS.quantity)
  .refine((n) => n !== 0, { message: 'must not be zero' });
/** Money or cost in the host's currency unit; finite and non-negative. */
export const Amount = z.number().finite().min(0).max(1e12);
/** Free text with a length limit. */
export const Text = z.string().max(LIMITS.textLength);
/**
 * An instant, ISO 8601 with `Z` or an offset, stored as UTC (`2026-03-27T16:00:00.000Z`): one
 * spelling per instant, so instants compare and sort as strings.
 */
export const Instant = z.iso.datetime({ offset: true }).transform((at) => new Date(at).toISOString());
export type Instant = z.infer<typeof Instant>;
/** A calendar date, ISO 8601 (`2026-03-27`). */
export const CalendarDate = z.iso.date();
/** A wall-clock time of day, `HH:mm`. */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'must be HH:mm' });
/** An IANA time zone such as `Europe/Berlin`, checked against the runtime's tz database. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Berlin' });
/** A point on the earth. */
export const Geo = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
});
export type Geo = z.infer<typeof Geo>;
/** A short label list, e.g. order tags. */
export const Tags = z.array(z.string().min(1).max(64)).max(LIMITS.tags);

/** Keys that must never reach an object as data (prototype pollution). */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * Free-form string attributes a host attaches. A forbidden key is refused with its path; zod's own
 * record would drop `__proto__` silently, so the raw keys are checked first.
 */
export const Attributes = z.preprocess(
  (value, ctx) => {
    if (typeof value === 'object' && value !== null) {
      for (const key of Object.keys(value)) {
        if (FORBIDDEN_KEYS.has(key)) ctx.addIssue({ code: 'custom', message: `reserved key ${key}`, path: [key], input: value });
      }
    }
    return value;
  },
  z
    .record(z.string().min(1).max(64), z.string().max(LIMITS.textLength))
    .refine((r) => Object.keys(r).length <= LIMITS.tags, { message: `at most ${LIMITS.tags} attributes` }),
);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}
