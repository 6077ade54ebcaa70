import type { NodeId, SkuId, TenantId } from 'fulfillkit';
import { replayAndLoad } from 'fulfillkit/testing';
import { openStore, type StoreKind } from '../test/contention/open-store';
import { removeBundles, runWorkers } from '../test/contention/spawn';
import { setUpContention, sumReports } from '../test/contention/world';
import { POSTGRES_URL, REDIS_URL, reachable } from '../test/support/servers';
import type { Figure } from './figures';

const SHAPE = { processes: 4, workers: 8, attempts: 2_000, skus: 10 } as const;
// ~2.5 lines × 2 units per attempt; supply is 1/64 of the demand.
const SUPPLY = Math.round((SHAPE.processes * SHAPE.workers * SHAPE.attempts * 5) / SHAPE.skus / 64);
const URLS: Record<StoreKind, string> = { postgres: POSTGRES_URL, redis: REDIS_URL };

/**
 * The contention suite at full size (the tests run it smaller): 4 processes × 8 workers × 2,000
 * multi-line orders with repeated SKUs in random order on 10 SKUs, demand ~64× supply, against
 * each server. `<server>.contention_oversold_units` counts units reserved beyond on hand; it
 * passes only when that is 0, units granted equal units removed from what can be promised, and
 * every attempt ended placed or refused for stock (no deadlock or driver error reached a caller).
 */
export async function contentionFigures(): Promise<Figure[]> {
  const figures: Figure[] = [];
  try {
    for (const kind of ['postgres', 'redis'] as const) {
      if (!(await reachable(URLS[kind], 1_000))) {
        console.warn(`[bench] ${kind} is not reachable: skipping ${kind}.contention_oversold_units.`);
        continue;
      }
      figures.push(await contention(kind));
    }
  } finally {
    removeBundles();
  }
  return figures;
}

async function contention(kind: StoreKind): Promise<Figure> {
  const tenant = `bench-contention-${process.pid}-${Date.now()}` as TenantId;
  const skus = Array.from({ length: SHAPE.skus }, (_, i) => `sku-${i}`);
  const { store, close } = await openStore(kind, { url: URLS[kind] });
  try {
    await setUpContention(store, tenant, skus, SUPPLY);
    const started = performance.now();
    const reports = await runWorkers(
      Array.from({ length: SHAPE.processes }, (_, p) => ({ kind, tenant, node: 'dc', skus, workers: SHAPE.workers, attempts: SHAPE.attempts, seed: 9_000 + p, url: URLS[kind] })),
    );
    const seconds = (performance.now() - started) / 1000;
    const { outcomes, granted } = sumReports(reports);
    const { stored } = await replayAndLoad(store, tenant);
    let oversold = 0;
    let mismatched = 0;
    for (const sku of skus) {
      const p = stored.positions['dc' as NodeId]?.[sku as SkuId];
      const taken = (p?.reserved ?? 0) + (p?.allocated ?? 0);
      oversold += Math.max(0, taken - (p?.onHand ?? 0));
      mismatched += Math.abs(taken - (granted[sku] ?? 0));
    }
    const unexpected = Object.entries(outcomes).filter(([code]) => code !== 'placed' && code !== 'INSUFFICIENT_STOCK');
    return {
      name: `${kind}.contention_oversold_units`,
      value: oversold,
      unit: 'units',
      baseline: null,
      ratio: null,
      target: '= 0',
      pass: oversold === 0 && mismatched === 0 && unexpected.length === 0,
      note: `${SHAPE.processes} processes × ${SHAPE.workers} workers × ${SHAPE.attempts} orders on ${SHAPE.skus} SKUs of ${SUPPLY} units in ${seconds.toFixed(0)} s; outcomes ${JSON.stringify(outcomes)}; granted ≠ removed by ${mismatched} units`,
    };
  } finally {
    await close();
  }
}
