import { eddKept, type Job, type Resource } from './model';
import { prepare, resultOf, type SequenceOnResources } from './prepared';

/**
 * The earliest-due-date baseline, as most systems release work: jobs in EDD order, nothing dropped;
 * a job is on time iff the work of every job so far (late ones too: they are still worked on)
 * fits each resource's capacity by its due time. For comparison only: `scheduleOnResource` and
 * `scheduleOnResources` are never worse by their policy's objective.
 *
 * @example
 * ```ts
 * const jobs = [
 *   { id: 'long', due: 10, priority: 0, work: [10] },
 *   { id: 'short', due: 12, priority: 0, work: [3] },
 * ]
 * scheduleEdd(jobs, [linearResource(1)]).late // ['short']: the long job took the capacity
 * ```
 */
export function scheduleEdd(jobs: readonly Job[], resources: readonly Resource[]): SequenceOnResources {
  const prep = prepare(jobs, resources);
  return resultOf(prep, eddKept(prep.work, prep.capacity, prep.n), true);
}
