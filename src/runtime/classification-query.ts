import { z } from 'zod';
import { NodeId, SkuId, type TenantId } from '../domain/ids';
import { LIMITS } from '../domain/limits';
import { own } from '../domain/state';
import type { ClassifiableItemInput } from '../inventory/classification/input';
import { ClassificationPolicy } from '../inventory/classification/policy';
import { classifyInventory, type InventoryClassification } from '../inventory/classification/classify';
import { historyWindow, readDemandHistory } from './demand-history';
import type { Store } from './ports';

const DAY = 24 * 3600 * 1000;

/** Input of `classifyInventory`. */
export const ClassificationQuery = z.strictObject({
  skus: z.array(SkuId).min(1).max(LIMITS.collection * 10),
  /** `sku`: one item per SKU, network-wide (default); `node`: one per node × SKU. */
  by: z.enum(['sku', 'node']).default('sku'),
  /** Only these nodes; absent: every node. */
  nodes: z.array(NodeId).max(LIMITS.collection).optional(),
  /** Days of the demand ledger to classify on, today included. */
  lookbackDays: z.number().int().min(1).max(3_650).default(365),
  policy: ClassificationPolicy.optional(),
});
export type ClassificationQuery = z.input<typeof ClassificationQuery>;

/**
 * ABC by value, XYZ by variability, days of cover, slow-moving, excess and obsolete stock, from
 * the stored positions, the SKUs' unit values and the demand ledger.
 */
export async function readClassification(store: Store, tenant: TenantId, q: z.infer<typeof ClassificationQuery>, now: number): Promise<InventoryClassification> {
  const window = historyWindow(now + DAY, q.lookbackDays);
  const [slice, history] = await Promise.all([
    store.load(tenant, { skus: q.skus, positionsOfSkus: q.skus }),
    readDemandHistory(store, tenant, q.skus, q.nodes, window),
  ]);
  const items: ClassifiableItemInput[] = [];
  for (const [i, sku] of q.skus.entries()) {
    const unitValue = own(slice.skus, sku)?.unitValue ?? 0;
    const onHandAt = (node: NodeId) => own(own(slice.positions, node) ?? {}, sku)?.onHand ?? 0;
    const nodes = (Object.keys(slice.positions) as NodeId[]).filter((n) => own(own(slice.positions, n) ?? {}, sku) && (!q.nodes || q.nodes.includes(n))).sort();
    const series = history[i]!;
    if (q.by === 'sku') {
      items.push(item(sku, undefined, unitValue, nodes.reduce((s, n) => s + onHandAt(n), 0), series.values, window));
    } else {
      const withDemand = new Set<NodeId>([...nodes, ...(Object.keys(series.byNode) as NodeId[])]);
      for (const node of [...withDemand].sort()) items.push(item(sku, node, unitValue, onHandAt(node), own(series.byNode, node) ?? window.map(() => 0), window));
    }
  }
  return classifyInventory(items, q.policy, window[window.length - 1]!);
}

function item(sku: SkuId, node: NodeId | undefined, unitValue: number, onHand: number, demand: readonly number[], window: readonly string[]): ClassifiableItemInput {
  const last = demand.reduce<number>((found, units, i) => (units > 0 ? i : found), -1);
  return {
    sku,
    ...(node === undefined ? {} : { node }),
    unitValue,
    onHand,
    demand: [...demand],
    ...(last >= 0 ? { lastMovementOn: window[last]! } : {}),
  };
}
