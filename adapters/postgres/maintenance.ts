import type { JournalEntry, TenantId } from '../../src/index';
import { type PostgresConnection, sqlClient } from './client';
import { wrapped } from './errors';
import { entryOf, num } from './rows';
import { checkSchema, tablesOf } from './schema';

/**
 * Deletes idempotency records stored before `olderThan` (an instant, or an age in milliseconds),
 * in every tenant; returns how many went. A command repeated with a pruned key runs again, so keep
 * keys longer than any client retries (a day is common). Run it from a scheduled job.
 *
 * @example
 * ```ts
 * await pruneIdempotency(pool, { olderThan: 7 * 24 * 3600 * 1000 }) // keys older than a week
 * ```
 */
export async function pruneIdempotency(connection: PostgresConnection, options: { readonly olderThan: Date | number; readonly schema?: string }): Promise<number> {
  const t = tablesOf(checkSchema(options.schema));
  const before = typeof options.olderThan === 'number' ? new Date(Date.now() - options.olderThan) : options.olderThan;
  const rows = await wrapped('pruneIdempotency', () =>
    sqlClient(connection).query(`WITH gone AS (DELETE FROM ${t.idempotency} WHERE created_at < $1 RETURNING 1) SELECT count(*) AS n FROM gone`, [before.toISOString()]),
  );
  return num(rows[0]?.n ?? 0);
}

/** An entry a consumer group's handler kept failing on. */
export interface DeadLetter {
  readonly entry: JournalEntry;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly failedAt: string;
}

/**
 * The dead letters of a tenant's consumer group (default `default`), oldest first: entries whose
 * handler failed `maxAttempts` times. Put one back by deleting its row from `<schema>.dead_letters`
 * and inserting `(tenant, grp, seq)` into `<schema>.outbox` once the handler is fixed.
 *
 * @example
 * ```ts
 * for (const dead of await readDeadLetters(pool, { tenant: 'acme', group: 'billing' })) log(dead.entry.seq, dead.lastError)
 * ```
 */
export async function readDeadLetters(
  connection: PostgresConnection,
  options: { readonly tenant: TenantId | string; readonly group?: string; readonly schema?: string; readonly limit?: number },
): Promise<readonly DeadLetter[]> {
  const t = tablesOf(checkSchema(options.schema));
  const rows = await wrapped('readDeadLetters', () =>
    sqlClient(connection).query(
      `SELECT d.seq, d.attempts, d.last_error, d.failed_at::text AS failed_at, j.event
         FROM ${t.deadLetters} d JOIN ${t.journal} j ON j.tenant = d.tenant AND j.seq = d.seq
         WHERE d.tenant = $1 AND d.grp = $2 ORDER BY d.seq LIMIT $3`,
      [options.tenant, options.group ?? 'default', options.limit ?? 1_000],
    ),
  );
  return rows.map((r) => ({ entry: entryOf(r), attempts: num(r.attempts), lastError: r.last_error === null ? null : String(r.last_error), failedAt: String(r.failed_at) }));
}
