import type { Calendar } from '../../domain/schedule';
import { interval, mergeSameCapacity, type OpenInterval, openIntervals } from './intervals';

const DAY_MS = 86_400_000;
/** Scans read this much calendar at a time: long horizons never build one huge interval list. */
const CHUNK_MS = 14 * DAY_MS;

/**
 * How far `addWorkingTime`, `subtractWorkingTime` and `nextOpen` look by default: 400 days, over a
 * year so that a yearly shutdown cannot hide the next opening.
 *
 * @example
 * ```ts
 * addWorkingTime(wt, at, 3_600_000, DEFAULT_HORIZON_MS)
 * ```
 */
export const DEFAULT_HORIZON_MS = 400 * DAY_MS;

/**
 * Working time under several calendars at once, e.g. a node's and its carrier's: open only when
 * every calendar is open. No calendars: always open.
 */
export interface WorkingTime {
  readonly calendars: readonly Calendar[];
}

/**
 * Composes calendars into one working time (their intersection); `undefined` entries (no calendar
 * = always open) drop out. The first calendar's shifts give the capacity, so put the node's first.
 *
 * @example
 * ```ts
 * const wt = workingTime(nodeCalendar, carrierCalendar) // open when both are
 * ```
 */
export function workingTime(...calendars: (Calendar | undefined)[]): WorkingTime {
  return { calendars: calendars.filter((c): c is Calendar => c !== undefined) };
}

/** Intersection of two sorted, disjoint lists; pieces keep the left list's capacity. */
function intersect(a: readonly OpenInterval[], b: readonly OpenInterval[]): OpenInterval[] {
  const out: OpenInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push(interval(start, end, x.capacity));
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/**
 * The open intervals of a working time in `[from, to)`: the intersection of its calendars'
 * intervals, sorted and disjoint. Capacity comes from the FIRST calendar's shift (the node's: a
 * carrier's hours limit when work may happen, not how fast the node works); pieces the other
 * calendars split apart merge again when that capacity is the same.
 *
 * @example
 * ```ts
 * openIntervalsOf(workingTime(), 0, 3_600_000) // [{ start: 0, end: 3600000 }]
 * ```
 */
export function openIntervalsOf(wt: WorkingTime, from: number, to: number): OpenInterval[] {
  if (wt.calendars.length === 0) return to > from ? [interval(from, to, undefined)] : [];
  const out: OpenInterval[] = [];
  for (let k = Math.floor(from / CHUNK_MS); k * CHUNK_MS < to; k++) {
    for (const iv of chunkOf(wt.calendars, k)) {
      const start = Math.max(iv.start, from);
      const end = Math.min(iv.end, to);
      if (end > start) out.push(start === iv.start && end === iv.end ? iv : interval(start, end, iv.capacity));
    }
  }
  return mergeSameCapacity(out);
}

/**
 * Each calendar's intervals over one aligned chunk of time, computed once per calendar object:
 * converting wall-clock shifts to instants (time-zone offsets) is what costs, and a plan asks the
 * same node's calendar about the same days thousands of times. Calendars are immutable values, so
 * the cache changes no result.
 */
const chunks = new WeakMap<Calendar, Map<number, readonly OpenInterval[]>>();

function calendarChunk(calendar: Calendar, k: number): readonly OpenInterval[] {
  let byChunk = chunks.get(calendar);
  if (!byChunk) {
    byChunk = new Map();
    chunks.set(calendar, byChunk);
  }
  let intervals = byChunk.get(k);
  if (!intervals) {
    intervals = openIntervals(calendar, k * CHUNK_MS, (k + 1) * CHUNK_MS);
    byChunk.set(k, intervals);
  }
  return intervals;
}

function chunkOf(calendars: readonly Calendar[], k: number): readonly OpenInterval[] {
  const [head, ...rest] = calendars;
  let out = calendarChunk(head!, k);
  for (const calendar of rest) {
    if (out.length === 0) break;
    out = intersect(out, calendarChunk(calendar, k));
  }
  return out;
}

function checkAmount(name: string, value: number): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
}

