import { z } from 'zod';
import { CalendarId, CarrierId, DepartureId, NodeId } from './ids';
import { LIMITS } from './limits';
import { CalendarDate, Instant, TimeOfDay, TimeZone, Text } from './primitives';

/** Work a node gets through per hour while open: units, orders, or both (two resources). */
export const Throughput = z
  .strictObject({
    unitsPerHour: z.number().positive().max(1e9).optional(),
    ordersPerHour: z.number().positive().max(1e9).optional(),
  })
  .refine((t) => t.unitsPerHour !== undefined || t.ordersPerHour !== undefined, { message: 'give unitsPerHour, ordersPerHour or both' });
export type Throughput = z.infer<typeof Throughput>;

/**
 * One open interval (a shift) on a weekday, wall-clock in the calendar's zone. `to` at or before
 * `from` runs past midnight into the next day (`22:00`–`06:00`); `00:00`–`00:00` is the whole day.
 * A shift may carry its own throughput (staffing differs by shift).
 */
export const OpeningHours = z.strictObject({
  from: TimeOfDay,
  to: TimeOfDay,
  name: z.string().max(64).optional(),
  capacity: Throughput.optional(),
});
export type OpeningHours = z.infer<typeof OpeningHours>;

/**
 * Working days, holidays and hours (shifts), in an IANA time zone: a node's or a carrier's.
 * A holiday closes the shifts that start on it.
 */
export const Calendar = z.strictObject({
  id: CalendarId,
  name: Text.optional(),
  timeZone: TimeZone,
  /** Index 0 = Monday … 6 = Sunday (ISO weekday − 1); an empty list is a closed day. */
  week: z.array(z.array(OpeningHours).max(8)).length(7),
  holidays: z.array(CalendarDate).max(LIMITS.collection).default([]),
});
export type Calendar = z.infer<typeof Calendar>;
/** A calendar as the host writes it (defaults may be left out). */
export type CalendarInput = z.input<typeof Calendar>;

/** How fast carriers move cargo; orders ask for one. */
export const ServiceLevel = z.enum(['same-day', 'next-day', 'express', 'standard', 'economy', 'air', 'sea']);
export type ServiceLevel = z.infer<typeof ServiceLevel>;

/** Which deadline a cutoff is: carrier pick-up, documents, container yard (cargo), VGM, customs. */
export const CutoffKind = z.enum(['pickup', 'document', 'cargo', 'vgm', 'customs']);
export type CutoffKind = z.infer<typeof CutoffKind>;
/** One deadline of a departure, as a UTC instant. */
export const Cutoff = z.strictObject({ kind: CutoffKind, at: Instant });
export type Cutoff = z.infer<typeof Cutoff>;

/** Transit time: business days count the carrier's calendar (or the node's), calendar days every day. */
export const Transit = z.strictObject({
  days: z.number().int().min(0).max(120),
  basis: z.enum(['business', 'calendar']).default('business'),
});
export type Transit = z.infer<typeof Transit>;

/** A transit time to part of the world: a country, optionally narrowed by postal-code prefix. */
export const Lane = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code, e.g. DE' }),
  postalPrefix: z.string().max(16).optional(),
  days: z.number().int().min(0).max(120),
});
export type Lane = z.infer<typeof Lane>;

/** What one departure can carry; absent: unlimited. */
export const DepartureCapacity = z.strictObject({
  orders: z.number().int().min(0).max(LIMITS.quantity).optional(),
  units: z.number().int().min(0).max(LIMITS.quantity).optional(),
});

const departureBase = {
  id: DepartureId,
  node: NodeId,
  carrier: CarrierId,
  mode: z.enum(['parcel', 'truck', 'air', 'sea', 'rail']).default('parcel'),
  serviceLevel: ServiceLevel.default('standard'),
  transit: Transit.default({ days: 1, basis: 'business' }),
  /** Transit per destination; the longest matching postal prefix wins, then the country. */
  lanes: z.array(Lane).max(LIMITS.collection).optional(),
  /** The carrier's calendar: no pick-up on its closed days, business-day transit counts its days. */
  calendar: CalendarId.optional(),
  capacity: DepartureCapacity.optional(),
};

/**
 * A one-off departure: a sailing or flight (vessel, voyage, document and CY cutoffs, ETD, ETA) or
 * an extra truck. `delayed` moves its times; `cancelled` takes it out of every plan.
 */
export const OneOffDeparture = z.strictObject({
  ...departureBase,
  kind: z.literal('one-off'),
  /** ETD. */
  departsAt: Instant,
  cutoffs: z.array(Cutoff).min(1).max(8),
  /** ETA; when given it is the arrival, instead of departure + transit. */
  arrivesAt: Instant.optional(),
  voyage: z.string().max(64).optional(),
  vessel: Text.optional(),
  status: z.enum(['scheduled', 'delayed', 'cancelled', 'departed']).default('scheduled'),
  /** Why it was delayed or cancelled. */
  statusReason: Text.optional(),
});
export type OneOffDeparture = z.infer<typeof OneOffDeparture>;

