import type { OrderStatus } from '../domain/order';
import type { Departure, ReleaseSchedule } from '../domain/schedule';
import { departureIdsOf } from './occurrences';

/** How bad it is: `missed` (the cutoff will not be or was not made), `at-risk` (slack under the threshold). */
export type RiskLevel = 'missed' | 'at-risk';

/** One order at risk of missing its cutoff, with its slack and the reason. */
export interface CutoffRisk {
  readonly order: string;
  readonly level: RiskLevel;
  /** Minutes left: to the latest release (not yet released) or to the cutoff (in the warehouse); negative when passed. */
  readonly slackMinutes: number;
  readonly departure?: string;
  readonly reason: string;
  /** The plan no longer holds (its departure moved or was cancelled): run `planRelease` again. */
  readonly replan: boolean;
}

/** An order as the monitor reads it. */
export interface WatchedOrder {
  readonly id: string;
  readonly status: OrderStatus;
  readonly schedule?: ReleaseSchedule | undefined;
}

/** Statuses in which an order still has a cutoff to make. */
const WATCHED: ReadonlySet<OrderStatus> = new Set(['reserved', 'released', 'picking', 'packed']);

/**
 * The cutoff risk monitor: orders whose slack is under `slackMinutes` or already negative, with
 * the reason, most urgent first. Slack is the time to the latest release for an order not yet
 * released, and to the cutoff once the warehouse has it (planned ready after the cutoff: missed).
 * Checks the plan against the departures as they are now: a cancelled departure (or skipped
 * occurrence) or a moved cutoff marks the order for re-planning. Reserved orders without a
 * schedule are reported as unplanned. Pure.
 *
 * @example
 * ```ts
 * cutoffRisks(orders, departures, Date.parse('2026-03-27T15:00:00Z'), 60)
 * // [{ order: 'o-9', level: 'missed', slackMinutes: -20, reason: 'latest release passed …', replan: false }]
 * ```
 */
export function cutoffRisks(orders: readonly WatchedOrder[], departures: readonly Departure[], now: number, slackMinutes: number): CutoffRisk[] {
  const byId = new Map(departures.map((d) => [d.id as string, d]));
  const out: CutoffRisk[] = [];
  for (const o of orders) {
    if (!WATCHED.has(o.status)) continue;
    const s = o.schedule;
    if (!s) {
      if (o.status === 'reserved') out.push({ order: o.id, level: 'at-risk', slackMinutes: 0, reason: 'not planned: no departure chosen yet', replan: true });
      continue;
    }
    const risk = riskOf(o, s, byId, now, slackMinutes);
    if (risk) out.push(risk);
  }
  return out.sort((a, b) => a.slackMinutes - b.slackMinutes || (a.order < b.order ? -1 : 1));
}

function riskOf(o: WatchedOrder, s: ReleaseSchedule, byId: ReadonlyMap<string, Departure>, now: number, threshold: number): CutoffRisk | undefined {
  const minutes = (ms: number) => Math.floor(ms / 60_000);
  const base = { order: o.id, departure: s.departure };
  const moved = departureChange(s, byId);
  if (moved?.cancelled) return { ...base, level: 'missed', slackMinutes: minutes(Date.parse(s.cutoff) - now), reason: moved.cancelled, replan: true };
  // A delayed departure shifts the cutoff; the latest release moves with it.
  const shift = moved?.cutoff === undefined ? 0 : moved.cutoff - Date.parse(s.cutoff);
  const cutoff = Date.parse(s.cutoff) + shift;
  const released = o.status !== 'reserved';
  const slack = released ? cutoff - Math.max(now, o.status === 'packed' ? now : Date.parse(s.readyAt) + shift) : Date.parse(s.latestReleaseAt) + shift - now;
  const delayed = moved?.cutoff === undefined ? '' : `; ${s.departure} moved its cutoff to ${new Date(cutoff).toISOString()}`;
  if (!s.onTime) return { ...base, level: 'missed', slackMinutes: minutes(slack), reason: `planned to miss ${s.missed ?? 'its first departure'}, rolled to ${s.departure}${delayed}`, replan: shift !== 0 };
  if (slack < 0) {
    const reason = released
      ? now > cutoff
        ? `cutoff ${new Date(cutoff).toISOString()} passed before the order shipped`
        : `planned ready after the cutoff by ${-minutes(slack)} min`
      : `latest release ${new Date(Date.parse(s.latestReleaseAt) + shift).toISOString()} passed ${-minutes(slack)} min ago, not released`;
    return { ...base, level: 'missed', slackMinutes: minutes(slack), reason: reason + delayed, replan: !released || shift !== 0 };
  }
  if (slack < threshold * 60_000) {
    const what = released ? 'to the cutoff' : 'to the latest release';
    return { ...base, level: 'at-risk', slackMinutes: minutes(slack), reason: `${minutes(slack)} min ${what}${delayed}`, replan: shift !== 0 };
  }
  return shift === 0 ? undefined : { ...base, level: 'at-risk', slackMinutes: minutes(slack), reason: delayed.slice(2), replan: true };
}

/** How the order's departure differs from what the plan saw: cancelled, or its binding cutoff moved. */
function departureChange(s: ReleaseSchedule, byId: ReadonlyMap<string, Departure>): { cancelled?: string; cutoff?: number } | undefined {
  const d = departureIdsOf(s.departure)
    .map((id) => byId.get(id))
    .find((x) => x !== undefined);
  if (!d) return { cancelled: `departure ${s.departure} no longer exists` };
  if (d.kind === 'recurring') {
    const date = s.departure.slice(d.id.length + 1);
    if (d.status !== 'active') return { cancelled: `pick-up ${d.id} is suspended` };
    return d.skipDates.includes(date) ? { cancelled: `pick-up ${d.id} does not run on ${date}` } : undefined;
  }
  if (d.status === 'cancelled') return { cancelled: `departure ${d.id} was cancelled${d.statusReason ? `: ${d.statusReason}` : ''}` };
  // The cutoff the plan bound to (by kind; the earliest when the schedule does not say).
  const same = s.cutoffKind === undefined ? d.cutoffs : d.cutoffs.filter((c) => c.kind === s.cutoffKind);
  const now = (same.length > 0 ? same : d.cutoffs).reduce((m, c) => (c.at < m ? c.at : m), (same[0] ?? d.cutoffs[0]!).at);
  return now === s.cutoff ? undefined : { cutoff: Date.parse(now) };
}