/** A non-finite instant would make the chunked scans below run forever. */
function checkInstant(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite instant (epoch ms), got ${value}`);
}

/**
 * The earliest instant `t ≥ from` by which the working time has been open `durationMs` since
 * `from`: when work started (or released) at `from` finishes. `durationMs` 0 gives `from`;
 * `undefined` when the working time is not open long enough within `horizonMs`.
 *
 * @example
 * ```ts
 * addWorkingTime(workingTime(), 0, 60_000) // 60000
 * ```
 */
export function addWorkingTime(wt: WorkingTime, from: number, durationMs: number, horizonMs = DEFAULT_HORIZON_MS): number | undefined {
  checkInstant('from', from);
  checkAmount('durationMs', durationMs);
  checkAmount('horizonMs', horizonMs);
  if (durationMs === 0) return from;
  const limit = from + horizonMs;
  if (wt.calendars.length === 0) return from + durationMs <= limit ? from + durationMs : undefined;
  let remaining = durationMs;
  // Walks the cached chunks in place: a plan calls this once or twice per order.
  for (let k = Math.floor(from / CHUNK_MS); k * CHUNK_MS < limit; k++) {
    for (const iv of chunkOf(wt.calendars, k)) {
      const start = Math.max(iv.start, from);
      const end = Math.min(iv.end, limit);
      if (end <= start) continue;
      if (end - start >= remaining) return start + remaining;
      remaining -= end - start;
    }
  }
  return undefined;
}

/**
 * The latest instant `s ≤ until` from which the working time is open `durationMs` until `until`:
 * the latest release that still finishes by a cutoff. `durationMs` 0 gives `until`; `undefined`
 * when there is not enough open time within `horizonMs` before `until`.
 *
 * @example
 * ```ts
 * subtractWorkingTime(workingTime(), 3_600_000, 60_000) // 3540000
 * ```
 */
export function subtractWorkingTime(wt: WorkingTime, until: number, durationMs: number, horizonMs = DEFAULT_HORIZON_MS): number | undefined {
  checkInstant('until', until);
  checkAmount('durationMs', durationMs);
  checkAmount('horizonMs', horizonMs);
  if (durationMs === 0) return until;
  const limit = until - horizonMs;
  if (wt.calendars.length === 0) return until - durationMs >= limit ? until - durationMs : undefined;
  let remaining = durationMs;
  for (let k = Math.floor((until - 1) / CHUNK_MS); (k + 1) * CHUNK_MS > limit; k--) {
    const intervals = chunkOf(wt.calendars, k);
    for (let i = intervals.length - 1; i >= 0; i--) {
      const iv = intervals[i]!;
      const start = Math.max(iv.start, limit);
      const end = Math.min(iv.end, until);
      if (end <= start) continue;
      if (end - start >= remaining) return end - remaining;
      remaining -= end - start;
    }
  }
  return undefined;
}

/**
 * Open milliseconds of a working time in `[from, to)` (0 when `to ≤ from`).
 *
 * @example
 * ```ts
 * openTimeBetween(workingTime(berlinMonToFri8to17), fridayMidnight, saturdayMidnight) // 32_400_000 (9 h)
 * ```
 */
export function openTimeBetween(wt: WorkingTime, from: number, to: number): number {
  checkInstant('from', from);
  checkInstant('to', to);
  let total = 0;
  for (let cursor = from; cursor < to; cursor = Math.min(cursor + CHUNK_MS, to)) {
    for (const iv of openIntervalsOf(wt, cursor, Math.min(cursor + CHUNK_MS, to))) total += iv.end - iv.start;
  }
  return total;
}

/**
 * `at` when the working time is open then, else the start of its next open interval; `undefined`
 * when it does not open within `horizonMs`.
 *
 * @example
 * ```ts
 * nextOpen(workingTime(berlinMonToFri8to17), saturdayNoon) // Monday 08:00 Berlin
 * ```
 */
export function nextOpen(wt: WorkingTime, at: number, horizonMs = DEFAULT_HORIZON_MS): number | undefined {
  checkInstant('at', at);
  checkAmount('horizonMs', horizonMs);
  const limit = at + horizonMs;
  for (let cursor = at; cursor < limit; cursor = Math.min(cursor + CHUNK_MS, limit)) {
    const first = openIntervalsOf(wt, cursor, Math.min(cursor + CHUNK_MS, limit))[0];
    if (first !== undefined) return first.start;
  }
  return undefined;
}
