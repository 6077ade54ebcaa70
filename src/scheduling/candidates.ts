import type { ServiceLevel } from '../domain/schedule';
import { subtractWorkingTime, type WorkingTime } from './calendar';
import type { DepartureOccurrence } from './occurrences';
import { type ReleasePolicy, serves } from './policy';

/** A departure an order could make, and the latest release that still makes it. */
export interface DepartureCandidate {
  readonly occurrence: DepartureOccurrence;
  /** Cutoff − lead time on working hours. */
  readonly latestRelease: number;
  /** Cutoff − stage time on working hours: when the throughput-limited work must be done. */
  readonly workDue: number;
}

/** Lead and stage times of one order, in working milliseconds. */
export interface OrderTimes {
  readonly leadMs: number;
  readonly stageMs: number;
}

/**
 * Computes candidates for the orders of one node, sharing the calendar arithmetic: orders with the
 * same lead time and the same departure get the same figures (a hub's thousands of orders have a
 * handful of lead times).
 */
export class CandidateFinder {
  private readonly memo = new Map<string, { latest: number | undefined; due: number | undefined }>();

  constructor(
    private readonly occurrences: readonly DepartureOccurrence[],
    private readonly wt: WorkingTime,
    private readonly now: number,
    private readonly policy: Pick<ReleasePolicy, 'serviceLevels' | 'maxRollovers'>,
  ) {}

  /**
   * The departures an order can still make if released now, earliest cutoff first: its first
   * choice, then up to `maxRollovers` later ones it may be moved to.
   */
  candidates(serviceLevel: ServiceLevel, times: OrderTimes): DepartureCandidate[] {
    const out: DepartureCandidate[] = [];
    for (const occurrence of this.occurrences) {
      if (!serves(occurrence.departure.serviceLevel, serviceLevel, this.policy.serviceLevels)) continue;
      const key = `${occurrence.ref}\u0000${times.leadMs}\u0000${times.stageMs}`;
      let figures = this.memo.get(key);
      if (!figures) {
        figures = {
          latest: subtractWorkingTime(this.wt, occurrence.cutoff, times.leadMs),
          due: subtractWorkingTime(this.wt, occurrence.cutoff, times.stageMs),
        };
        this.memo.set(key, figures);
      }
      if (figures.latest === undefined || figures.due === undefined || figures.latest < this.now) continue;
      out.push({ occurrence, latestRelease: figures.latest, workDue: figures.due });
      if (out.length > this.policy.maxRollovers) break;
    }
    return out;
  }
}
