import { addDays, formatISO, parseISO } from 'date-fns';
import type { NodeId, SkuId, TenantId } from '../domain/ids';
import { own } from '../domain/state';
import type { Store } from './ports';

/** Daily demand of one SKU (at some nodes or all) over completed UTC days, oldest first. */
export interface DemandHistorySeries {
  readonly sku: SkuId;
  /** The first and last day of the series (inclusive, UTC). */
  readonly from: string;
  readonly to: string;
  /** Units consumed each day; days without consumption are 0. */
  readonly values: readonly number[];
  /** The same, per node. */
  readonly byNode: Readonly<Record<string, readonly number[]>>;
}

/**
 * The completed UTC days before `now`: the last `days` of them, oldest first.
 *
 * @example
 * ```ts
 * historyWindow(Date.parse('2026-03-27T10:00Z'), 3) // ['2026-03-24', '2026-03-25', '2026-03-26']
 * ```
 */
export function historyWindow(now: number, days: number): string[] {
  const today = parseISO(new Date(now).toISOString().slice(0, 10));
  return Array.from({ length: days }, (_, i) => formatISO(addDays(today, i - days), { representation: 'date' }));
}

/**
 * Reads the demand ledger of SKUs into daily series over a window of days.
 *
 * @example
 * ```ts
 * const [tee] = await readDemandHistory(store, tenant, ['tee-m'], undefined, historyWindow(now, 90))
 * ```
 */
export async function readDemandHistory(
  store: Store,
  tenant: TenantId,
  skus: readonly SkuId[],
  nodes: readonly NodeId[] | undefined,
  window: readonly string[],
): Promise<DemandHistorySeries[]> {
  const from = window[0]!;
  const to = window[window.length - 1]!;
  const slice = await store.load(tenant, { demand: { skus, ...(nodes ? { nodes } : {}), from, to } });
  return skus.map((sku) => {
    const bySku = own(slice.demand, sku) ?? {};
    const byNode: Record<string, number[]> = {};
    for (const node of Object.keys(bySku).sort()) {
      const days = own(bySku, node as NodeId) ?? {};
      byNode[node] = window.map((day) => own(days, day) ?? 0);
    }
    const values = window.map((_, i) => Object.values(byNode).reduce((sum, series) => sum + (series[i] ?? 0), 0));
    return { sku, from, to, values, byNode };
  });
}
