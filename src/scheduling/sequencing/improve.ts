import { TINY } from './model';
import type { Prepared } from './prepared';
import { SlackTree } from './slack';
/** Fit checks the swap step may spend, at least; more on large problems (linear in n). */
const SWAP_BUDGET = 50_000;

/**
 * Steps 2 and 3 of `scheduleOnResources` over the jobs of class `only` (all when null), the locked
 * ones untouched: re-insert late jobs that fit, smallest first; then swaps, until none is left or
 * the budget is spent: drop one on-time job when two or more late ones then fit (or one smaller
 * one: that frees room for later swaps), else two when three or more then fit. Each swap gains a
 * job or shrinks the on-time set's total size, so the loop ends.
 */
export function improve(prep: Prepared, kept: Uint8Array, locked: Uint8Array, only: number | null): void {
  const { n, work, capacity, priority } = prep;
  const R = work.length;
  const trees = work.map((w, r) => {
    const slack = new Float64Array(n);
    let sum = 0;
    for (let p = 0; p < n; p++) {
      if (kept[p] === 1) sum += w[p]!;
      slack[p] = capacity[r]![p]! - sum;
    }
    return new SlackTree(slack, n);
  });
  const mine = (p: number) => locked[p] === 0 && (only === null || priority[p] === only);
  // Own-due normalised size: how much of what the resources can do by then the job takes.
  const size = new Float64Array(n);
  for (let p = 0; p < n; p++) for (let r = 0; r < R; r++) size[p] = size[p]! + work[r]![p]! / Math.max(capacity[r]![p]!, TINY);
  const smallFirst = (a: number, b: number) => size[a]! - size[b]! || priority[b]! - priority[a]! || a - b;
  // The late jobs that may come in, smallest first; `listed` keeps each in it once.
  const late: number[] = [];
  const listed = new Uint8Array(n);
  for (let p = 0; p < n; p++)
    if (kept[p] === 0 && mine(p)) {
      late.push(p);
      listed[p] = 1;
    }
  late.sort(smallFirst);

  let budget = Math.max(SWAP_BUDGET, 20 * n);
  const fits = (p: number) => {
    budget--;
    for (let r = 0; r < R; r++) {
      const w = work[r]![p]!;
      if (w > 0 && w - trees[r]!.minFrom(p) > 1e-10 * Math.max(1, w)) return false;
    }
    return true;
  };
  const move = (p: number, into: 0 | 1) => {
    kept[p] = into;
    for (let r = 0; r < R; r++) {
      const w = work[r]![p]!;
      if (w > 0) trees[r]!.addFrom(p, into === 1 ? -w : w);
    }
  };

  for (const p of late) if (fits(p)) move(p, 1);

  // Drops `out`, fills greedily; keeps the change if it gains (or, one for one, if the newcomer
  // is smaller), else undoes it.
  const trySwap = (out: readonly number[]) => {
    budget -= out.length; // the moves cost as much as a fit check
    for (const i of out) move(i, 0);
    const added: number[] = [];
    for (const p of late)
      if (kept[p] === 0 && !out.includes(p) && fits(p)) {
        move(p, 1);
        added.push(p);
      }
    if (added.length > out.length || (out.length === 1 && added.length === 1 && size[added[0]!]! < size[out[0]!]!)) {
      for (const i of out) if (listed[i] === 0) late.push(i);
      for (const i of out) listed[i] = 1;
      late.sort(smallFirst);
      return true;
    }
    for (const p of added) move(p, 0);
    for (const i of out) move(i, 1);
    return false;
  };
  for (let improved = late.length > 0; improved && budget > 0; ) {
    improved = false;
    // The largest on-time jobs first: they free the most room.
    const holders: number[] = [];
    for (let p = 0; p < n; p++) if (kept[p] === 1 && mine(p)) holders.push(p);
    holders.sort((a, b) => smallFirst(b, a));
    for (const i of holders) {
      if (budget <= 0) break;
      if (kept[i] === 1 && trySwap([i])) improved = true;
    }
    if (improved) continue;
    // Then two for three or more, the pairs of largest jobs first.
    for (let a = 0; a < holders.length && !improved && budget > 0; a++)
      for (let b = a + 1; b < holders.length && budget > 0; b++) {
        if (kept[holders[a]!] === 1 && kept[holders[b]!] === 1 && trySwap([holders[a]!, holders[b]!])) {
          improved = true;
          break;
        }
      }
  }
}
