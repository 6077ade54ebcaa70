import { compareOutcomes, Evaluator, NOTHING, type Outcome, sameCost } from './evaluate';
import type { Problem } from './problem';
import { weightCostOf } from './problem';

/** What a search found: the best outcome, the runners-up, and how it searched. */
export interface Searched {
  readonly best: Outcome;
  /** The best few other outcomes evaluated, best first. */
  readonly runnersUp: readonly Outcome[];
  readonly method: 'exact' | 'heuristic';
  readonly explored: number;
  /** A proven lower bound on the least cost of serving `best.served` units, when known. */
  readonly bound?: number;
  readonly evaluator: Evaluator;
}

/** How many alternatives a search keeps for the trace. */
const KEEP = 4;

/**
 * Evaluates, for the trace, the first nodes in `order` that do not ship in the best plan as plans
 * of their own, so the runners-up show the obvious alternatives a bound cut without evaluating.
 */
export function offerSingles(ev: Evaluator, podium: Podium, order: readonly number[]): void {
  let offered = 0;
  for (const c of order) {
    if (offered === KEEP - 1) break;
    if (podium.best.used.includes(c) || podium.top.some((o) => o.used.length === 1 && o.used[0] === c)) continue;
    podium.offer(ev.evaluate([c]));
    offered++;
  }
}

/** The best outcomes seen, distinct node sets only, best first. */
export class Podium {
  readonly top: Outcome[] = [];

  offer(o: Outcome): void {
    const { top } = this;
    if (top.length === KEEP && compareOutcomes(o, top[KEEP - 1]!) >= 0) return;
    for (const t of top) if (t.used.length === o.used.length && t.used.every((c, i) => c === o.used[i])) {
      if (compareOutcomes(o, t) < 0) top.splice(top.indexOf(t), 1);
      else return;
      break;
    }
    let i = top.length;
    while (i > 0 && compareOutcomes(o, top[i - 1]!) < 0) i--;
    top.splice(i, 0, o);
    if (top.length > KEEP) top.pop();
  }

  get best(): Outcome {
    return this.top[0] ?? NOTHING;
  }
}

/**
 * Exact least-cost routing by branch and bound over sets of shipping nodes. Sets grow one node at
 * a time, in order of a node's cost per unit it could serve; each set is evaluated exactly
 * (`Evaluator`). A branch (strict supersets of S using nodes from position q on) is cut when
 *
 * - the units it could serve at most (S's and the rest's stock, per SKU) are fewer than the best's;
 * - or its lower bound on cost is above the best's: S's fixed costs, the cheapest fixed costs of as
 *   many further nodes as the units still missing need (at least one: S itself was evaluated), the
 *   split penalties they bring, and the per-unit cost of the cheapest units of S and the rest;
 * - or the bound ties the best's cost and needs more shipments;
 * - or it needs more shipments than `maxShips` allows.
 *
 * Stops after `maxExplored` sets; the best found is then reported as a heuristic result with the
 * least bound of the branches left open.
 */
