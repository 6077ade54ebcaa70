/**
 * The words of sequencing: jobs that consume resources, resources whose cumulative capacity grows
 * with time, the policy, and the shared pieces every rule uses (EDD order, the capacity reading).
 */

/**
 * One job to get ready before its due time: an order to release before its departure's cutoff.
 * `work[r]` (≥ 0, absent = 0) is what it consumes of resource r; `priority` 0–9, higher is more
 * urgent; `due` is a time in ms.
 *
 * @example
 * ```ts
 * const job: Job = { id: 'o-1', due: 3_600_000, priority: 5, work: [12, 1] }
 * ```
 */
export interface Job {
  readonly id: string;
  readonly due: number;
  readonly priority: number;
  readonly work: readonly number[];
}

/**
 * A resource in its cumulative capacity coordinate: `capacityBy(due)` is the capacity available
 * from now until `due`. It must not decrease as `due` grows; Infinity means unlimited, a negative
 * value counts as 0, NaN is an error.
 *
 * @example
 * ```ts
 * const picking: Resource = { capacityBy: (due) => Math.max(0, due) * 0.001 }
 * ```
 */
export interface Resource {
  capacityBy(due: number): number;
}

/**
 * How priorities count. `strict`: higher classes first, lexicographically (keep as many jobs of the
 * highest class on time as possible, then of the next one given those…). `tie-break`: fewest
 * missed jobs overall, priority only breaking ties.
 *
 * @example
 * ```ts
 * const rule: PriorityRule = 'tie-break'
 * ```
 */
export type PriorityRule = 'strict' | 'tie-break';

/**
 * The sequencing policy, a subset of the release policy (a `ReleasePolicy` can be passed as is).
 * `priorities` defaults to `strict`.
 *
 * @example
 * ```ts
 * const policy: SequencingPolicy = { priorities: 'tie-break' }
 * ```
 */
export interface SequencingPolicy {
  readonly priorities?: PriorityRule;
}

/**
 * A resource that accrues `ratePerMs` a millisecond from `now` on (a node's throughput over one
 * long shift).
 *
 * @example
 * ```ts
 * linearResource(0.001).capacityBy(60_000) // 60
 * ```
 */
export function linearResource(ratePerMs: number, now = 0): Resource {
  return { capacityBy: (due) => (due <= now ? 0 : (due - now) * ratePerMs) };
}

/**
 * A resource of a fixed `amount` whatever the due time: a departure's truck capacity.
 *
 * @example
 * ```ts
 * constantResource(40).capacityBy(1e12) // 40
 * ```
 */
export function constantResource(amount: number): Resource {
  return { capacityBy: () => amount };
}

/** Capacities below this count as this when sizes are normalised (a zero capacity is no divisor). */
export const TINY = 1e-9;

/** Sums may drift by rounding when jobs are added and removed; a bare excess this small is not one. */
export function exceeds(sum: number, capacity: number): boolean {
  return sum - capacity > 1e-9 * Math.max(1, Math.abs(capacity));
}

/** The capacity of `resource` by `due`, read the one way every rule and the checker read it. */
export function capacityOf(resource: Resource, due: number): number {
  const c = resource.capacityBy(due);
  if (Number.isNaN(c)) throw new RangeError(`capacityBy(${due}) is NaN`);
  return c < 0 ? 0 : c;
}

/** What job `i` consumes of resource `r`; refuses what no schedule could mean. */
export function workOf(job: Job, r: number): number {
  const w = job.work[r] ?? 0;
  if (!(w >= 0) || w === Number.POSITIVE_INFINITY) throw new RangeError(`job ${job.id}: work[${r}] must be finite and ≥ 0, got ${w}`);
  return w;
}

/**
 * Job indices in earliest-due-date order, ties by higher priority, then id (then input order), so
 * every rule sees the same order and the result never depends on the input order.
 */
export function eddOrder(jobs: readonly Job[]): Int32Array {
  const n = jobs.length;
  const due = new Float64Array(n);
  const priority = new Float64Array(n);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const job = jobs[i]!;
    if (Number.isNaN(job.due) || Number.isNaN(job.priority)) throw new RangeError(`job ${job.id}: due and priority must be numbers`);
    due[i] = job.due;
    priority[i] = job.priority;
    order[i] = i;
  }
  return order.sort((a, b) => {
    // Comparisons, not differences: an Infinity due (no cutoff) must sort last, not as NaN.
    const da = due[a]!;
    const db = due[b]!;
    if (da !== db) return da < db ? -1 : 1;
    if (priority[a] !== priority[b]) return priority[b]! - priority[a]!;
    const x = jobs[a]!.id;
    const y = jobs[b]!.id;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
}

/** The distinct priorities of `jobs` (by EDD position), highest first: the passes of `strict`. */
export function classesOf(priority: Float64Array): number[] {
  return [...new Set(priority)].sort((a, b) => b - a);
}

/**
 * Compares two on-time sets (flags by EDD position) by the policy's objective: more jobs on time,
 * or (strict) more of the highest class, then of the next… Positive when `a` is better.
 */
export function compareKept(priority: Float64Array, a: Uint8Array, b: Uint8Array, strict: boolean): number {
  if (!strict) {
    let d = 0;
    for (let p = 0; p < a.length; p++) d += a[p]! - b[p]!;
    return d;
  }
  for (const c of classesOf(priority)) {
    let d = 0;
    for (let p = 0; p < a.length; p++) if (priority[p] === c) d += a[p]! - b[p]!;
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The EDD baseline's on-time flags: a job is on time iff the work of every job up to it (late
 * ones too) fits each resource by its due time. `work[r][p]`, `capacity[r][p]` by EDD position.
 */
export function eddKept(work: readonly Float64Array[], capacity: readonly Float64Array[], n: number): Uint8Array {
  const kept = new Uint8Array(n);
  const sums = new Float64Array(work.length);
  for (let p = 0; p < n; p++) {
    let fits = 1;
    for (let r = 0; r < work.length; r++) {
      sums[r] = sums[r]! + work[r]![p]!;
      if (exceeds(sums[r]!, capacity[r]![p]!)) fits = 0;
    }
    kept[p] = fits;
  }
  return kept;
}

/**
 * Marks on time every job with no work on any resource: adding one never breaks feasibility
 * (capacity never falls as due grows), and the rules keep them all, so a baseline set taken
 * instead of a rule's answer keeps them too.
 */
export function keepFreeJobs(work: readonly Float64Array[], kept: Uint8Array): Uint8Array {
  for (let p = 0; p < kept.length; p++) if (work.every((w) => w[p] === 0)) kept[p] = 1;
  return kept;
}
