import { PositionHeap } from './heap';
import { improve } from './improve';
import { classesOf, compareKept, eddKept, exceeds, keepFreeJobs, type Job, type Resource, type SequencingPolicy, TINY } from './model';
import { type Prepared, prepare, resultOf, type SequenceOnResources } from './prepared';

/**
 * Schedules `jobs` on several resources at once (`work[r]` on `resources[r]`), missing few due
 * times. A heuristic: with more than one resource the problem is NP-hard.
 *
 * 1. Generalised Moore–Hodgson: jobs in EDD order with a running sum per resource; while some
 *    resources overflow at the due time of the job just added, drop the job of the current set
 *    with the largest size normalised over the overflowing resources, Σ work[r] / capacity_r(due)
 *    (ties: lower priority, earlier due, larger id).
 * 2. Re-insertion: the dropped jobs, smallest normalised total first, each kept if it still fits.
 * 3. Swaps, until none is left or a work budget linear in n is spent: drop one on-time job when
 *    two or more late ones then fit (or one smaller one, which frees room), else two when three
 *    or more then fit.
 *
 * `strict` (the default) runs 1–3 once per priority class, highest first, with the jobs kept by
 * earlier classes locked on time; `tie-break` runs them once over all jobs. On one resource, step 1
 * alone is `scheduleOnResource`, exact for `tie-break`. The answer is never worse than the EDD
 * baseline (`scheduleEdd`) by the policy's objective: EDD's set is returned when it is better.
 *
 * @example
 * ```ts
 * const jobs = [
 *   { id: 'a', due: 10, priority: 0, work: [4, 1] },
 *   { id: 'b', due: 10, priority: 0, work: [4, 1] },
 *   { id: 'c', due: 10, priority: 0, work: [1, 1] },
 * ]
 * const by10 = [linearResource(0.8), constantResource(2)]
 * scheduleOnResources(jobs, by10, { priorities: 'tie-break' }).onTime // ['a', 'c']
 * ```
 */
export function scheduleOnResources(jobs: readonly Job[], resources: readonly Resource[], policy: SequencingPolicy = {}): SequenceOnResources {
  const prep = prepare(jobs, resources);
  const kept = new Uint8Array(prep.n);
  const locked = new Uint8Array(prep.n);
  if (policy.priorities === 'tie-break') {
    mooreHodgson(prep, kept, locked, null);
    improve(prep, kept, locked, null);
  } else
    for (const c of classesOf(prep.priority)) {
      mooreHodgson(prep, kept, locked, c);
      improve(prep, kept, locked, c);
      locked.set(kept);
    }
  // A guarantee, cheap to keep: never worse than the EDD baseline (it can win, rarely, under
  // strict, where the highest class is a heuristic choice too).
  const edd = keepFreeJobs(prep.work, eddKept(prep.work, prep.capacity, prep.n));
  return resultOf(prep, compareKept(prep.priority, edd, kept, policy.priorities !== 'tie-break') > 0 ? edd : kept);
}

/**
 * Step 1 over the locked jobs and those of class `only` (every job when null): sets `kept`. When one
 * resource overflows, the job to drop is the top of that resource's heap (largest work there):
 * O(log n). When several do, the current set is scanned: O(n R) per such drop.
 */
function mooreHodgson(prep: Prepared, kept: Uint8Array, locked: Uint8Array, only: number | null): void {
  const { n, work, capacity, priority, due } = prep;
  const R = work.length;
  const sums = new Float64Array(R);
  const over = new Int32Array(R);
  // The unlocked jobs of the current set, unordered; `slot` finds one to remove it in O(1).
  const members = new Int32Array(n);
  const slot = new Int32Array(n);
  let count = 0;
  // Dropped first: larger normalised size, then lower priority, then earlier due (the later job
  // leaves capacity free sooner), then larger id, as on one resource.
  const before = (sizeA: number, a: number, sizeB: number, b: number) => {
    if (sizeA !== sizeB) return sizeA > sizeB;
    if (priority[a] !== priority[b]) return priority[a]! < priority[b]!;
    return due[a] !== due[b] ? due[a]! < due[b]! : a > b;
  };
  // Per resource, the unlocked jobs with work on it; dropped ones are skipped when they surface.
  const heaps = work.map((w) => {
    let size = 0;
    for (let p = 0; p < n; p++) if (w[p]! > 0) size++;
    return new PositionHeap(size, (a, b) => before(w[a]!, a, w[b]!, b));
  });
  for (let p = 0; p < n; p++) {
    if (only !== null && locked[p] === 0 && priority[p] !== only) continue;
    kept[p] = 1;
    for (let r = 0; r < R; r++) sums[r] = sums[r]! + work[r]![p]!;
    if (locked[p] === 0) {
      slot[p] = count;
      members[count++] = p;
      for (let r = 0; r < R; r++) if (work[r]![p]! > 0) heaps[r]!.push(p);
    }
    for (;;) {
      let overflowing = 0;
      for (let r = 0; r < R; r++) if (exceeds(sums[r]!, capacity[r]![p]!)) over[overflowing++] = r;
      if (overflowing === 0) break;
      let best = -1;
      if (overflowing === 1) {
        const heap = heaps[over[0]!]!;
        while (heap.size > 0 && kept[heap.peek()] === 0) heap.pop();
        if (heap.size > 0) best = heap.pop();
      } else {
        let bestSize = 0;
        for (let k = 0; k < count; k++) {
          const q = members[k]!;
          let size = 0;
          for (let i = 0; i < overflowing; i++) {
            const r = over[i]!;
            size += work[r]![q]! / Math.max(capacity[r]![p]!, TINY);
          }
          // A job with no work where it overflows would not help: never dropped for it.
          if (size > 0 && (best < 0 || before(size, q, bestSize, best))) {
            best = q;
            bestSize = size;
          }
        }
      }
      if (best < 0) break; // only locked work overflows: cannot happen, locked jobs were feasible
      kept[best] = 0;
      for (let r = 0; r < R; r++) sums[r] = sums[r]! - work[r]![best]!;
      const last = members[--count]!;
      members[slot[best]!] = last;
      slot[last] = slot[best]!;
    }
  }
}
