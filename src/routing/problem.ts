import type { Candidate, Examined } from './candidates';

/**
 * One search: the units still to route, the nodes that may ship them, and the cost terms the
 * search needs. `routeOrder` builds one per rank tier (one in all unless `nodeRank` is `hard`).
 */
export interface Problem {
  /** Units still to route, per order line. */
  readonly qty: readonly number[];
  /** Per order line: its SKU's index. */
  readonly lineSku: readonly number[];
  /** Units still to route, per SKU. */
  readonly demand: readonly number[];
  /** Per SKU: the order lines with units to route, lightest unit first, then line order. */
  readonly linesBySku: readonly (readonly number[])[];
  /** Per order line: carrier cost per unit for its weight. */
  readonly weightCost: readonly number[];
  /** The nodes that may ship, in tie order; search indices refer to this list. */
  readonly cands: readonly Candidate[];
  /** Per SKU: indices of `cands` holding it, cheapest per unit first, then tie order. */
  readonly bySku: readonly (readonly number[])[];
  readonly split: number;
  /** Shipments earlier tiers made already: every shipment this search adds pays the split penalty when there are some. */
  readonly shipped: number;
  /** Most shipments this search may add. */
  readonly maxShips: number;
}

/** Builds the problem of routing `qty` (per order line) from `cands`. */
export function problemOf(
  examined: Examined,
  cands: readonly Candidate[],
  qty: readonly number[],
  perKg: number,
  split: number,
  shipped: number,
  maxShips: number,
): Problem {
  const nSkus = examined.skus.length;
  const demand = new Array<number>(nSkus).fill(0);
  const linesBySku: number[][] = Array.from({ length: nSkus }, () => []);
  qty.forEach((q, l) => {
    if (q <= 0) return;
    const s = examined.lineSku[l]!;
    demand[s]! += q;
    linesBySku[s]!.push(l);
  });
  for (const lines of linesBySku) lines.sort((a, b) => examined.kg[a]! - examined.kg[b]! || a - b);
  const bySku: number[][] = [];
  for (let s = 0; s < nSkus; s++) {
    const holders: number[] = [];
    if (demand[s]! > 0) {
      cands.forEach((c, i) => {
        if (c.stock[s]! > 0 && c.capUnits > 0) holders.push(i);
      });
    }
    holders.sort((a, b) => cands[a]!.unit[s]! - cands[b]!.unit[s]! || a - b);
    bySku.push(holders);
  }
  return {
    qty,
    lineSku: examined.lineSku,
    demand,
    linesBySku,
    weightCost: examined.kg.map((k) => k * perKg),
    cands,
    bySku,
    split,
    shipped,
    maxShips,
  };
}

/** Carrier weight cost of routing `units` of SKU `s`, lightest lines first. */
export function weightCostOf(p: Problem, s: number, units: number): number {
  let cost = 0;
  for (const l of p.linesBySku[s]!) {
    if (units <= 0) break;
    const take = Math.min(units, p.qty[l]!);
    cost += take * p.weightCost[l]!;
    units -= take;
  }
  return cost;
}
