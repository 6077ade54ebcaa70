/**
 * The exactness oracle for sequencing on several resources: the same problem as a MILP, solved by
 * HiGHS (`highs`, WASM; tests and benchmarks only). Written from the model's definition, not from
 * the rules:
 *
 *   max Σ_j v_j x_j                      (v_j = 1: fewest missed jobs; or a weight per job)
 *   s.t. per resource r, per distinct due time t of the jobs:
 *        Σ_{j: due_j ≤ t} work_j[r] x_j ≤ capacityBy_r(t)
 *   x binary
 *
 * Rows with unlimited capacity, or whose jobs take none of the resource, are left out.
 */
import highsLoader from 'highs';
import type { Job, Resource } from '../../src/scheduling/sequencing';
import { num, wrap } from './lp-text';

/** The best on-time set HiGHS found, and whether it proved it optimal. */
export interface MilpSchedule {
  readonly onTimeCount: number;
  /** Σ v_j over the on-time jobs (the on-time count when unweighted). */
  readonly value: number;
  readonly onTime: readonly string[];
  readonly optimal: boolean;
  readonly status: string;
  readonly seconds: number;
}

let loaded: ReturnType<typeof highsLoader> | undefined;

/** The most jobs (or the most weight) on time, by MILP. Job ids must be distinct. */
export async function milpSchedule(
  jobs: readonly Job[],
  resources: readonly Resource[],
  options: { readonly weight?: (job: Job) => number; readonly timeLimit?: number } = {},
): Promise<MilpSchedule> {
  loaded ??= highsLoader();
  const highs = await loaded;
  const lp = schedulingLp(jobs, resources, options.weight ?? (() => 1));
  const start = performance.now();
  const solution = highs.solve(lp, { time_limit: options.timeLimit ?? 60, mip_rel_gap: 0, mip_abs_gap: 1e-9, output_flag: false });
  const seconds = (performance.now() - start) / 1000;
  const status = String(solution.Status);
  if (!(status === 'Optimal' || status === 'Time limit reached')) throw new Error(`HiGHS found no schedule: ${status}`);
  const primal = (j: number) => {
    const column = solution.Columns[`x${j}`];
    return column !== undefined && 'Primal' in column ? column.Primal : 0;
  };
  const onTime = jobs.filter((_, j) => primal(j) > 0.5).map((job) => job.id);
  return { onTimeCount: onTime.length, value: solution.ObjectiveValue, onTime, optimal: status === 'Optimal', status, seconds };
}

/** The MILP in CPLEX LP format (see the module comment). */
export function schedulingLp(jobs: readonly Job[], resources: readonly Resource[], weight: (job: Job) => number): string {
  const objective = jobs.map((job, j) => `+ ${num(weight(job))} x${j}`);
  const dues = [...new Set(jobs.map((job) => job.due))].sort((a, b) => a - b);
  const constraints: string[] = [];
  resources.forEach((resource, r) => {
    for (const t of dues) {
      const capacity = Math.max(0, resource.capacityBy(t));
      if (capacity === Number.POSITIVE_INFINITY) continue;
      const terms: string[] = [];
      jobs.forEach((job, j) => {
        const w = job.work[r] ?? 0;
        if (job.due <= t && w > 0) terms.push(`+ ${num(w)} x${j}`);
      });
      if (terms.length > 0) constraints.push(` c${constraints.length}: ${wrap(terms)} <= ${num(capacity)}`);
    }
  });
  return [
    'Maximize',
    ` obj: ${objective.length > 0 ? wrap(objective) : '0 dummy'}`,
    'Subject To',
    ...(constraints.length > 0 ? constraints : [' c0: dummy >= 0']),
    'Bounds',
    ...(objective.length === 0 ? [' 0 <= dummy <= 0'] : []),
    ...(jobs.length > 0 ? ['Binary', ` ${wrap(jobs.map((_, j) => `x${j}`))}`] : []),
    'End',
  ].join('\n');
}



/**
 * The exhaustive oracle for tiny instances (n ≤ 16): every on-time set that meets the definition,
 * as bit masks over `jobs` (bit j set: jobs[j] on time). Checked straight from the definition:
 * per resource and per on-time job j, the work of the on-time jobs due by due_j fits capacityBy(due_j).
 */
export function feasibleSets(jobs: readonly Job[], resources: readonly Resource[]): number[] {
  const n = jobs.length;
  if (n > 16) throw new Error('feasibleSets enumerates 2^n sets: n ≤ 16');
  const sets: number[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    let ok = true;
    for (let r = 0; r < resources.length && ok; r++)
      for (let j = 0; j < n && ok; j++) {
        if (!(mask & (1 << j))) continue;
        let sum = 0;
        for (let i = 0; i < n; i++) if (mask & (1 << i) && jobs[i]!.due <= jobs[j]!.due) sum += jobs[i]!.work[r] ?? 0;
        ok = sum <= resources[r]!.capacityBy(jobs[j]!.due);
      }
    if (ok) sets.push(mask);
  }
  return sets;
}

/** How many jobs a subset mask of `feasibleSets` holds. */
export function jobsIn(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}

/** A stepwise resource for tiny instances: `steps[k]` more capacity from time 10·k on. */
export function stepResource(steps: readonly number[]): Resource {
  return { capacityBy: (due) => steps.reduce((sum, step, k) => (due >= 10 * k ? sum + step : sum), 0) };
}
