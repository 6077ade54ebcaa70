import { createFulfillment, type Store, type TenantId } from 'fulfillkit';
import type { WorkerReport } from './worker';

/** One node `dc` and `skus`, each with `supply` units: the world the contention runs share. */
export async function setUpContention(store: Store, tenant: TenantId, skus: readonly string[], supply: number): Promise<void> {
  const setup = createFulfillment({ store, tenant });
  await setup.defineNode({ id: 'dc' });
  for (const sku of skus) {
    await setup.defineSku({ id: sku });
    await setup.receiveStock({ node: 'dc', sku, quantity: supply });
  }
}

/** The processes' reports summed: how attempts ended, and units granted per SKU. */
export function sumReports(reports: readonly WorkerReport[]): { outcomes: Record<string, number>; granted: Record<string, number> } {
  const outcomes: Record<string, number> = {};
  const granted: Record<string, number> = {};
  for (const r of reports) {
    for (const [code, n] of Object.entries(r.outcomes)) outcomes[code] = (outcomes[code] ?? 0) + n;
    for (const [sku, n] of Object.entries(r.granted)) granted[sku] = (granted[sku] ?? 0) + n;
  }
  return { outcomes, granted };
}
