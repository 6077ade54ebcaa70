import type { Pool } from './pool';
import type { Problem } from './problem';

/** Units each line gets in this allocation (new units, beyond what its order holds). */
export type Fill = Float64Array;

/** The sequence of a sequential rule, as order indices: FIFO, priority tiers or earliest due date. */
export function sequenceOf(p: Problem, rule: 'fifo' | 'priority' | 'edd'): Int32Array {
  const n = p.orders.length;
  const seq = new Int32Array(n);
  for (let i = 0; i < n; i++) seq[i] = i;
  // Orders are first in first out already: index order breaks every tie.
  if (rule === 'priority') {
    const priority = p.priority;
    seq.sort((a, b) => priority[b]! - priority[a]! || a - b);
  } else if (rule === 'edd') {
    const promised = p.promised;
    seq.sort((a, b) => (promised[a] === promised[b] ? a - b : promised[a]! < promised[b]! ? -1 : 1));
  }
  return seq;
}

/** Units line `k` still needs: its quantity less what its order holds and what it got. */
export function shortOf(p: Problem, fill: Fill, k: number): number {
  return p.lineQuantity[k]! - p.lineHeld[k]! - fill[k]!;
}

/**
 * Whether order `i` can have every unit it still needs from `pool`, counting lines of one SKU
 * together. `want` is scratch space, one slot per SKU, all zero; it is left all zero.
 */
export function fitsWhole(p: Problem, pool: Pool, fill: Fill, want: Float64Array, i: number): boolean {
  const c = p.channel[i]!;
  const end = p.lineStart[i + 1]!;
  let fits = true;
  for (let k = p.lineStart[i]!; k < end; k++) want[p.lineSku[k]!] = want[p.lineSku[k]!]! + shortOf(p, fill, k);
  for (let k = p.lineStart[i]!; k < end; k++) {
    const s = p.lineSku[k]!;
    if (want[s]! > pool.available(c, s)) fits = false;
  }
  for (let k = p.lineStart[i]!; k < end; k++) want[p.lineSku[k]!] = 0;
  return fits;
}

/** Gives order `i` every unit it still needs (call after `fitsWhole`). */
export function serveWhole(p: Problem, pool: Pool, fill: Fill, i: number): void {
  const c = p.channel[i]!;
  const end = p.lineStart[i + 1]!;
  for (let k = p.lineStart[i]!; k < end; k++) {
    const short = shortOf(p, fill, k);
    if (short <= 0) continue;
    pool.take(c, p.lineSku[k]!, short);
    fill[k] = fill[k]! + short;
  }
}

/** Takes back every unit order `i` got in this allocation. */
export function revoke(p: Problem, pool: Pool, fill: Fill, i: number): void {
  const c = p.channel[i]!;
  const end = p.lineStart[i + 1]!;
  for (let k = p.lineStart[i]!; k < end; k++) {
    if (fill[k]! <= 0) continue;
    pool.give(c, p.lineSku[k]!, fill[k]!);
    fill[k] = 0;
  }
}

/** Gives line `k` of order `i` what the pool has of what it still needs, up to `limit`; returns the units. */
export function serveLine(p: Problem, pool: Pool, fill: Fill, i: number, k: number, limit = Number.POSITIVE_INFINITY): number {
  const c = p.channel[i]!;
  const s = p.lineSku[k]!;
  const units = Math.min(shortOf(p, fill, k), pool.available(c, s), limit);
  if (units <= 0) return 0;
  pool.take(c, s, units);
  fill[k] = fill[k]! + units;
  return units;
}

/**
 * Serves orders one after another in `seq`: a ship-complete order gets everything it still needs
 * or nothing; any other order gets, line by line, what is left of what it needs.
 */
export function serveInSequence(p: Problem, pool: Pool, fill: Fill, seq: Int32Array): void {
  const want = new Float64Array(p.skus.length);
  for (let q = 0; q < seq.length; q++) {
    const i = seq[q]!;
    if (p.shipComplete[i] === 1) {
      if (fitsWhole(p, pool, fill, want, i)) serveWhole(p, pool, fill, i);
      continue;
    }
    const end = p.lineStart[i + 1]!;
    for (let k = p.lineStart[i]!; k < end; k++) serveLine(p, pool, fill, i, k);
  }
}