export function branchAndBound(p: Problem, maxExplored: number): Searched {
  const ev = new Evaluator(p);
  const podium = new Podium();
  const m = p.cands.length;
  const nSkus = p.demand.length;
  const coverage = p.cands.map((c) => {
    let units = 0;
    for (let s = 0; s < nSkus; s++) units += Math.min(c.stock[s]!, p.demand[s]!);
    return Math.min(units, c.capUnits);
  });
  const ratio = p.cands.map((c, i) => {
    let variable = 0;
    for (let s = 0; s < nSkus; s++) variable += Math.min(c.stock[s]!, p.demand[s]!) * c.unit[s]!;
    return (c.fixed + p.split + variable) / Math.max(1, coverage[i]!);
  });
  const order = p.cands.map((_, i) => i).sort((a, b) => ratio[a]! - ratio[b]! || a - b);
  const position = new Int32Array(m);
  order.forEach((c, q) => {
    position[c] = q;
  });
  // Per suffix q (the nodes from position q on): stock per SKU, the sum of fixed costs below zero
  // (with the split) and how many, the least other fixed cost, and the most units one node covers.
  const suffixStock = new Float64Array((m + 1) * nSkus);
  const negativeSum = new Float64Array(m + 1);
  const negativeCount = new Int32Array(m + 1);
  const leastFixed = new Float64Array(m + 1).fill(Infinity);
  const mostCover = new Float64Array(m + 1);
  for (let q = m - 1; q >= 0; q--) {
    const c = order[q]!;
    const cand = p.cands[c]!;
    for (let s = 0; s < nSkus; s++) suffixStock[q * nSkus + s] = suffixStock[(q + 1) * nSkus + s]! + cand.stock[s]!;
    const f = cand.fixed + p.split;
    negativeSum[q] = negativeSum[q + 1]! + (f < 0 ? f : 0);
    negativeCount[q] = negativeCount[q + 1]! + (f < 0 ? 1 : 0);
    leastFixed[q] = f < 0 ? leastFixed[q + 1]! : Math.min(leastFixed[q + 1]!, f);
    mostCover[q] = Math.max(mostCover[q + 1]!, coverage[c]!);
  }
  // Sorted coverage and fixed costs of a suffix, computed when a bound first needs more than one node.
  const coversFrom: (number[] | undefined)[] = [];
  const fixedFrom: (number[] | undefined)[] = [];
  /** Fewest nodes from position q on that could cover `missing` units (at least one); Infinity when none can. */
  const nodesNeeded = (q: number, missing: number): number => {
    if (q >= m) return Infinity;
    if (missing <= mostCover[q]!) return 1;
    const covers = coversFrom[q] ?? order.slice(q).map((c) => coverage[c]!).sort((a, b) => b - a);
    coversFrom[q] = covers;
    let covered = 0;
    for (let k = 0; k < covers.length; k++) {
      covered += covers[k]!;
      if (covered >= missing) return k + 1;
    }
    return Infinity;
  };
  /** The least sum of fixed costs (with the split) of `k` or more nodes from position q on. */
  const fixedNeeded = (q: number, k: number): number => {
    const rest = k - negativeCount[q]!;
    if (rest <= 0) return negativeSum[q]!;
    if (rest === 1) return negativeSum[q]! + leastFixed[q]!;
    const fixed =
      fixedFrom[q] ??
      order
        .slice(q)
        .map((c) => p.cands[c]!.fixed + p.split)
        .filter((f) => f >= 0)
        .sort((a, b) => a - b);
    fixedFrom[q] = fixed;
    let sum = negativeSum[q]!;
    for (let i = 0; i < rest; i++) sum += fixed[i]!;
    return sum;
  };

  const inSet = new Uint8Array(m);
  const set: number[] = [];
  const supply = new Array<number>(nSkus).fill(0);
  let fixedOfSet = 0;
  let aborted = false;
  let openBound = Infinity;
  /** Shipments the last bounded branch needs at least. */
  let neededShips = 0;

  /** Lower bound on the cost of strict supersets of the set using nodes from position q on; Infinity when none can match the best. */
  const lowerBound = (q: number, servedBySet: number): number => {
    const best = podium.best;
    let reach = 0;
    for (let s = 0; s < nSkus; s++) reach += Math.min(p.demand[s]!, supply[s]! + suffixStock[q * nSkus + s]!);
    if (reach < best.served) return Infinity;
    if (reach > best.served) return -Infinity;
    const k = nodesNeeded(q, best.served - servedBySet);
    if (set.length + k > p.maxShips) return Infinity;
    neededShips = set.length + k;
    const fixedRest = fixedNeeded(q, k);
    let variable = 0;
    for (let s = 0; s < nSkus; s++) {
      let need = p.demand[s]!;
      if (need === 0) continue;
      for (const c of p.bySku[s]!) {
        if (inSet[c] === 0 && position[c]! < q) continue;
        const take = Math.min(need, p.cands[c]!.stock[s]!);
        variable += take * p.cands[c]!.unit[s]!;
        need -= take;
        if (need === 0) break;
      }
      variable += weightCostOf(p, s, p.demand[s]! - need);
    }
    // Split penalties of every shipment but the first of the order, less those earlier tiers counted.
    return fixedOfSet + p.split * (p.shipped + set.length - 1 - Math.max(0, p.shipped - 1)) + fixedRest + variable;
  };

  const prune = (q: number, servedBySet: number): boolean => {
    const bound = lowerBound(q, servedBySet);
    if (bound === Infinity) return true;
    if (bound === -Infinity) return false;
    const best = podium.best;
    if (sameCost(bound, best.cost)) return neededShips > best.ships;
    return bound > best.cost;
  };

  const grow = (from: number, servedBySet: number): void => {
    if (set.length >= p.maxShips) return;
    for (let q = from; q < m; q++) {
      if (aborted) {
        const bound = lowerBound(q, servedBySet);
        if (bound !== Infinity) openBound = Math.min(openBound, bound);
        return;
      }
      if (prune(q, servedBySet)) return;
      const c = order[q]!;
      set.push(c);
      inSet[c] = 1;
      fixedOfSet += p.cands[c]!.fixed;
      for (let s = 0; s < nSkus; s++) supply[s]! += p.cands[c]!.stock[s]!;
      const outcome = ev.evaluate(set.slice().sort((a, b) => a - b));
      podium.offer(outcome);
      if (ev.explored >= maxExplored) aborted = true;
      grow(q + 1, outcome.served);
      set.pop();
      inSet[c] = 0;
      fixedOfSet -= p.cands[c]!.fixed;
      for (let s = 0; s < nSkus; s++) supply[s]! -= p.cands[c]!.stock[s]!;
    }
  };

  if (p.demand.some((d) => d > 0)) grow(0, 0);
  if (!aborted) offerSingles(ev, podium, order);
  const best = podium.best;
  return {
    best,
    runnersUp: podium.top.slice(1),
    method: aborted ? 'heuristic' : 'exact',
    explored: ev.explored,
    ...(aborted ? (openBound > -Infinity ? { bound: Math.min(openBound, best.cost) } : {}) : { bound: best.cost }),
    evaluator: ev,
  };
}
