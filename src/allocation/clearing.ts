import type { ValueModel } from './value-model';

/**
 * Block coordinate descent on the Lagrangian dual (see `lagrangianPrices`): SKU by SKU, the price
 * that minimises the dual with every other price held, i.e. the SKU's clearing price. Each item
 * wanting the SKU is worth, per unit of it, its value less what its other SKUs cost at their
 * prices; sorted by that, highest first, the price is the worth of the first item that no longer
 * fits in the SKU's capacity (0 when everything fits). `sweeps` passes over the scarce SKUs in
 * index order; updates `lambda` in place.
 */
export function clearingPrices(model: ValueModel, lambda: Float64Array, sweeps: number): void {
  const { p, scarceSkus, capacity, orderValue, entryStart, entrySku, entryUnits, lineSku, lineUnitValue, lineNeed } = model;
  const m = p.skus.length;
  const nc = orderValue.length;
  // Items per SKU: ship-complete orders (item q) and lines (item nc + r), with the units they want.
  const start = new Int32Array(m + 1);
  for (let e = 0; e < entrySku.length; e++) start[entrySku[e]! + 1]!++;
  for (let r = 0; r < lineSku.length; r++) start[lineSku[r]! + 1]!++;
  for (let s = 0; s < m; s++) start[s + 1] = start[s + 1]! + start[s]!;
  const item = new Int32Array(start[m]!);
  const units = new Float64Array(start[m]!);
  const next = Int32Array.from(start);
  for (let q = 0; q < nc; q++) {
    for (let e = entryStart[q]!; e < entryStart[q + 1]!; e++) {
      const at = next[entrySku[e]!]!++;
      item[at] = q;
      units[at] = entryUnits[e]!;
    }
  }
  for (let r = 0; r < lineSku.length; r++) {
    const at = next[lineSku[r]!]!++;
    item[at] = nc + r;
    units[at] = lineNeed[r]!;
  }
  // What each order's scarce units cost at the current prices.
  const cost = new Float64Array(nc);
  for (let q = 0; q < nc; q++) {
    let c = 0;
    for (let e = entryStart[q]!; e < entryStart[q + 1]!; e++) c += entryUnits[e]! * lambda[entrySku[e]!]!;
    cost[q] = c;
  }
  let widest = 0;
  for (let s = 0; s < m; s++) widest = Math.max(widest, start[s + 1]! - start[s]!);
  const worth = new Float64Array(widest);
  const order = new Int32Array(widest);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    for (let j = 0; j < scarceSkus.length; j++) {
      const s = scarceSkus[j]!;
      const from = start[s]!;
      const count = start[s + 1]! - from;
      const old = lambda[s]!;
      let wanted = 0;
      for (let x = 0; x < count; x++) {
        const it = item[from + x]!;
        const a = units[from + x]!;
        worth[x] = it < nc ? (orderValue[it]! - cost[it]! + a * old) / a : lineUnitValue[it - nc]!;
        order[x] = x;
        if (worth[x]! > 0) wanted += a;
      }
      const price = wanted > capacity[s]! ? Math.max(0, clearing(worth, units, from, order, count, capacity[s]!)) : 0;
      if (price === old) continue;
      lambda[s] = price;
      for (let x = 0; x < count; x++) {
        const it = item[from + x]!;
        if (it < nc) cost[it] = cost[it]! + units[from + x]! * (price - old);
      }
    }
  }
}

/**
 * The worth of the first item, highest worth first, at which the units wanted exceed `capacity`:
 * a weighted selection (three-way quickselect, median-of-three pivots), linear on average.
 * `order[0..count)` holds item positions and is reordered; `units[from + x]` is item x's units.
 */
function clearing(worth: Float64Array, units: Float64Array, from: number, order: Int32Array, count: number, capacity: number): number {
  let lo = 0;
  let hi = count;
  let room = capacity;
  while (lo < hi) {
    const pivot = median(worth[order[lo]!]!, worth[order[(lo + hi) >> 1]!]!, worth[order[hi - 1]!]!);
    // Partition [lo, hi) into worth > pivot | worth = pivot | worth < pivot.
    let gt = lo;
    let i = lo;
    let lt = hi;
    while (i < lt) {
      const x = order[i]!;
      const w = worth[x]!;
      if (w > pivot) {
        order[i] = order[gt]!;
        order[gt] = x;
        gt++;
        i++;
      } else if (w < pivot) {
        lt--;
        order[i] = order[lt]!;
        order[lt] = x;
      } else i++;
    }
    let above = 0;
    for (let j = lo; j < gt; j++) above += units[from + order[j]!]!;
    if (above > room) {
      hi = gt;
      continue;
    }
    let equal = 0;
    for (let j = gt; j < lt; j++) equal += units[from + order[j]!]!;
    if (above + equal > room) return pivot;
    room -= above + equal;
    lo = lt;
  }
  return 0;
}

function median(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
