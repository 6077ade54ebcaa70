import { capacityOf, exceeds, type Job, type Resource, workOf } from './model';

/**
 * Whether the jobs named in `onTime` can all be ready by their due times: for every resource r and
 * every due time t of an on-time job, the work on r of the on-time jobs due by t is at most
 * `capacityBy_r(t)`. Written from that definition, apart from the rules, so tests and the release
 * planner can check any answer. Throws on an id that is not in `jobs` or named twice.
 *
 * @example
 * ```ts
 * const jobs = [{ id: 'a', due: 10, priority: 0, work: [6] }, { id: 'b', due: 10, priority: 0, work: [6] }]
 * isFeasible(['a'], jobs, [linearResource(1)]) // true
 * isFeasible(['a', 'b'], jobs, [linearResource(1)]) // false
 * ```
 */
export function isFeasible(onTime: readonly string[], jobs: readonly Job[], resources: readonly Resource[]): boolean {
  const byId = new Map<string, Job>();
  for (const job of jobs) if (!byId.has(job.id)) byId.set(job.id, job);
  const chosen: Job[] = [];
  const seen = new Set<string>();
  for (const id of onTime) {
    const job = byId.get(id);
    if (job === undefined) throw new RangeError(`isFeasible: no job ${id}`);
    if (seen.has(id)) throw new RangeError(`isFeasible: job ${id} named twice`);
    seen.add(id);
    chosen.push(job);
  }
  chosen.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  for (let r = 0; r < resources.length; r++) {
    let sum = 0;
    for (let k = 0; k < chosen.length; k++) {
      const job = chosen[k]!;
      sum += workOf(job, r);
      // Check once per due time, with every job due then counted.
      if (k + 1 < chosen.length && chosen[k + 1]!.due === job.due) continue;
      if (exceeds(sum, capacityOf(resources[r]!, job.due))) return false;
    }
  }
  return true;
}
