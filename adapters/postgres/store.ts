import type { IdempotencyRecord, OrderId, ReservationId, Store } from '../../src/index';
import { type PostgresConnection, sqlClient } from './client';
import { applyCommit, commitCall } from './commit';
import { type RetryOptions, withRetry, wrapped } from './errors';
import { findCall } from './find-sql';
import { loadCall, loadSlice } from './load';
import { entryOf, json } from './rows';
import { checkSchema, type Prepared, prepared, tablesOf } from './schema';

/** How to build a PostgreSQL store. */
export interface PostgresStoreOptions {
  /** The host's pg `Pool`, connected pg `Client`, or PGlite instance. The store never ends it. */
  readonly client: PostgresConnection;
  /** Where `migrate` put the tables; default `fulfillkit`. */
  readonly schema?: string;
  /** Runs of a commit the server aborts for a serialization failure or deadlock (default 4). */
  readonly retry?: RetryOptions;
}

/**
 * The PostgreSQL store, on the host's own connection (run `migrate` first). A commit is one
 * transaction, and one round trip: a routine `migrate` installed changes stock and workload by
 * increments on rows locked in a fixed order, writes orders and other entities under their
 * versions, stores the idempotency key, appends the journal (numbered per tenant from 1, without
 * gaps) and the outbox rows of `postgresTransport`, and checks every guard before its COMMIT;
 * the memory store's reference guards check the same rows again (commits with ring-fences are
 * decided by them, inside BEGIN … COMMIT). A serialization failure or deadlock is retried a few
 * times, then surfaces as a `ConcurrencyError` for the runtime to retry.
 *
 * Other driver errors become an `AdapterError` carrying the SQLSTATE. A connection lost during
 * COMMIT leaves the outcome unknown: the command may or may not have taken effect. Give commands
 * an idempotency key, and a retry after such an error is safe (it returns the first result).
 *
 * @example
 * ```ts
 * import { Pool } from 'pg'
 * import { createFulfillment } from 'fulfillkit'
 * import { migrate, postgresStore } from 'fulfillkit/adapters/postgres'
 * const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
 * await migrate(pool)
 * const ff = createFulfillment({ store: postgresStore({ client: pool }), tenant: 'acme' })
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): Store {
  const schema = checkSchema(options.schema);
  const client = sqlClient(options.client);
  const t = tablesOf(schema);
  const commitStatement = commitCall(schema);
  const loadStatement = loadCall(schema);
  const journalPage = prepared(`SELECT seq, event FROM ${t.journal} WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT $3::bigint`);
  const orderJournal = prepared(`SELECT seq, event FROM ${t.journal} WHERE tenant = $1 AND order_id = $2 ORDER BY seq`);
  const idempotency = prepared(`SELECT fingerprint, result, result IS NULL AS missing FROM ${t.idempotency} WHERE tenant = $1 AND key = $2`);
  const find = findCall(schema);
  const run = (s: Prepared, values: unknown[]) => client.query(s.text, values, s.name);

  return {
    load: (tenant, keys) => wrapped('load', () => loadSlice(client.query, loadStatement, tenant, keys)),

    commit: (tenant, commit) => withRetry('commit', () => applyCommit(client, commitStatement, schema, tenant, commit), options.retry),

    readJournal: (tenant, page = {}) =>
      wrapped('readJournal', async () => {
        const limit = page.limit === undefined || !Number.isFinite(page.limit) ? null : Math.max(0, Math.floor(page.limit));
        return (await run(journalPage, [tenant, page.after ?? 0, limit])).map(entryOf);
      }),

    readOrderJournal: (tenant, order) => wrapped('readOrderJournal', async () => (await run(orderJournal, [tenant, order])).map(entryOf)),

    findIdempotency: (tenant, key) =>
      wrapped('findIdempotency', async (): Promise<IdempotencyRecord | undefined> => {
        const [row] = await run(idempotency, [tenant, key]);
        if (!row) return undefined;
        return { key, fingerprint: String(row.fingerprint), result: row.missing === true ? undefined : json(row.result) };
      }),

    findOrdersByStatus: (tenant, status, limit) =>
      wrapped('findOrdersByStatus', async () => (await run(find, [tenant, 'orders-by-status', status, null, countOf(limit)])).map((r) => r.id as OrderId)),

    findDueReservations: (tenant, dueBy, limit) =>
      wrapped('findDueReservations', async () => {
        const by = Date.parse(dueBy);
        if (Number.isNaN(by)) return [];
        return (await run(find, [tenant, 'due-reservations', null, by, countOf(limit)])).map((r) => r.id as ReservationId);
      }),

    findDueReleases: (tenant, dueBy, limit) =>
      wrapped('findDueReleases', async () => {
        const by = Date.parse(dueBy);
        if (Number.isNaN(by)) return [];
        return (await run(find, [tenant, 'due-releases', null, by, countOf(limit)])).map((r) => r.id as OrderId);
      }),

    // The connection is the host's: nothing of the store's own to release.
    async close() {},
  };
}

/** LIMIT NULL is no limit: an infinite one must not reach the server as 'Infinity'. */
function countOf(limit: number): number | null {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : null;
}
