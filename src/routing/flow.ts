import type { Problem } from './problem';

/** Units of one order line planned from one node (`cand` indexes `Problem.cands`). */
export interface Move {
  readonly cand: number;
  readonly line: number;
  readonly qty: number;
}

/** The least-cost way to route the most units from a set of nodes. */
export interface Routed {
  readonly served: number;
  /** Per-unit costs: handling, opportunity and carrier weight. */
  readonly variable: number;
  readonly moves: readonly Move[];
}

const EPS = 1e-12;

/**
 * Routes the most units of `p` from the nodes `members`, at least per-unit cost, when node unit
 * capacities bind: a small transportation problem (order lines → node × SKU stock → node
 * capacity), solved exactly as a min-cost max-flow by successive shortest paths (Bellman–Ford
 * queue, so residual arcs may cost less than zero). `forced` routes one unit of a line from a node
 * before the rest (to cost plans where that node must ship).
 */
export function transport(p: Problem, members: readonly number[], forced?: { readonly cand: number; readonly line: number }): Routed {
  const g = new Graph();
  const source = g.vertex();
  const sink = g.vertex();
  let served = 0;
  let variable = 0;
  const moves: Move[] = [];
  const qty = p.qty.slice();
  const stockAdj = new Map<number, number>();
  const capAdj = new Map<number, number>();
  if (forced) {
    const s = p.lineSku[forced.line]!;
    qty[forced.line]! -= 1;
    stockAdj.set(forced.cand * 65536 + s, 1);
    capAdj.set(forced.cand, 1);
    served = 1;
    variable = p.cands[forced.cand]!.unit[s]! + p.weightCost[forced.line]!;
    moves.push({ cand: forced.cand, line: forced.line, qty: 1 });
  }
  const total = qty.reduce((a, b) => a + b, 0);
  const candVertex = new Map<number, number>();
  for (const c of members) {
    const v = g.vertex();
    candVertex.set(c, v);
    g.edge(v, sink, Math.min(total, p.cands[c]!.capUnits - (capAdj.get(c) ?? 0)), 0);
  }
  const lineEdges: { edge: number; cand: number; line: number }[] = [];
  for (let s = 0; s < p.demand.length; s++) {
    const pairs: { cand: number; vertex: number }[] = [];
    for (const c of members) {
      const units = p.cands[c]!.stock[s]! - (stockAdj.get(c * 65536 + s) ?? 0);
      if (units <= 0 || p.demand[s]! <= 0) continue;
      const v = g.vertex();
      g.edge(v, candVertex.get(c)!, units, 0);
      pairs.push({ cand: c, vertex: v });
    }
    if (pairs.length === 0) continue;
    for (const l of p.linesBySku[s]!) {
      if (qty[l]! <= 0) continue;
      const v = g.vertex();
      g.edge(source, v, qty[l]!, 0);
      for (const pair of pairs) {
        const edge = g.edge(v, pair.vertex, qty[l]!, p.cands[pair.cand]!.unit[s]! + p.weightCost[l]!);
        lineEdges.push({ edge, cand: pair.cand, line: l });
      }
    }
  }
  served += g.minCostMaxFlow(source, sink);
  for (const { edge, cand, line } of lineEdges) {
    const f = g.flowOn(edge);
    if (f <= 0) continue;
    moves.push({ cand, line, qty: f });
    variable += f * (p.cands[cand]!.unit[p.lineSku[line]!]! + p.weightCost[line]!);
  }
  return { served, variable, moves };
}

/** A residual graph: edge `e` and its reverse `e ^ 1`. */
class Graph {
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly cost: number[] = [];
  private readonly next: number[] = [];
  private readonly original: number[] = [];
  private readonly head: number[] = [];

  vertex(): number {
    this.head.push(-1);
    return this.head.length - 1;
  }

  edge(from: number, to: number, cap: number, cost: number): number {
    const e = this.to.length;
    this.add(from, to, cap, cost);
    this.add(to, from, 0, -cost);
    return e;
  }

  flowOn(e: number): number {
    return this.original[e]! - this.cap[e]!;
  }

  private add(from: number, to: number, cap: number, cost: number): void {
    this.to.push(to);
    this.cap.push(cap);
    this.original.push(cap);
    this.cost.push(cost);
    this.next.push(this.head[from]!);
    this.head[from] = this.to.length - 1;
  }

  /** Successive shortest augmenting paths until none is left; returns the flow. */
  minCostMaxFlow(source: number, sink: number): number {
    const n = this.head.length;
    let amount = 0;
    const dist = new Float64Array(n);
    const via = new Int32Array(n);
    const queued = new Uint8Array(n);
    // Bounds the relaxations of one search: float round-off must not loop forever.
    const limit = n * this.to.length + 16;
    for (;;) {
      dist.fill(Infinity);
      via.fill(-1);
      dist[source] = 0;
      const queue = [source];
      queued[source] = 1;
      let steps = 0;
      for (let qi = 0; qi < queue.length && steps < limit; qi++) {
        const u = queue[qi]!;
        queued[u] = 0;
        for (let e = this.head[u]!; e !== -1; e = this.next[e]!) {
          steps++;
          if (this.cap[e]! <= 0) continue;
          const v = this.to[e]!;
          const d = dist[u]! + this.cost[e]!;
          if (d < dist[v]! - EPS) {
            dist[v] = d;
            via[v] = e;
            if (!queued[v]) {
              queued[v] = 1;
              queue.push(v);
            }
          }
        }
      }
      if (dist[sink] === Infinity) break;
      let push = Infinity;
      for (let v = sink; v !== source; v = this.to[via[v]! ^ 1]!) push = Math.min(push, this.cap[via[v]!]!);
      for (let v = sink; v !== source; v = this.to[via[v]! ^ 1]!) {
        this.cap[via[v]!]! -= push;
        this.cap[via[v]! ^ 1]! += push;
      }
      amount += push;
      queued.fill(0);
    }
    return amount;
  }
}
