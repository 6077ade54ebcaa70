import type { Throughput } from '../../domain/schedule';
import { type WorkingTime, openIntervalsOf } from './working-time';

const HOUR_MS = 3_600_000;

/**
 * Cumulative capacity as a function of time: breakpoints `(times[i], cumulative[i])` starting at
 * `(from, 0)`, linear between breakpoints, constant after the last. Non-decreasing; `times` strictly
 * increasing.
 */
export interface CapacityCurve {
  readonly times: Float64Array | readonly number[];
  readonly cumulative: Float64Array | readonly number[];
}

/** Which resource a curve counts: units or orders (the `…PerHour` fields of a `Throughput`). */
export type CapacityRate = 'units' | 'orders';

function rateOf(capacity: Throughput | undefined, rate: CapacityRate): number | undefined {
  return rate === 'units' ? capacity?.unitsPerHour : capacity?.ordersPerHour;
}

/**
 * How much of a resource a working time gets through from `from` on, up to `to`, for release
 * planning. Capacity accrues only while open, at the shift's own `unitsPerHour`/`ordersPerHour`
 * when it gives one, else the `fallback`'s (the processing profile's), else 0 (a shift with no rate
 * for this resource does none of it). `undefined` means unlimited: neither the fallback nor any
 * shift of the first (node's) calendar gives a rate for the resource. That is decided on the whole
 * week, not the window, so whether a node is limited does not depend on which hours are asked about.
 *
 * @example
 * ```ts
 * const curve = capacityCurve(workingTime(node), 'units', from, from + 7 * 86_400_000, { unitsPerHour: 100 })
 * ```
 */
export function capacityCurve(wt: WorkingTime, rate: CapacityRate, from: number, to: number, fallback?: Throughput): CapacityCurve | undefined {
  const fallbackRate = rateOf(fallback, rate);
  const node = wt.calendars[0];
  const limited = fallbackRate !== undefined || (node?.week.some((day) => day.some((shift) => rateOf(shift.capacity, rate) !== undefined)) ?? false);
  if (!limited) return undefined;
  const times = [from];
  const cumulative = [0];
  let total = 0;
  for (const iv of openIntervalsOf(wt, from, to)) {
    // A closed stretch before the interval is a flat segment: repeat the level at its start.
    if (iv.start > times[times.length - 1]!) {
      times.push(iv.start);
      cumulative.push(total);
    }
    total += ((rateOf(iv.capacity, rate) ?? fallbackRate ?? 0) * (iv.end - iv.start)) / HOUR_MS;
    times.push(iv.end);
    cumulative.push(total);
  }
  return { times: Float64Array.from(times), cumulative: Float64Array.from(cumulative) };
}

/** The last index `i` with `values[i] ≤ x` (values sorted ascending; −1 when none). */
function lastAtOrBelow(values: Float64Array | readonly number[], x: number): number {
  let lo = -1;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (values[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Cumulative capacity at instant `t`: 0 before the curve's start, interpolated between breakpoints,
 * the final total after the last. O(log n).
 *
 * @example
 * ```ts
 * capacityAt({ times: [0, 3_600_000], cumulative: [0, 100] }, 1_800_000) // 50
 * ```
 */
export function capacityAt(curve: CapacityCurve, t: number): number {
  const { times, cumulative } = curve;
  const i = lastAtOrBelow(times, t);
  if (i < 0) return 0;
  if (i === times.length - 1) return cumulative[i]!;
  const t0 = times[i]!;
  const c0 = cumulative[i]!;
  return c0 + ((cumulative[i + 1]! - c0) * (t - t0)) / (times[i + 1]! - t0);
}

/**
 * The earliest instant at which cumulative capacity reaches `c` (inverse of `capacityAt`), rounded
 * up to a whole millisecond since instants are integer ms; never before the curve's start (so
 * `c ≤ 0` gives the start). `undefined` when `c` exceeds the curve's final total. O(log n).
 *
 * @example
 * ```ts
 * timeAtCapacity({ times: [0, 3_600_000], cumulative: [0, 100] }, 50) // 1800000
 * ```
 */
export function timeAtCapacity(curve: CapacityCurve, c: number): number | undefined {
  const { times, cumulative } = curve;
  const n = times.length;
  if (n === 0 || Number.isNaN(c) || c > cumulative[n - 1]!) return undefined;
  if (c <= 0) return times[0]!;
  // First breakpoint reaching c: one past the last one still below it. Non-decreasing, so search
  // the largest index with cumulative < c by bisection.
  let lo = 0; // cumulative[0] = 0 < c
  let hi = n - 1; // cumulative[n − 1] ≥ c
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < c) lo = mid;
    else hi = mid;
  }
  const t0 = times[lo]!;
  const c0 = cumulative[lo]!;
  const exact = t0 + ((c - c0) * (times[hi]! - t0)) / (cumulative[hi]! - c0);
  // Round up, except where floating-point noise merely lifts an exact whole ms above itself.
  const nearest = Math.round(exact);
  return Math.min(Math.abs(nearest - exact) < 1e-6 ? nearest : Math.ceil(exact), times[hi]!);
}
