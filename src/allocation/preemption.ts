import type { PreemptionPolicy } from './policy';
import type { Pool } from './pool';
import type { Problem } from './problem';
import { type Fill, revoke, shortOf } from './sequence';

/** Units of one SKU an order lost to another (indices). */
export interface Taking {
  readonly victim: number;
  readonly sku: number;
  readonly units: number;
  readonly by: number;
}

/**
 * Pre-emption, after the rule has divided the pool. Orders still short take, highest priority
 * first (ties in the rule's sequence), first what the pool has left, then units that orders of
 * lower priority hold, when those are below `belowPriority`: the lowest priority first, then the
 * latest placed. A ship-complete order takes only if that makes it complete. A ship-complete
 * victim that got units in this allocation gives them back, so it is never partly filled.
 */
export function preempt(p: Problem, pool: Pool, fill: Fill, sequence: Int32Array, policy: PreemptionPolicy): { takings: Taking[]; notes: string[] } {
  if (!policy.enabled || !p.hasHolds) return { takings: [], notes: [] };
  const n = p.orders.length;
  const below = policy.belowPriority ?? Number.POSITIVE_INFINITY;
  const position = new Int32Array(n);
  sequence.forEach((i, at) => {
    position[i] = at;
  });
  // Orders that may lose held units, per SKU: lowest priority first, then the latest placed.
  const holders = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (p.priority[i]! >= below) continue;
    for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) {
      if (p.lineHeld[k]! <= 0) continue;
      const list = holders.get(p.lineSku[k]!) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      holders.set(p.lineSku[k]!, list);
    }
  }
  for (const list of holders.values()) list.sort((a, b) => p.priority[a]! - p.priority[b]! || b - a);
  const takers = Array.from(sequence).sort((a, b) => p.priority[b]! - p.priority[a]! || position[a]! - position[b]!);

  const takings: Taking[] = [];
  let revoked = 0;
  for (const t of takers) {
    const skus = shortSkus(p, fill, t);
    if (skus.size === 0) continue;
    const victimsOf = (s: number) => (holders.get(s) ?? []).filter((v) => p.priority[v]! < p.priority[t]!);
    if (p.shipComplete[t] === 1) {
      let enough = true;
      for (const [s, short] of skus) {
        const held = victimsOf(s).reduce((sum, v) => sum + heldOf(p, v, s), 0);
        if (short > pool.available(p.channel[t]!, s) + held) enough = false;
      }
      if (!enough) continue;
    }
    for (const [s, short] of skus) {
      let units = Math.min(short, pool.available(p.channel[t]!, s));
      if (units > 0) pool.take(p.channel[t]!, s, units);
      for (const v of victimsOf(s)) {
        if (units >= short) break;
        const lost = release(p, v, s, short - units);
        if (lost <= 0) continue;
        units += lost;
        takings.push({ victim: v, sku: s, units: lost, by: t });
        if (p.shipComplete[v] === 1 && hasFill(p, fill, v)) {
          revoke(p, pool, fill, v);
          revoked++;
        }
      }
      for (let k = p.lineStart[t]!; k < p.lineStart[t + 1]! && units > 0; k++) {
        if (p.lineSku[k] !== s) continue;
        const give = Math.min(units, shortOf(p, fill, k));
        fill[k] = fill[k]! + give;
        units -= give;
      }
    }
  }
  const total = takings.reduce((sum, x) => sum + x.units, 0);
  const notes = takings.length === 0 ? [] : [`preemption: ${total} units taken from ${new Set(takings.map((x) => x.victim)).size} orders`];
  if (revoked > 0) notes.push(`preemption: ${revoked} ship-complete orders gave back what they got, being pre-empted`);
  return { takings, notes };
}

/** Units order `i` still needs, per SKU, in line order. */
function shortSkus(p: Problem, fill: Fill, i: number): Map<number, number> {
  const skus = new Map<number, number>();
  for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) {
    const short = shortOf(p, fill, k);
    if (short > 0) skus.set(p.lineSku[k]!, (skus.get(p.lineSku[k]!) ?? 0) + short);
  }
  return skus;
}

function heldOf(p: Problem, i: number, s: number): number {
  let held = 0;
  for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) if (p.lineSku[k] === s) held += p.lineHeld[k]!;
  return held;
}

/** Takes up to `units` held units of SKU `s` from order `i`, last line first; returns how many. */
function release(p: Problem, i: number, s: number, units: number): number {
  let taken = 0;
  for (let k = p.lineStart[i + 1]! - 1; k >= p.lineStart[i]! && taken < units; k--) {
    if (p.lineSku[k] !== s) continue;
    const give = Math.min(p.lineHeld[k]!, units - taken);
    p.lineHeld[k] = p.lineHeld[k]! - give;
    taken += give;
  }
  return taken;
}

function hasFill(p: Problem, fill: Fill, i: number): boolean {
  for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) if (fill[k]! > 0) return true;
  return false;
}
