import pg from 'pg';
import { createFulfillment, type TenantId } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('PostgreSQL', POSTGRES_URL);
const schema = `fk_scale_${process.pid}`;
const MANY = 5_000;

/**
 * A load and a commit read the rows they name, however many the tenant has: their plans are made
 * once per connection and kept, so a plan chosen while the tenant was small (scan the tenant's
 * rows, then hash-join the keys) would otherwise stay and read every row as the tenant grows.
 * Counted with the transaction's own table statistics, not timed.
 */
describe.skipIf(!available)('PostgreSQL: cost follows the slice, not the tenant', () => {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 2 });
  afterAll(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool.end();
  });

  it(`a reservation's load and a release's commit read a handful of entity rows with ${MANY} in the tenant`, async () => {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await migrate(pool, { schema });
    const tenant = uniqueTenant('scale') as TenantId;
    const setup = createFulfillment({ store: postgresStore({ client: pool, schema }), tenant });
    await setup.defineNode({ id: 'dc' });
    await setup.defineSku({ id: 'tee' });
    await setup.receiveStock({ node: 'dc', sku: 'tee', quantity: 100 });
    const [held] = await setup.reserve({ node: 'dc', lines: [{ sku: 'tee', quantity: 1 }] });
    // Statistics of a small tenant, then many more rows: what a long-lived connection sees.
    await pool.query(`ANALYZE "${schema}".entities`);
    await pool.query(
      `INSERT INTO "${schema}".entities (tenant, kind, id, version, value) SELECT $1, 'reservation', 'bulk-' || g, 1, '{}'::jsonb FROM generate_series(1, $2) g`,
      [tenant, MANY],
    );
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const ff = createFulfillment({ store: postgresStore({ client, schema }), tenant });
      const read = async (work: () => Promise<unknown>) => {
        await client.query('BEGIN');
        try {
          await work();
          const { rows } = await client.query(
            `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS rows FROM pg_stat_xact_user_tables WHERE schemaname = $1 AND relname = 'entities'`,
            [schema],
          );
          return Number(rows[0]?.rows ?? 0);
        } finally {
          await client.query('ROLLBACK');
        }
      };
      // Warm the connection's plans first, as a service does.
      await read(() => ff.reserve({ node: 'dc', lines: [{ sku: 'tee', quantity: 1 }] }));
      expect(await read(() => ff.getAvailability('tee')), 'availability').toBeLessThan(50);
      expect(await read(() => ff.reserve({ node: 'dc', lines: [{ sku: 'tee', quantity: 1 }] })), 'reserve').toBeLessThan(50);
      expect(await read(() => ff.releaseReservations({ reservations: [held!.id] })), 'release').toBeLessThan(50);
      const slice = await ff.getReservation(held!.id);
      expect(slice?.status, 'the release was rolled back with its transaction').toBe('active');
    } finally {
      await client.end();
    }
  }, 120_000);
});