/**
 * A recurring carrier pick-up: on the given weekdays at `at` (wall-clock, the node's zone), with
 * the cutoff `cutoffMinutes` before it. Occurrences fall away on the carrier calendar's closed days
 * and on `skipDates`; each occurrence's id is `<id>@<yyyy-mm-dd>`.
 */
export const RecurringDeparture = z.strictObject({
  ...departureBase,
  kind: z.literal('recurring'),
  /** 0 = Monday … 6 = Sunday. */
  weekdays: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  at: TimeOfDay,
  cutoffMinutes: z.number().int().min(0).max(7 * 24 * 60).default(0),
  validFrom: CalendarDate.optional(),
  validTo: CalendarDate.optional(),
  /** Local dates with no pick-up (a cancelled occurrence). */
  skipDates: z.array(CalendarDate).max(LIMITS.collection).default([]),
  status: z.enum(['active', 'suspended']).default('active'),
});
export type RecurringDeparture = z.infer<typeof RecurringDeparture>;

/** A departure as stored: a one-off sailing, flight or truck, or a recurring pick-up. */
export const Departure = z.discriminatedUnion('kind', [OneOffDeparture, RecurringDeparture]);
export type Departure = z.infer<typeof Departure>;
/** A departure as the host writes it (defaults may be left out). */
export type DepartureInput = z.input<typeof Departure>;

/** Minutes of work for orders up to a size, replacing the profile's fixed minutes. */
const SizeBand = z.strictObject({ upToUnits: z.number().int().min(1).max(LIMITS.quantity), minutes: z.number().min(0).max(100_000) });

/**
 * How long a node takes from release to ready-at-the-dock, in working minutes (the node's open
 * hours), and how much it gets through. Lead time of an order = pick + pack + stage + per-line and
 * per-unit minutes; with `bySize`, the first band the order fits replaces pick + pack.
 */
export const ProcessingProfile = z.strictObject({
  pickMinutes: z.number().min(0).max(100_000).default(0),
  packMinutes: z.number().min(0).max(100_000).default(0),
  stageMinutes: z.number().min(0).max(100_000).default(0),
  perLineMinutes: z.number().min(0).max(10_000).default(0),
  perUnitMinutes: z.number().min(0).max(10_000).default(0),
  bySize: z.array(SizeBand).max(32).optional(),
  /** Throughput on shifts that do not give their own; absent: unlimited. */
  capacity: Throughput.optional(),
});
export type ProcessingProfile = z.infer<typeof ProcessingProfile>;

/** An occurrence of a departure: the departure's id, or `<id>@<yyyy-mm-dd>` for a recurring pick-up. */
export const DepartureRef = z.string().min(1).max(LIMITS.idLength + 11);

/**
 * Where release planning put an order: the departure it should make, that departure's binding
 * cutoff, the latest moment the order can be released and still make it (cutoff − lead time on
 * the node's working hours), when the plan releases it, and whether the plan makes the cutoff.
 */
export const ReleaseSchedule = z.strictObject({
  node: NodeId,
  departure: DepartureRef,
  carrier: CarrierId,
  cutoff: Instant,
  /** Which of the departure's cutoffs binds (the risk monitor follows that one when it moves). */
  cutoffKind: CutoffKind.optional(),
  departsAt: Instant,
  /** Cutoff − processing lead time, on working hours: release after this and the order misses. */
  latestReleaseAt: Instant,
  /** When the plan hands the order to the warehouse. */
  releaseAt: Instant,
  /** When the plan has the order ready at the dock. */
  readyAt: Instant,
  /** False: capacity could not make this order's first departure; it was rolled to this one. */
  onTime: z.boolean(),
  /** The departure the order missed, when it was rolled. */
  missed: DepartureRef.optional(),
  /** Delivery date at the destination, in the departure's calendar zone, when known. */
  deliveryDate: CalendarDate.optional(),
  plannedAt: Instant,
  reason: Text,
});
export type ReleaseSchedule = z.infer<typeof ReleaseSchedule>;

/**
 * Whether a departure can still take cargo: a recurring pick-up always (its occurrences decide), a
 * one-off unless cancelled or departed. Stores index live departures by node (`departuresOfNodes`).
 *
 * @example
 * ```ts
 * isLiveDeparture({ kind: 'one-off', status: 'cancelled' }) // false
 * ```
 */
export function isLiveDeparture(departure: { readonly kind: Departure['kind']; readonly status: string }): boolean {
  return departure.kind === 'recurring' || (departure.status !== 'cancelled' && departure.status !== 'departed');
}

/**
 * When an order is due for release, if it waits for one: a `reserved` order with a schedule.
 * Stores index orders by it (`findDueReleases`).
 *
 * @example
 * ```ts
 * releaseDueAt(order) // '2026-03-27T13:30:00.000Z', or undefined once released
 * ```
 */
export function releaseDueAt(order: { readonly status: string; readonly schedule?: { readonly releaseAt: string } | undefined }): string | undefined {
  return order.status === 'reserved' ? order.schedule?.releaseAt : undefined;
}
