import { apportion } from './apportion';
import type { Pool } from './pool';
import type { Problem } from './problem';
import type { Fill } from './sequence';

/**
 * Fair share. Per SKU, the lines that want it split its supply in proportion to the units they
 * want (`apportion`: largest remainder, ties first in first out). Ring-fenced units are split first
 * among their channel's lines, then the shared units among what every line still wants.
 *
 * A ship-complete order the split leaves short on any SKU gets nothing: on that SKU, the short
 * ship-complete orders are dropped, the latest first, until the SKU's demand fits its supply (at
 * least one), and the SKU is split again; every other SKU a dropped order wanted is split again
 * too. SKUs are worked through a queue in index order until no split leaves a ship-complete order
 * short. Returns notes for the trace.
 */
export function fairShare(p: Problem, pool: Pool, fill: Fill): string[] {
  const n = p.orders.length;
  const m = p.skus.length;
  const lineCount = p.lineSku.length;
  const orderOf = new Int32Array(lineCount);
  const need = new Float64Array(lineCount);
  const count = new Int32Array(m + 1);
  for (let i = 0; i < n; i++) {
    for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) {
      orderOf[k] = i;
      need[k] = p.lineQuantity[k]! - p.lineHeld[k]!;
      if (need[k]! > 0) count[p.lineSku[k]! + 1]!++;
    }
  }
  for (let s = 0; s < m; s++) count[s + 1] = count[s + 1]! + count[s]!;
  const claimStart = Int32Array.from(count);
  const claims = new Int32Array(count[m]!);
  const next = Int32Array.from(count);
  for (let k = 0; k < lineCount; k++) if (need[k]! > 0) claims[next[p.lineSku[k]!]!++] = k;

  const fences = fencesBySku(p);
  const active = new Uint8Array(n).fill(1);
  const share = new Float64Array(lineCount);
  const ctx: Split = { p, pool, need, share, orderOf, rest: fences.size > 0 ? new Float64Array(lineCount) : share };
  const queued = new Uint8Array(m);
  const queue: number[] = [];
  for (let s = 0; s < m; s++) {
    if (claimStart[s + 1]! > claimStart[s]!) {
      queue.push(s);
      queued[s] = 1;
    }
  }
  let dropped = 0;
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    queued[s] = 0;
    for (;;) {
      const lines: number[] = [];
      let demand = 0;
      for (let j = claimStart[s]!; j < claimStart[s + 1]!; j++) {
        const k = claims[j]!;
        if (active[orderOf[k]!] === 0) continue;
        lines.push(k);
        share[k] = 0;
        demand += need[k]!;
      }
      const supply = split(ctx, s, lines, fences.get(s));
      // Ship-complete orders left short on this SKU, latest first.
      const short: number[] = [];
      for (let j = lines.length - 1; j >= 0; j--) {
        const k = lines[j]!;
        const i = orderOf[k]!;
        if (p.shipComplete[i] === 1 && share[k]! < need[k]! && short[short.length - 1] !== i) short.push(i);
      }
      if (short.length === 0) break;
      const excess = Math.max(1, demand - supply);
      let freed = 0;
      for (const i of short) {
        if (freed >= excess) break;
        active[i] = 0;
        dropped++;
        for (let k = p.lineStart[i]!; k < p.lineStart[i + 1]!; k++) {
          const t = p.lineSku[k]!;
          if (t === s) freed += need[k]!;
          else if (queued[t] === 0 && need[k]! > 0) {
            queued[t] = 1;
            queue.push(t);
          }
        }
      }
    }
  }
  for (let k = 0; k < lineCount; k++) {
    const i = orderOf[k]!;
    if (active[i] === 0 || share[k]! <= 0 || need[k]! <= 0) continue;
    pool.take(p.channel[i]!, p.lineSku[k]!, share[k]!);
    fill[k] = share[k]!;
  }
  return [`fair-share: ${dropped} ship-complete orders dropped from the split`, `fair-share: ${queue.length} SKU splits`];
}

/** What splitting a SKU works with; `rest` is scratch space, one slot per line. */
interface Split {
  readonly p: Problem;
  readonly pool: Pool;
  readonly need: Float64Array;
  readonly share: Float64Array;
  readonly orderOf: Int32Array;
  readonly rest: Float64Array;
}

/** Splits SKU `s` among `lines`: fences among their channel's lines first, then the shared units. Returns the units the SKU has. */
function split(ctx: Split, s: number, lines: readonly number[], fenced: readonly (readonly [number, number])[] | undefined): number {
  const { p, need, share, rest } = ctx;
  const shared = ctx.pool.shared[s]!;
  if (fenced === undefined) {
    apportion(lines, need, shared, share);
    return shared;
  }
  let supply = shared;
  for (const [c, units] of fenced) {
    supply += units;
    apportion(
      lines.filter((k) => p.channel[ctx.orderOf[k]!] === c),
      need,
      units,
      share,
    );
  }
  const wanting: number[] = [];
  for (const k of lines) {
    rest[k] = need[k]! - share[k]!;
    if (rest[k]! > 0) wanting.push(k);
  }
  apportion(wanting, rest, shared, share);
  return supply;
}

/** Each fenced SKU's fences: [channel, units], by channel index. */
function fencesBySku(p: Problem): Map<number, [number, number][]> {
  const bySku = new Map<number, [number, number][]>();
  p.quota.forEach((q, c) => {
    q?.forEach((units, s) => {
      const list = bySku.get(s) ?? [];
      list.push([c, units]);
      bySku.set(s, list);
    });
  });
  return bySku;
}
