import type { PromiseStock } from './promise-input';

/** When a node has every unit of some lines: now, or the arrival that completes the last line. */
export interface StockReady {
  /** Epoch ms; undefined when stock now and inbound within the horizon do not cover a line. */
  readonly at: number | undefined;
  readonly notes: readonly string[];
}

/**
 * The earliest moment a node holds every line's units: available now, or available plus inbound
 * arriving by then (summed per SKU, so a SKU on two lines counts once).
 *
 * @example
 * ```ts
 * stockReady([{ sku: 'tee', quantity: 5 }], stockOf('hub'), now, now + 60 * DAY) // { at: now, notes: ['tee: 5 of 12 available now'] }
 * ```
 */
export function stockReady(
  lines: readonly { readonly sku: string; readonly quantity: number }[],
  stock: ReadonlyMap<string, PromiseStock>,
  now: number,
  until: number,
): StockReady {
  const needed = new Map<string, number>();
  for (const l of lines) needed.set(l.sku, (needed.get(l.sku) ?? 0) + l.quantity);
  let at = now;
  const notes: string[] = [];
  for (const [sku, quantity] of [...needed].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const s = stock.get(sku);
    const available = s?.available ?? 0;
    if (available >= quantity) {
      notes.push(`${sku}: ${quantity} of ${available} available now`);
      continue;
    }
    let have = available;
    let covered: number | undefined;
    for (const arrival of [...(s?.inbound ?? [])].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
      const when = Math.max(now, Date.parse(arrival.at));
      if (when > until) break;
      have += arrival.quantity;
      if (have >= quantity) {
        covered = when;
        break;
      }
    }
    if (covered === undefined) {
      notes.push(`${sku}: ${quantity} needed, ${available} available and ${have - available} inbound within the horizon`);
      return { at: undefined, notes };
    }
    notes.push(`${sku}: ${available} available now, the rest inbound by ${new Date(covered).toISOString()}`);
    at = Math.max(at, covered);
  }
  return { at, notes };
}
