import {
  type Commit,
  createFulfillment,
  decideInventory,
  type Fulfillment,
  fold,
  isFulfillkitError,
  type NodeId,
  planCommit,
  positionOf,
  type SkuId,
  type Store,
  stamp,
  type TenantId,
} from 'fulfillkit';
import type { Figure } from './figures';

/** The one node and hot SKU the storage benches reserve from. */
const NODE = 'dc';
const SKU = 'hot';

let tenants = 0;

/** A new tenant on `store` with one node, one SKU and `stock` units of it. */
export async function hotSkuWorld(store: Store, stock: number): Promise<Fulfillment> {
  const ff = createFulfillment({ store, tenant: `bench-${process.pid}-${Date.now()}-${tenants++}` });
  await ff.defineNode({ id: NODE });
  await ff.defineSku({ id: SKU });
  await ff.receiveStock({ node: NODE, sku: SKU, quantity: stock });
  return ff;
}

/** Runs `workers` concurrent loops of `op` for `ms`; returns successful ops per second. */
export async function loops(workers: number, ms: number, op: () => Promise<boolean>): Promise<number> {
  const start = performance.now();
  const end = start + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) if (await op()) done += 1;
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/**
 * Commits per second of the store alone: `workers` loops for `ms` send it `count` commits of
 * one-unit holds on `ff`'s hot SKU, decided and planned ahead (each with its own reservation and
 * event ids), as the runtime would per `reserve`. `count` must exceed what a round can use.
 */
export async function commitRate(store: Store, ff: Fulfillment, workers: number, ms: number, count: number): Promise<number> {
  const tenant = ff.tenant as TenantId;
  const slice = await store.load(tenant, { nodes: [NODE as NodeId], skus: [SKU as SkuId], positions: [{ node: NODE as NodeId, sku: SKU as SkuId }] });
  let n = 0;
  const ids = { next: (kind: string) => `${kind}-${process.pid}-${++n}` };
  const commits: Commit[] = Array.from({ length: count }, () => {
    const ctx = { now: Date.now(), tenant, ids };
    const events = stamp(decideInventory({ type: 'ReserveStock', node: NODE as NodeId, lines: [{ sku: SKU as SkuId, quantity: 1 }] }, slice, ctx), ctx);
    return planCommit(slice, fold(slice, events), events);
  });
  let next = 0;
  return loops(workers, ms, async () => next < commits.length && (await store.commit(tenant, commits[next++]!), true));
}

/** One unit of the hot SKU, through the runtime. */
export async function reserveOne(ff: Fulfillment): Promise<boolean> {
  await ff.reserve({ node: NODE, lines: [{ sku: SKU, quantity: 1 }] });
  return true;
}

/**
 * `workers` loops reserve one unit each from 2,000 in stock until refused for stock; the units
 * granted or held beyond the stock are oversold. Returned as the `<name>` figure (target 0).
 */
export async function oversoldFigure(name: string, store: Store, workers: number): Promise<Figure> {
  const stock = 2_000;
  const ff = await hotSkuWorld(store, stock);
  let granted = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        try {
          await reserveOne(ff);
          granted += 1;
        } catch (error) {
          if (isFulfillkitError(error) && error.code === 'INSUFFICIENT_STOCK') return;
          throw error;
        }
      }
    }),
  );
  const slice = await store.load(ff.tenant, { positions: [{ node: NODE as NodeId, sku: SKU as SkuId }] });
  const p = positionOf(slice, NODE as NodeId, SKU as SkuId);
  const reserved = (p?.reserved ?? 0) + (p?.allocated ?? 0);
  const oversold = Math.max(0, granted - stock, reserved - stock);
  return {
    name,
    value: oversold,
    unit: 'units',
    baseline: null,
    ratio: null,
    target: '= 0',
    pass: oversold === 0,
    note: `${workers} workers, stock ${stock}: granted ${granted}, reserved ${reserved}`,
  };
}
