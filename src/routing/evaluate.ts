import { type Move, transport } from './flow';
import { type Problem, weightCostOf } from './problem';

/** A node set's best plan: units served, cost, the nodes that actually ship, and how it was found. */
export interface Outcome {
  readonly served: number;
  readonly cost: number;
  readonly ships: number;
  /** Indices into `Problem.cands` that ship, ascending (tie order). */
  readonly used: readonly number[];
  /** The node set evaluated (may hold nodes that ship nothing). */
  readonly members: readonly number[];
  /** Unit capacity bound: the transportation problem was solved. */
  readonly transport: boolean;
  /** The order line one unit of which the preferred node was made to ship, or -1. */
  readonly forced: number;
}

/** The outcome of routing nothing. */
export const NOTHING: Outcome = { served: 0, cost: 0, ships: 0, used: [], members: [], transport: false, forced: -1 };

/**
 * Orders outcomes, best first: more units served, then lower cost (equal within 1e-9 relative),
 * then fewer shipments, then the nodes earlier in tie order (preferred, rank, id).
 */
export function compareOutcomes(a: Outcome, b: Outcome): number {
  if (a.served !== b.served) return b.served - a.served;
  if (!sameCost(a.cost, b.cost)) return a.cost - b.cost;
  if (a.ships !== b.ships) return a.ships - b.ships;
  for (let i = 0; i < a.used.length; i++) if (a.used[i] !== b.used[i]) return a.used[i]! - b.used[i]!;
  return 0;
}

/** Costs equal within a relative 1e-9: float sums in another order are the same plan. */
export function sameCost(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Evaluates node sets of one problem exactly. For a set, assigning units is a min-cost problem;
 * per SKU, cheapest node first (ties in tie order) and lightest line first is exact while no node's
 * unit capacity binds (per-unit costs are a node part plus a line part). When one binds, the
 * transportation problem is solved (`transport`). When the preferred node's credit makes it worth
 * shipping and the cheapest assignment leaves it idle, each way of making it ship one unit is
 * tried too.
 */
export class Evaluator {
  /** Node sets evaluated. */
  explored = 0;
  private readonly units: Float64Array;
  private readonly member: Uint8Array;
  private readonly creditNode: number;

  constructor(readonly p: Problem) {
    this.units = new Float64Array(p.cands.length);
    this.member = new Uint8Array(p.cands.length);
    this.creditNode = p.cands.findIndex((c) => c.fixed + p.split < 0);
  }

  /** The best outcome of the node set `members` (indices into `cands`, ascending). */
  evaluate(members: readonly number[]): Outcome {
    this.explored++;
    const { p, units, member } = this;
    for (const c of members) member[c] = 1;
    let variable = this.greedy();
    let bound = false;
    for (const c of members) if (units[c]! > p.cands[c]!.capUnits) bound = true;
    let served = 0;
    if (bound) {
      for (const c of members) units[c] = 0;
      const routed = transport(p, members);
      for (const m of routed.moves) units[m.cand]! += m.qty;
      variable = routed.variable;
      served = routed.served;
    } else {
      for (const c of members) served += units[c]!;
    }
    const used: number[] = [];
    let fixed = 0;
    for (const c of members) {
      if (units[c]! > 0) {
        used.push(c);
        fixed += p.cands[c]!.fixed;
      }
      units[c] = 0;
      member[c] = 0;
    }
    let best: Outcome = { served, cost: fixed + this.splitCost(used.length) + variable, ships: used.length, used, members, transport: bound, forced: -1 };
    const credit = this.creditNode;
    if (credit >= 0 && members.includes(credit) && !used.includes(credit)) {
      const held = p.cands[credit]!.stock;
      p.qty.forEach((q, line) => {
        if (q <= 0 || held[p.lineSku[line]!]! <= 0) return;
        const forced = this.outcomeOf(members, transport(p, members, { cand: credit, line }), true, line);
        if (compareOutcomes(forced, best) < 0) best = forced;
      });
    }
    return best;
  }

  /** The units each node ships in `outcome`, line by line. */
  moves(outcome: Outcome): readonly Move[] {
    if (outcome.forced >= 0) return transport(this.p, outcome.members, { cand: this.creditNode, line: outcome.forced }).moves;
    if (outcome.transport) return transport(this.p, outcome.members).moves;
    const moves: Move[] = [];
    for (const c of outcome.members) this.member[c] = 1;
    this.greedy(moves);
    for (const c of outcome.members) {
      this.member[c] = 0;
      this.units[c] = 0;
    }
    return moves;
  }

  /** Split penalty `ships` more shipments add after the ones earlier tiers made. */
  splitCost(ships: number): number {
    const { split, shipped } = this.p;
    return split * (Math.max(0, shipped + ships - 1) - Math.max(0, shipped - 1));
  }

  private outcomeOf(members: readonly number[], routed: { served: number; variable: number; moves: readonly Move[] }, transported: boolean, forced: number): Outcome {
    const shipping = new Set(routed.moves.map((m) => m.cand));
    const used = members.filter((c) => shipping.has(c));
    const fixed = used.reduce((sum, c) => sum + this.p.cands[c]!.fixed, 0);
    return { served: routed.served, cost: fixed + this.splitCost(used.length) + routed.variable, ships: used.length, used, members, transport: transported, forced };
  }

  /** Cheapest node first per SKU, over the marked members; fills `units`; returns the per-unit cost. */
  private greedy(record?: Move[]): number {
    const { p, units, member } = this;
    let variable = 0;
    for (let s = 0; s < p.demand.length; s++) {
      let need = p.demand[s]!;
      if (need === 0) continue;
      const lines = p.linesBySku[s]!;
      let li = 0;
      let lineLeft = p.qty[lines[0]!]!;
      for (const c of p.bySku[s]!) {
        if (member[c] === 0) continue;
        const cand = p.cands[c]!;
        let take = Math.min(need, cand.stock[s]!);
        units[c]! += take;
        variable += take * cand.unit[s]!;
        need -= take;
        while (record && take > 0) {
          const t = Math.min(take, lineLeft);
          record.push({ cand: c, line: lines[li]!, qty: t });
          take -= t;
          lineLeft -= t;
          if (lineLeft === 0 && li + 1 < lines.length) lineLeft = p.qty[lines[++li]!]!;
        }
        if (need === 0) break;
      }
      variable += weightCostOf(p, s, p.demand[s]! - need);
    }
    return variable;
  }
}
