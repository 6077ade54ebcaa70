import type { Candidate, Examined } from './candidates';
import type { Allocation } from './build';
import { compareOutcomes, type Outcome, sameCost } from './evaluate';
import { greedyCover } from './heuristic';
import { problemOf } from './problem';
import type { RoutingPolicy } from './policy';
import { branchAndBound, type Searched } from './search';

/** One search's result, with its allocations on the order's candidates. */
export interface Tier {
  readonly searched: Searched;
  readonly cands: readonly Candidate[];
  readonly allocations: readonly Allocation[];
  /** Why the heuristic ran instead of the exact search, when it did. */
  readonly heuristic?: string;
}

/**
 * Routes the units still open (`qty`, per order line, updated in place) from `cands`: exactly by
 * branch and bound within the policy's limits, else (or when the search runs out of budget) by
 * the greedy heuristic.
 */
export function solveTier(ex: Examined, cands: readonly Candidate[], qty: number[], policy: RoutingPolicy, shipped: number): Tier {
  const { cost, exact } = policy;
  const maxShips = (policy.maxShipments ?? Number.MAX_SAFE_INTEGER) - shipped;
  const perKg = policy.pickupAt === undefined ? cost.carrier.perKg : 0;
  const p = problemOf(ex, cands, qty, perKg, cost.splitPenalty, shipped, maxShips);
  const lines = qty.filter((q) => q > 0).length;
  let searched: Searched;
  let heuristic: string | undefined;
  if (lines > exact.maxLines || cands.length > exact.maxNodes) {
    searched = greedyCover(p, exact.maxExplored);
    heuristic = `${lines} lines × ${cands.length} nodes is beyond the exact search's ${exact.maxLines} × ${exact.maxNodes}: heuristic`;
  } else {
    searched = branchAndBound(p, exact.maxExplored);
    if (searched.method === 'heuristic') {
      const improved = greedyCover(p, exact.maxExplored, searched.best.used);
      const better = compareOutcomes(improved.best, searched.best) < 0;
      searched = {
        ...(better ? improved : searched),
        explored: searched.explored + improved.explored,
        ...(searched.bound === undefined ? {} : { bound: Math.min(searched.bound, (better ? improved : searched).best.cost) }),
      };
      heuristic = `exact search stopped after ${exact.maxExplored} node sets: best found, improved locally`;
    }
  }
  const allocations: Allocation[] = [];
  for (const move of searched.evaluator.moves(searched.best)) {
    allocations.push({ candidate: cands[move.cand]!, line: move.line, qty: move.qty });
    qty[move.line]! -= move.qty;
  }
  return { searched, cands, allocations, ...(heuristic === undefined ? {} : { heuristic }) };
}

/** Why `o` lost to `best`. */
export function whyLost(o: Outcome, best: Outcome): string {
  if (o.served < best.served) return `serves ${best.served - o.served} fewer unit(s)`;
  if (!sameCost(o.cost, best.cost)) return `costs ${(o.cost - best.cost).toFixed(2)} more`;
  if (o.ships > best.ships) return `same cost with ${o.ships} shipments, not ${best.ships}`;
  return 'same cost and shipments: loses the tie-break (preferred node, rank, id)';
}
