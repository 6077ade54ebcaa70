import { PositionHeap } from './heap';
import { capacityOf, classesOf, compareKept, eddKept, eddOrder, keepFreeJobs, exceeds, type Job, type Resource, type SequencingPolicy, workOf } from './model';

/**
 * Which jobs one resource gets ready in time. `onTime` and `late` are ids in EDD order (due, then
 * higher priority, then id); `starts[k]` and `finishes[k]` are the cumulative capacity at which
 * `onTime[k]` starts and finishes (the planner turns them back into times).
 *
 * @example
 * ```ts
 * const s: Sequence = { onTime: ['a'], late: ['b'], starts: [0], finishes: [5] }
 * ```
 */
export interface Sequence {
  readonly onTime: readonly string[];
  readonly late: readonly string[];
  readonly starts: readonly number[];
  readonly finishes: readonly number[];
}

/**
 * Schedules `jobs` on one resource (each job's `work[0]`), missing as few due times as possible.
 *
 * Moore–Hodgson: jobs in EDD order with a running sum of work; when the sum passes the capacity
 * by the due time of the job just added, the longest job of the current set is dropped (ties: lower
 * priority, earlier due, larger id). O(n log n), exact for the fewest missed jobs (`tie-break`).
 *
 * `strict` (the default) runs one such pass per priority class, highest first, over the jobs
 * kept so far (locked: never dropped) and the class's own jobs. Each pass is exact given the jobs
 * kept before it (Moore's rule with jobs that must stay on time, Sidney 1973), so the highest
 * class keeps as many jobs as it possibly can. The lexicographic optimum over all classes is not
 * guaranteed, so `strict` is a heuristic beyond the highest class: which jobs of a higher class
 * stay can cost a lower class a job (Moore–Hodgson keeps the shorter of two, though the longer one
 * due later might have left room). Against every subset of 20,000 random instances (≤ 10 jobs, 2–3
 * classes) it fell short in 0.27% of them, by one lower-class job. It is never worse than the EDD
 * baseline: EDD's set would be returned if it were better (no such case is known).
 *
 * @example
 * ```ts
 * const jobs = [
 *   { id: 'a', due: 10, priority: 0, work: [6] },
 *   { id: 'b', due: 10, priority: 0, work: [6] },
 * ]
 * scheduleOnResource(jobs, linearResource(1), { priorities: 'tie-break' }).late // ['b']
 * ```
 */
export function scheduleOnResource(jobs: readonly Job[], resource: Resource, policy: SequencingPolicy = {}): Sequence {
  const order = eddOrder(jobs);
  const n = order.length;
  // Everything in EDD positions, in typed arrays: the hot loop touches no job object.
  const work = new Float64Array(n);
  const priority = new Float64Array(n);
  const due = new Float64Array(n);
  const capacity = new Float64Array(n);
  let lastDue = Number.NaN;
  for (let p = 0; p < n; p++) {
    const job = jobs[order[p]!]!;
    work[p] = workOf(job, 0);
    priority[p] = job.priority;
    due[p] = job.due;
    // Equal due times share one reading: capacityBy may be the planner's costly calendar walk.
    capacity[p] = p > 0 && job.due === lastDue ? capacity[p - 1]! : capacityOf(resource, job.due);
    lastDue = job.due;
  }
  const kept = new Uint8Array(n);
  const locked = new Uint8Array(n);
  // The longest job leaves first; then the less urgent; then the one due earlier: of two equal
  // jobs the later one leaves more capacity free before its due time, for the classes still to
  // come (this halved how often \`strict\` misses the lexicographic optimum); then the larger id.
  const heap = new PositionHeap(n, (a, b) => {
    const wa = work[a]!;
    const wb = work[b]!;
    if (wa !== wb) return wa > wb;
    if (priority[a] !== priority[b]) return priority[a]! < priority[b]!;
    return due[a] !== due[b] ? due[a]! < due[b]! : a > b;
  });
  const pass = (only: number | null) => {
    heap.clear();
    let sum = 0;
    for (let p = 0; p < n; p++) {
      if (only !== null && locked[p] === 0 && priority[p] !== only) continue;
      kept[p] = 1;
      sum += work[p]!;
      if (locked[p] === 0) heap.push(p);
      // One pop restores feasibility in plain Moore–Hodgson; locked jobs may need more.
      while (exceeds(sum, capacity[p]!) && heap.size > 0) {
        const q = heap.pop();
        kept[q] = 0;
        sum -= work[q]!;
      }
    }
  };
  if (policy.priorities === 'tie-break') pass(null);
  else
    for (const c of classesOf(priority)) {
      pass(c);
      locked.set(kept);
    }
  // Under strict, never worse than EDD by construction: one linear pass buys the guarantee.
  // Tie-break is exact, so EDD cannot win there.
  if (policy.priorities !== 'tie-break') {
    const edd = keepFreeJobs([work], eddKept([work], [capacity], n));
    if (compareKept(priority, edd, kept, true) > 0) return sequenceOf(jobs, order, work, edd);
  }
  return sequenceOf(jobs, order, work, kept);
}

/** The ids on time and late, in EDD order, with cumulative starts and finishes. */
function sequenceOf(jobs: readonly Job[], order: Int32Array, work: Float64Array, kept: Uint8Array): Sequence {
  const onTime: string[] = [];
  const late: string[] = [];
  const starts: number[] = [];
  const finishes: number[] = [];
  let at = 0;
  for (let p = 0; p < order.length; p++) {
    const id = jobs[order[p]!]!.id;
    if (kept[p] === 0) {
      late.push(id);
      continue;
    }
    onTime.push(id);
    starts.push(at);
    at += work[p]!;
    finishes.push(at);
  }
  return { onTime, late, starts, finishes };
}
