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
 * same service and lead time get the same list (a hub's thousands of orders have a handful).
 */
export class CandidateFinder {
  private readonly lists = new Map<string, DepartureCandidate[]>();

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
    // Orders of one service and lead time share their list (a hub has a handful of each).
    const key = `${serviceLevel}\u0000${times.leadMs}\u0000${times.stageMs}`;
    let list = this.lists.get(key);
    if (!list) {
      list = this.search(serviceLevel, times);
      this.lists.set(key, list);
    }
    return list;
  }

  private search(serviceLevel: ServiceLevel, times: OrderTimes): DepartureCandidate[] {
    const out: DepartureCandidate[] = [];
    for (const occurrence of this.occurrences) {
      if (!serves(occurrence.departure.serviceLevel, serviceLevel, this.policy.serviceLevels)) continue;
      const latest = subtractWorkingTime(this.wt, occurrence.cutoff, times.leadMs);
      const due = subtractWorkingTime(this.wt, occurrence.cutoff, times.stageMs);
      if (latest === undefined || due === undefined || latest < this.now) continue;
      out.push({ occurrence, latestRelease: latest, workDue: due });
      if (out.length > this.policy.maxRollovers) break;
    }
    return out;
  }
}
