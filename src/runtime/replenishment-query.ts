import { z } from 'zod';
import { NodeId, SkuId, type TenantId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { emptyPosition, own } from '../domain/state';
import { localDate } from '../domain/time';
import { LeadTime } from '../inventory/replenishment/figures';
import type { ReplenishmentItemInput } from '../inventory/replenishment/item';
import { ReplenishmentPolicy } from '../inventory/replenishment/policy';
import type { ReplenishmentSuggestion } from '../inventory/replenishment/suggestion';
import { suggestReplenishment } from '../inventory/replenishment/suggest';
import { historyWindow, readDemandHistory } from './demand-history';
import type { Store } from './ports';

/** Input of `suggestReplenishment`. */
export const ReplenishmentQuery = z.strictObject({
  skus: z.array(SkuId).min(1).max(LIMITS.collection),
  /** Only these nodes; absent: every node holding or expecting the SKUs. */
  nodes: z.array(NodeId).max(LIMITS.collection).optional(),
  policy: ReplenishmentPolicy,
  /** Supplier lead time to every node (and its spread). */
  leadTime: LeadTime,
  /** How long a transfer from one node to another takes; absent: no transfers are suggested. */
  transferLeadTimeDays: z.number().int().min(0).max(3_650).optional(),
  /** Completed days of the demand ledger the mean and spread of daily demand come from. */
  lookbackDays: z.number().int().min(2).max(3_650).default(90),
  /** Unit cost of SKUs without a `unitValue` (EOQ needs one). */
  defaultUnitCost: z.number().min(1e-6).max(1e12).default(1),
});
export type ReplenishmentQuery = z.input<typeof ReplenishmentQuery>;

/**
 * Builds one replenishment item per node × SKU from what the store holds (position, open inbound,
 * daily demand over the lookback) and asks the replenishment engine what to buy or move.
 */
export async function readReplenishment(store: Store, tenant: TenantId, q: z.infer<typeof ReplenishmentQuery>, now: number): Promise<ReplenishmentSuggestion[]> {
  const slice = await store.load(tenant, { skus: q.skus, positionsOfSkus: q.skus, openInboundOfSkus: q.skus });
  const history = await readDemandHistory(store, tenant, q.skus, q.nodes, historyWindow(now, q.lookbackDays));
  const items: ReplenishmentItemInput[] = [];
  for (const [i, sku] of q.skus.entries()) {
    const byNode = history[i]!.byNode;
    const inbound = Object.values(slice.inbound).filter((r) => r.sku === sku && r.status === 'open');
    const nodes = new Set<NodeId>([
      ...(Object.keys(slice.positions) as NodeId[]).filter((n) => own(own(slice.positions, n) ?? {}, sku)),
      ...inbound.map((r) => r.node),
      ...(Object.keys(byNode) as NodeId[]),
    ]);
    for (const node of [...nodes].sort()) {
      if (q.nodes && !q.nodes.includes(node)) continue;
      const p = own(own(slice.positions, node) ?? {}, sku) ?? emptyPosition(node, sku);
      const daily = own(byNode, node) ?? [];
      items.push({
        node,
        sku,
        onHand: p.onHand,
        reserved: p.reserved,
        allocated: p.allocated,
        ...(p.safety > 0 ? { safety: p.safety } : {}),
        inbound: inbound.filter((r) => r.node === node).map((r) => ({ quantity: r.quantity - r.received, expectedAt: r.expectedAt.slice(0, 10) })),
        demand: meanAndSpread(daily, q.lookbackDays),
        leadTime: q.leadTime,
        unitCost: own(slice.skus, sku)?.unitValue || q.defaultUnitCost,
        ...(q.transferLeadTimeDays === undefined ? {} : { transferLeadTimeDays: q.transferLeadTimeDays }),
      });
    }
  }
  return suggestReplenishment(items, q.policy, localDate(now, 'UTC'));
}

/** Mean and (population) standard deviation of daily demand; days without a record count as 0. */
function meanAndSpread(daily: readonly number[], days: number): { meanPerDay: number; sdPerDay: number } {
  const values = daily.length === days ? daily : [...daily, ...Array<number>(days - daily.length).fill(0)];
  const mean = values.reduce((s, v) => s + v, 0) / days;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / days;
  return { meanPerDay: mean, sdPerDay: Math.sqrt(variance) };
}
