import { z } from 'zod';
import { DepartureId, NodeId } from '../domain/ids';
import { CalendarDate, Instant, Text } from '../domain/primitives';
import { Calendar, Cutoff, Departure } from '../domain/schedule';
import { CapacityAdjustments } from '../scheduling/plan-release';
import { ReleasePolicy } from '../scheduling/policy';
import { PromiseAddress, PromiseCart, PromisePolicy } from '../scheduling/promise-input';

/** An instant as ISO text, epoch milliseconds or a Date; defaults to the runtime's clock. */
const At = z.union([Instant, z.number().int().min(0), z.date()]).optional();

/** Input of `defineCalendar`: the calendar itself. */
export const DefineCalendarInput = Calendar;
/** Input of `defineDeparture`: the departure itself (one-off or recurring). */
export const DefineDepartureInput = Departure;

/** Input of `delayDeparture`: a new ETD (or a shift in minutes), cutoffs and ETA moved as much unless given. */
export const DelayDepartureInput = z
  .strictObject({
    departure: DepartureId,
    departsAt: Instant.optional(),
    byMinutes: z.number().int().min(-100_000).max(1_000_000).optional(),
    cutoffs: z.array(Cutoff).min(1).max(8).optional(),
    arrivesAt: Instant.optional(),
    reason: Text.default('delayed'),
  })
  .refine((d) => d.departsAt !== undefined || d.byMinutes !== undefined || d.cutoffs !== undefined || d.arrivesAt !== undefined, {
    message: 'give departsAt, byMinutes, cutoffs or arrivesAt',
  });
export type DelayDepartureInput = z.input<typeof DelayDepartureInput>;

/** Input of `cancelDeparture`: a one-off departure, or one local date of a recurring pick-up. */
export const CancelDepartureInput = z.strictObject({ departure: DepartureId, date: CalendarDate.optional(), reason: Text.default('cancelled') });
export type CancelDepartureInput = z.input<typeof CancelDepartureInput>;

/** Input of `planRelease`. */
export const PlanReleaseInput = z.strictObject({
  /** Plan these nodes' orders only; absent: every node with reserved orders. */
  nodes: z.array(NodeId).max(1_000).optional(),
  policy: ReleasePolicy.optional(),
  /** Throughput changes for this plan (a capacity drop): `{ hub: { factor: 0.5 } }`. */
  capacity: CapacityAdjustments.default({}),
  /** Most reserved orders read. */
  limit: z.number().int().min(1).max(1_000_000).default(100_000),
  now: At,
});
export type PlanReleaseInput = z.input<typeof PlanReleaseInput>;

/** Input of `releaseDue`. */
export const ReleaseDueInput = z.strictObject({ now: At, batchSize: z.number().int().min(1).max(10_000).default(500) });
export type ReleaseDueInput = z.input<typeof ReleaseDueInput>;

/** Input of `atRisk`. */
export const AtRiskInput = z.strictObject({
  now: At,
  /** Flag orders with less slack than this; default the release policy's `riskSlackMinutes`. */
  slackMinutes: z.number().min(0).max(7 * 24 * 60).optional(),
  limit: z.number().int().min(1).max(1_000_000).default(100_000),
});
export type AtRiskInput = z.input<typeof AtRiskInput>;

/** Input of `promise`: the cart, where it goes, and how to promise. */
export const PromiseInput = z.strictObject({ cart: PromiseCart, address: PromiseAddress, policy: PromisePolicy.optional(), now: At });
export type PromiseInput = z.input<typeof PromiseInput>;

