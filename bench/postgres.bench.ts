import { createFulfillment, type Fulfillment, isFulfillkitError, type NodeId, positionOf, type SkuId, type Store } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import pg from 'pg';
import type { Figure } from './figures';
import { figure } from './figures';

const URL = process.env.FULFILLKIT_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = 'fulfillkit_bench';
const POOL_SIZE = 10;
const ROUND_MS = 2_000;
const ROUNDS = 2;
const NODE = 'dc';
const SKU = 'hot';

/**
 * Reservations per second on one hot SKU through a pg Pool of 10, at 8 and 32 concurrent
 * workers, each running the runtime's `reserve` of one unit in a loop. The limit, measured in the
 * same run at the same concurrency on the same pool: a bare guarded
 * `UPDATE … SET available = available - 1 WHERE … AND available >= 1` in autocommit, the least a
 * server can do per reservation. Rounds alternate between the two, best of each kept.
 * Then 32 workers reserve from a small stock until it runs out: units granted beyond it are oversold.
 */
export async function postgresFigures(): Promise<Figure[]> {
  const pool = new pg.Pool({ connectionString: URL, max: POOL_SIZE, connectionTimeoutMillis: 2_000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    console.warn(`[bench] PostgreSQL is not reachable at ${URL.replace(/\/\/[^@]*@/, '//')} (${String(error)}): skipping the postgres figures.`);
    await pool.end().catch(() => undefined);
    return [];
  }
  try {
    await migrate(pool, { schema: SCHEMA });
    // Plans are made with the statistics of what earlier runs left, as on a server in service.
    await pool.query(`ANALYZE "${SCHEMA}".entities, "${SCHEMA}".positions, "${SCHEMA}".journal`);
    await pool.query(`CREATE TABLE IF NOT EXISTS "${SCHEMA}".bare_stock (id integer PRIMARY KEY, available bigint NOT NULL)`);
    const store = postgresStore({ client: pool, schema: SCHEMA });
    const figures: Figure[] = [];
    for (const workers of [8, 32]) {
      let bare = 0;
      let ours = 0;
      for (let round = 0; round < ROUNDS; round++) {
        bare = Math.max(bare, await bareRate(pool, workers));
        ours = Math.max(ours, await runtimeRate(await world(store, 1_000_000_000), workers));
      }
      figures.push(
        figure(`postgres.reservations_per_s.${workers}_workers`, ours, 'holds/s', bare, { op: '>=', limit: 0.5 }, `guide >= 1,000; baseline: bare guarded UPDATE, ${workers} workers, pool of ${POOL_SIZE}`),
      );
    }
    const oversold = await oversell(store, await world(store, 2_000), 32);
    figures.push({
      name: 'postgres.oversold_units',
      value: oversold.oversold,
      unit: 'units',
      baseline: null,
      ratio: null,
      target: '= 0',
      pass: oversold.oversold === 0,
      note: `32 workers, stock ${oversold.stock}: granted ${oversold.granted}, reserved ${oversold.reserved}`,
    });
    return figures;
  } finally {
    await pool.end();
  }
}

let tenants = 0;
async function world(store: Store, stock: number): Promise<Fulfillment> {
  const ff = createFulfillment({ store, tenant: `bench-${process.pid}-${Date.now()}-${tenants++}` });
  await ff.defineNode({ id: NODE });
  await ff.defineSku({ id: SKU });
  await ff.receiveStock({ node: NODE, sku: SKU, quantity: stock });
  return ff;
}

/** Runs `workers` loops of `op` for ROUND_MS; returns successful ops per second. */
async function loops(workers: number, op: () => Promise<boolean>): Promise<number> {
  const end = performance.now() + ROUND_MS;
  const start = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) if (await op()) done += 1;
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

async function bareRate(pool: pg.Pool, workers: number): Promise<number> {
  await pool.query(`INSERT INTO "${SCHEMA}".bare_stock (id, available) VALUES (1, 1000000000) ON CONFLICT (id) DO UPDATE SET available = 1000000000`);
  const sql = `UPDATE "${SCHEMA}".bare_stock SET available = available - 1 WHERE id = 1 AND available >= 1`;
  return loops(workers, async () => ((await pool.query(sql)).rowCount ?? 0) === 1);
}

async function runtimeRate(ff: Fulfillment, workers: number): Promise<number> {
  return loops(workers, async () => {
    await ff.reserve({ node: NODE, lines: [{ sku: SKU, quantity: 1 }] });
    return true;
  });
}

async function oversell(store: Store, ff: Fulfillment, workers: number) {
  const stock = 2_000;
  let granted = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        try {
          await ff.reserve({ node: NODE, lines: [{ sku: SKU, quantity: 1 }] });
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
  return { stock, granted, reserved, oversold: Math.max(0, granted - stock, reserved - stock) };
}
