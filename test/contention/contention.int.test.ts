import type { TenantId } from 'fulfillkit';
import { uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, REDIS_URL, serverAvailable } from '../support/servers';
import { checkStore, reservedBySku } from './checks';
import { openStore, type StoreKind } from './open-store';
import { removeBundles, runWorkers } from './spawn';
import { setUpContention, sumReports } from './world';

afterAll(removeBundles);

/**
 * The contention suite, smaller (full size in `npm run bench`): 4 processes × 8 workers
 * on 10 SKUs, multi-line orders with repeated SKUs in random order, total demand ~64× supply.
 */
const SHAPE = { processes: 4, workers: 8, attempts: 200, skus: 10 } as const;
// Expected units asked per attempt: 2.5 lines × 2 units, spread over the SKUs; supply is 1/64 of demand.
const SUPPLY = Math.max(1, Math.round((SHAPE.processes * SHAPE.workers * SHAPE.attempts * 5) / SHAPE.skus / 64));

const servers: [StoreKind, string, string][] = [
  ['postgres', 'PostgreSQL', POSTGRES_URL],
  ['redis', 'Redis', REDIS_URL],
];

for (const [kind, name, url] of servers) {
  const available = await serverAvailable(name, url);
  describe.skipIf(!available)(`${name}: contention across processes`, () => {
    it(`${SHAPE.processes} processes × ${SHAPE.workers} workers × ${SHAPE.attempts} orders on ${SHAPE.skus} SKUs: nothing oversold, granted = removed`, async () => {
      const tenant = uniqueTenant(`contention-${kind}`) as TenantId;
      const skus = Array.from({ length: SHAPE.skus }, (_, i) => `sku-${i}`);
      const { store, close } = await openStore(kind);
      try {
        await setUpContention(store, tenant, skus, SUPPLY);
        const reports = await runWorkers(
          Array.from({ length: SHAPE.processes }, (_, p) => ({ kind, tenant, node: 'dc', skus, workers: SHAPE.workers, attempts: SHAPE.attempts, seed: 1_000 + p })),
        );
        const { outcomes, granted } = sumReports(reports);
        // Every attempt ends placed or refused for want of stock: no deadlock, conflict or driver error reaches a caller.
        expect(Object.keys(outcomes).sort()).toEqual(expect.arrayContaining(['placed']));
        expect(Object.keys(outcomes).filter((c) => c !== 'placed' && c !== 'INSUFFICIENT_STOCK'), JSON.stringify(outcomes)).toEqual([]);
        const stored = await checkStore(store, tenant, 'dc', Object.fromEntries(skus.map((s) => [s, SUPPLY])));
        const reserved = reservedBySku(stored, 'dc');
        for (const sku of skus) expect(reserved[sku] ?? 0, `units granted for ${sku} = units removed from what can be promised`).toBe(granted[sku] ?? 0);
        // Demand is ~64× supply: nearly all stock should be gone (a refusal saw a real shortage).
        expect(Object.values(reserved).reduce((a, b) => a + b, 0)).toBeGreaterThan(SUPPLY * SHAPE.skus * 0.8);
      } finally {
        await close();
      }
    }, 300_000);
  });
}
