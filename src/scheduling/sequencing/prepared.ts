import { capacityOf, eddOrder, type Job, type Resource, workOf } from './model';

/**
 * Which jobs several resources get ready in time. `onTime` and `late` are ids in EDD order (due,
 * then higher priority, then id); `starts[r][k]` and `finishes[r][k]` are the cumulative capacity of
 * resource r at which `onTime[k]` starts and finishes.
 *
 * @example
 * ```ts
 * const s: SequenceOnResources = { onTime: ['a'], late: ['b'], starts: [[0], [0]], finishes: [[5], [1]] }
 * ```
 */
export interface SequenceOnResources {
  readonly onTime: readonly string[];
  readonly late: readonly string[];
  readonly starts: readonly (readonly number[])[];
  readonly finishes: readonly (readonly number[])[];
}

/** A problem in EDD positions and typed arrays, read once: the rules' loops touch no job object. */
export interface Prepared {
  readonly jobs: readonly Job[];
  readonly n: number;
  /** Job index at each EDD position. */
  readonly order: Int32Array;
  readonly priority: Float64Array;
  readonly due: Float64Array;
  /** `work[r][p]`: work on resource r of the job at position p. */
  readonly work: readonly Float64Array[];
  /** `capacity[r][p]`: capacity of resource r by the due time of the job at position p. */
  readonly capacity: readonly Float64Array[];
}

/** Reads `jobs` and `resources` into EDD positions. */
export function prepare(jobs: readonly Job[], resources: readonly Resource[]): Prepared {
  const order = eddOrder(jobs);
  const n = order.length;
  const priority = new Float64Array(n);
  const due = new Float64Array(n);
  const work = resources.map(() => new Float64Array(n));
  const capacity = resources.map(() => new Float64Array(n));
  for (let p = 0; p < n; p++) {
    const job = jobs[order[p]!]!;
    priority[p] = job.priority;
    due[p] = job.due;
    // Equal due times share one reading: capacityBy may be the planner's costly calendar walk.
    const same = p > 0 && jobs[order[p - 1]!]!.due === job.due;
    for (let r = 0; r < resources.length; r++) {
      work[r]![p] = workOf(job, r);
      capacity[r]![p] = same ? capacity[r]![p - 1]! : capacityOf(resources[r]!, job.due);
    }
  }
  return { jobs, n, order, priority, due, work, capacity };
}

/**
 * The result of keeping `kept`. With `lateConsume`, late jobs still take their work (the EDD
 * baseline), so starts count every job before.
 */
export function resultOf(prep: Prepared, kept: Uint8Array, lateConsume = false): SequenceOnResources {
  const { jobs, n, order, work } = prep;
  const onTime: string[] = [];
  const late: string[] = [];
  const starts = work.map((): number[] => []);
  const finishes = work.map((): number[] => []);
  const at = new Float64Array(work.length);
  for (let p = 0; p < n; p++) {
    const id = jobs[order[p]!]!.id;
    if (kept[p] === 0) {
      late.push(id);
      if (lateConsume) for (let r = 0; r < work.length; r++) at[r] = at[r]! + work[r]![p]!;
      continue;
    }
    onTime.push(id);
    for (let r = 0; r < work.length; r++) {
      starts[r]!.push(at[r]!);
      at[r] = at[r]! + work[r]![p]!;
      finishes[r]!.push(at[r]!);
    }
  }
  return { onTime, late, starts, finishes };
}
