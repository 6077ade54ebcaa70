import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import pg from 'pg';
import { type Figure, figure } from './figures';
import { hotSkuWorld, loops, oversoldFigure, commitRate, reserveOne } from './hot-sku';
import { POSTGRES_URL } from '../test/support/servers';

const SCHEMA = 'fulfillkit_bench';
const POOL_SIZE = 10;
const ROUND_MS = 2_000;
const ROUNDS = 2;
/** More commits than a round can use, planned ahead of it. */
const COMMITS = 20_000;

/**
 * Reservations per second on one hot SKU through a pg Pool of 10, at 8 and 32 concurrent
 * workers, each running the runtime's `reserve` of one unit in a loop. The limit, measured in the
 * same run at the same concurrency on the same pool: a bare guarded
 * `UPDATE … SET available = available - 1 WHERE … AND available >= 1` in autocommit, the least a
 * server can do per reservation. Rounds alternate between the two, best of each kept. Beside it,
 * without a target, the store's commit alone on the same pool (the runtime's commits for one-unit
 * holds, planned ahead): a reservation is that plus a load, two round trips to the bare loop's one.
 * Then 32 workers reserve from a small stock until it runs out: units granted beyond it are oversold.
 */
export async function postgresFigures(): Promise<Figure[]> {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: POOL_SIZE, connectionTimeoutMillis: 2_000 });
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    console.warn(`[bench] PostgreSQL is not reachable at ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//')} (${String(error)}): skipping the postgres figures.`);
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
      let commitsOnly = 0;
      for (let round = 0; round < ROUNDS; round++) {
        bare = Math.max(bare, await bareRate(pool, workers));
        const ff = await hotSkuWorld(store, 1_000_000_000);
        ours = Math.max(ours, await loops(workers, ROUND_MS, () => reserveOne(ff)));
        commitsOnly = Math.max(commitsOnly, await commitRate(store, ff, workers, ROUND_MS, COMMITS));
      }
      figures.push(
        figure(`postgres.reservations_per_s.${workers}_workers`, ours, 'holds/s', bare, { op: '>=', limit: 0.5 }, `guide >= 1,000; baseline: bare guarded UPDATE, ${workers} workers, pool of ${POOL_SIZE}`),
        figure(
          `postgres.commits_per_s.${workers}_workers`,
          commitsOnly,
          'commits/s',
          bare,
          null,
          `the store's commit alone (one round trip, as the bare UPDATE): each reservation's commit decided ahead; a reservation adds its load's round trip. No target: it shows where the ratio above goes`,
        ),
      );
    }
    figures.push(await oversoldFigure('postgres.oversold_units', store, 32));
    return figures;
  } finally {
    await pool.end();
  }
}

async function bareRate(pool: pg.Pool, workers: number): Promise<number> {
  await pool.query(`INSERT INTO "${SCHEMA}".bare_stock (id, available) VALUES (1, 1000000000) ON CONFLICT (id) DO UPDATE SET available = 1000000000`);
  const sql = `UPDATE "${SCHEMA}".bare_stock SET available = available - 1 WHERE id = 1 AND available >= 1`;
  return loops(workers, ROUND_MS, async () => ((await pool.query(sql)).rowCount ?? 0) === 1);
}
