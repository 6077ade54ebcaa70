import pg from 'pg';
import { createFulfillment, type TenantId } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { POSTGRES_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('PostgreSQL', POSTGRES_URL);
const schema = `fk_scale_${process.pid}`;
const MANY = 5_000;
/** The start of an INSERT of entity rows with these helper columns. */
const into = (columns: string) => `INSERT INTO "${schema}".entities (tenant, kind, id, version, value, ${columns})`;

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
      const read = entityRowsRead(client);
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

  it(`live departures of a node and due releases read a handful of entity rows with ${MANY} of each in the tenant`, async () => {
    await migrate(pool, { schema });
    const tenant = uniqueTenant('scale') as TenantId;
    const store = postgresStore({ client: pool, schema });
    const later = Date.parse('2030-01-01T00:00:00.000Z');
    await pool.query(`${into('node, open')} VALUES ($1, 'departure', 'dc-truck', 1, '{"id":"dc-truck","node":"dc"}'::jsonb, 'dc', true)`, [tenant]);
    await pool.query(`${into('status, placed_at, due_ms')} VALUES ($1, 'order', 'due-1', 1, '{"id":"due-1"}'::jsonb, 'reserved', '', $2::bigint)`, [tenant, later - 1]);
    await pool.query(`ANALYZE "${schema}".entities`);
    // Many departures at other nodes (and dead ones at this one), many orders waiting past the instant asked for.
    await pool.query(
      `${into('node, open')} SELECT $1, 'departure', 'far-' || g, 1, '{}'::jsonb, CASE WHEN g % 2 = 0 THEN 'dc' ELSE 'far-' || g END, g % 2 = 1 FROM generate_series(1, $2) g`,
      [tenant, MANY],
    );
    await pool.query(
      `${into('status, placed_at, due_ms')} SELECT $1, 'order', 'later-' || g, 1, '{}'::jsonb, 'reserved', '', $3::bigint + g FROM generate_series(1, $2) g`,
      [tenant, MANY, later],
    );
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const own = postgresStore({ client, schema });
      const read = entityRowsRead(client);
      const dc = { departuresOfNodes: ['dc' as never] };
      // Warm the connection's plans (pg turns a prepared statement generic after five runs).
      for (let i = 0; i < 6; i++) {
        await own.load(tenant, dc);
        await own.findDueReleases(tenant, new Date(later).toISOString(), 10);
      }
      expect(Object.keys((await store.load(tenant, dc)).departures)).toEqual(['dc-truck']);
      expect(await read(() => own.load(tenant, dc)), 'departures of a node').toBeLessThan(50);
      expect(await own.findDueReleases(tenant, new Date(later).toISOString(), 10)).toEqual(['due-1']);
      expect(await read(() => own.findDueReleases(tenant, new Date(later).toISOString(), 10)), 'due releases').toBeLessThan(50);
    } finally {
      await client.end();
    }
  }, 120_000);

  it(`open inbound, due reservations and orders by status read a handful of entity rows with ${MANY} of each in the tenant`, async () => {
    await migrate(pool, { schema });
    const tenant = uniqueTenant('scale') as TenantId;
    const inbound = (id: string, sku: string) => JSON.stringify({ id, node: 'dc', sku, kind: 'po', quantity: 1, received: 0, expectedAt: '2030-01-02T00:00:00.000Z', status: 'open', version: 1 });
    await pool.query(`${into('sku, open')} VALUES ($1, 'inbound', 'po-1', 1, $2::jsonb, 'tee', true)`, [tenant, inbound('po-1', 'tee')]);
    const now = Date.parse('2030-01-01T00:00:00.000Z');
    await pool.query(`${into('due_ms')} VALUES ($1, 'reservation', 'due-1', 1, '{"id":"due-1"}'::jsonb, $2::bigint)`, [tenant, now - 1]);
    await pool.query(`${into('status, placed_at')} VALUES ($1, 'order', 'held-1', 1, '{"id":"held-1"}'::jsonb, 'on-hold', '2030')`, [tenant]);
    await pool.query(`ANALYZE "${schema}".entities`);
    // Many reservations due later, many orders in another status.
    await pool.query(`${into('due_ms')} SELECT $1, 'reservation', 'later-' || g, 1, '{}'::jsonb, $3::bigint + g FROM generate_series(1, $2) g`, [tenant, MANY, now]);
    await pool.query(`${into('status, placed_at')} SELECT $1, 'order', 'o-' || g, 1, '{}'::jsonb, 'reserved', '2029' FROM generate_series(1, $2) g`, [tenant, MANY]);
    // Many closed inbound of the SKU, and open inbound of others.
    await pool.query(
      `${into('sku, open')} SELECT $1, 'inbound', 'po-x' || g, 1, '{}'::jsonb, CASE WHEN g % 2 = 0 THEN 'tee' ELSE 'sku-' || g END, g % 2 = 1 FROM generate_series(1, $2) g`,
      [tenant, MANY],
    );
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      const own = postgresStore({ client, schema });
      const read = entityRowsRead(client);
      const tee = { openInboundOfSkus: ['tee' as never] };
      const at = new Date(now).toISOString();
      // Warm the connection's plans (pg turns a prepared statement generic after five runs).
      for (let i = 0; i < 6; i++) {
        await own.load(tenant, tee);
        await own.findDueReservations(tenant, at, 10);
        await own.findOrdersByStatus(tenant, 'on-hold', 10);
      }
      expect(Object.keys((await own.load(tenant, tee)).inbound)).toEqual(['po-1']);
      expect(await read(() => own.load(tenant, tee)), 'open inbound of a SKU').toBeLessThan(50);
      expect(await own.findDueReservations(tenant, at, 10)).toEqual(['due-1']);
      expect(await read(() => own.findDueReservations(tenant, at, 10)), 'due reservations').toBeLessThan(50);
      expect(await own.findOrdersByStatus(tenant, 'on-hold', 10)).toEqual(['held-1']);
      expect(await read(() => own.findOrdersByStatus(tenant, 'on-hold', 10)), 'orders by status').toBeLessThan(50);
    } finally {
      await client.end();
    }
  }, 120_000);
});

/**
 * Rows of the entity table a piece of work reads, inside a transaction rolled back afterwards.
 * The backend's counters may still hold earlier transactions' reads (they are flushed at most once
 * a second, and never inside a transaction): the work's own reads are the difference.
 */
function entityRowsRead(client: pg.Client) {
  const counted = async () => {
    const { rows } = await client.query(
      `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS rows FROM pg_stat_xact_user_tables WHERE schemaname = $1 AND relname = 'entities'`,
      [schema],
    );
    return Number(rows[0]?.rows ?? 0);
  };
  return async (work: () => Promise<unknown>) => {
    await client.query('BEGIN');
    try {
      const before = await counted();
      await work();
      return (await counted()) - before;
    } finally {
      await client.query('ROLLBACK');
    }
  };
}
