import type { ValueModel } from './value-model';

/** Items per scarce SKU, as CSR: the items of SKU `s` are `items[start[s] .. start[s + 1]]`. */
export interface ByScarceSku {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** The competing ship-complete orders wanting each SKU, in `rank` order. */
export function ordersBySku(model: ValueModel, rank: Int32Array): ByScarceSku {
  const { p, orders, entryStart, entrySku } = model;
  const m = p.skus.length;
  const start = new Int32Array(m + 1);
  for (let e = 0; e < entrySku.length; e++) start[entrySku[e]! + 1]!++;
  for (let s = 0; s < m; s++) start[s + 1] = start[s + 1]! + start[s]!;
  const items = new Int32Array(entrySku.length);
  const next = Int32Array.from(start);
  for (let j = 0; j < rank.length; j++) {
    const q = rank[j]!;
    if (q >= orders.length) continue;
    for (let e = entryStart[q]!; e < entryStart[q + 1]!; e++) items[next[entrySku[e]!]!++] = q;
  }
  return { start, items };
}

/** The competing lines (by number `r`) on each SKU, the lowest unit value first, ties by number. */
export function linesBySku(model: ValueModel): ByScarceSku {
  const { p, lineSku, lineUnitValue } = model;
  const m = p.skus.length;
  const start = new Int32Array(m + 1);
  for (let r = 0; r < lineSku.length; r++) start[lineSku[r]! + 1]!++;
  for (let s = 0; s < m; s++) start[s + 1] = start[s + 1]! + start[s]!;
  const items = new Int32Array(lineSku.length);
  for (let r = 0; r < items.length; r++) items[r] = r;
  items.sort((a, b) => lineSku[a]! - lineSku[b]! || lineUnitValue[a]! - lineUnitValue[b]! || a - b);
  return { start, items };
}

/** Insertion sort of the first `count` candidates by score, lowest first, ties by code. */
export function sortByScore(codes: Int32Array, score: Float64Array, units: Float64Array, count: number): void {
  for (let a = 1; a < count; a++) {
    const code = codes[a]!;
    const v = score[a]!;
    const u = units[a]!;
    let b = a - 1;
    while (b >= 0 && (score[b]! > v || (score[b] === v && codes[b]! > code))) {
      codes[b + 1] = codes[b]!;
      score[b + 1] = score[b]!;
      units[b + 1] = units[b]!;
      b--;
    }
    codes[b + 1] = code;
    score[b + 1] = v;
    units[b + 1] = u;
  }
}
