import { type PostgresConnection, type SqlClient, sqlClient } from './client';
import { wrapped } from './errors';
import { addCountsRoutine, addLotsRoutine, commitRoutine } from './commit-sql';
import { findRoutine } from './find-sql';
import { loadRoutine } from './load';
import { checkSchema, DEFAULT_SCHEMA, statementName, type Table, tablesOf } from './schema';

type Tables = Readonly<Record<Table, string>>;

/** One step of the tables, applied once, in order; never edited after release (add a new one). */
interface Migration {
  readonly version: number;
  readonly name: string;
  /** `schema` is validated and unquoted (index names need it: an index lives in its table's schema). */
  readonly statements: (t: Tables, schema: string) => readonly string[];
}

/**
 * Routines (SQL functions) are code, not data: each is `CREATE OR REPLACE`d whenever its text
 * changes, tracked by checksum in `<schema>.routines`. A routine keeps its signature; a new
 * signature is a new routine, so instances still on the previous release keep working.
 */
const ROUTINES: readonly { readonly name: string; readonly text: (t: Tables) => string }[] = [
  { name: 'add_counts', text: addCountsRoutine },
  { name: 'add_lots', text: addLotsRoutine },
  { name: 'commit_changes', text: commitRoutine },
  { name: 'load_slice', text: loadRoutine },
  { name: 'find_entities', text: findRoutine },
];

// Keys and ids compare bytewise (COLLATE "C"), as the memory store's `<` does.
const KEY = 'text COLLATE "C" NOT NULL';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'store and outbox',
    statements: (t) => [
      `CREATE TABLE ${t.tenants} (tenant ${KEY} PRIMARY KEY, seq bigint NOT NULL DEFAULT 0)`,
      `CREATE TABLE ${t.positions} (
        tenant ${KEY}, node ${KEY}, sku ${KEY},
        on_hand bigint NOT NULL DEFAULT 0, reserved bigint NOT NULL DEFAULT 0,
        allocated bigint NOT NULL DEFAULT 0, safety bigint NOT NULL DEFAULT 0,
        lots jsonb, channels jsonb,
        PRIMARY KEY (tenant, node, sku))`,
      `CREATE INDEX positions_by_sku ON ${t.positions} (tenant, sku)`,
      // Whole entities under a version; the helper columns index the store's queries.
      `CREATE TABLE ${t.entities} (
        tenant ${KEY}, kind ${KEY}, id ${KEY},
        version integer NOT NULL, value jsonb NOT NULL,
        status text COLLATE "C", placed_at text COLLATE "C", due_ms bigint, sku text COLLATE "C", open boolean,
        PRIMARY KEY (tenant, kind, id))`,
      `CREATE INDEX entities_orders_by_status ON ${t.entities} (tenant, status, placed_at, id) WHERE kind = 'order'`,
      `CREATE INDEX entities_due_reservations ON ${t.entities} (tenant, due_ms) WHERE kind = 'reservation' AND due_ms IS NOT NULL`,
      `CREATE INDEX entities_open_inbound ON ${t.entities} (tenant, sku) WHERE kind = 'inbound' AND open`,
      `CREATE TABLE ${t.demand} (tenant ${KEY}, sku ${KEY}, node ${KEY}, day ${KEY}, units bigint NOT NULL, PRIMARY KEY (tenant, sku, node, day))`,
      `CREATE TABLE ${t.workload} (tenant ${KEY}, node ${KEY}, day ${KEY}, orders bigint NOT NULL, units bigint NOT NULL, PRIMARY KEY (tenant, node, day))`,
      // json, not jsonb: an event reads back with its keys in the order it was written.
      `CREATE TABLE ${t.journal} (tenant ${KEY}, seq bigint NOT NULL, order_id text COLLATE "C", event json NOT NULL, PRIMARY KEY (tenant, seq))`,
      `CREATE INDEX journal_by_order ON ${t.journal} (tenant, order_id, seq) WHERE order_id IS NOT NULL`,
      `CREATE TABLE ${t.idempotency} (
        tenant ${KEY}, key ${KEY}, fingerprint text NOT NULL, result json,
        created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant, key))`,
      `CREATE INDEX idempotency_by_age ON ${t.idempotency} (created_at)`,
      `CREATE TABLE ${t.groups} (tenant ${KEY}, grp ${KEY}, created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant, grp))`,
      `CREATE TABLE ${t.outbox} (
        tenant ${KEY}, grp ${KEY}, seq bigint NOT NULL,
        attempts integer NOT NULL DEFAULT 0, available_at timestamptz NOT NULL DEFAULT now(), last_error text,
        PRIMARY KEY (tenant, grp, seq))`,
      `CREATE TABLE ${t.deadLetters} (
        tenant ${KEY}, grp ${KEY}, seq bigint NOT NULL, attempts integer NOT NULL, last_error text,
        failed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant, grp, seq))`,
    ],
  },
  {
    version: 2,
    name: 'calendars, departures and release schedules',
    statements: (t) => [
      // A departure's node, for the live departures of a node (`departuresOfNodes`); `open` says live.
      `ALTER TABLE ${t.entities} ADD COLUMN node text COLLATE "C"`,
      // `(kind = '…') IS TRUE` is `kind = '…'` (kind is NOT NULL) in a form the primary key cannot
      // use. With the plain form, a plan made while the tenant had one departure (or waiting order)
      // takes the key's (tenant, kind) range, which looks as cheap then, and reads every departure
      // (order) of the tenant until the next ANALYZE re-plans. The queries name the same
      // expression, word for word, which is what lets the planner use these indexes.
      `CREATE INDEX entities_live_departures ON ${t.entities} (tenant, node) WHERE (kind = 'departure') IS TRUE AND open`,
      // Orders reuse due_ms for their release instant (releaseDueAt); rows written before this
      // version have no schedule, so NULL (not waiting) is right for them and nothing is backfilled.
      `CREATE INDEX entities_due_releases ON ${t.entities} (tenant, due_ms, id) WHERE (kind = 'order') IS TRUE AND due_ms IS NOT NULL`,
    ],
  },
  {
    version: 3,
    name: 'open inbound indexed in the form the primary key cannot take',
    // Version 1's open-inbound index had the plain `kind = 'inbound'` predicate: a plan made while
    // the tenant had one open inbound kept reading every inbound of the tenant as it grew (5,001
    // rows at 5,000 in the scale test) until the next ANALYZE. The same index in version 2's form.
    statements: (t, schema) => [
      `CREATE INDEX entities_open_inbound_by_sku ON ${t.entities} (tenant, sku) WHERE (kind = 'inbound') IS TRUE AND open`,
      `DROP INDEX "${schema}".entities_open_inbound`,
    ],
  },
];

/** What `migrate` did. */
export interface MigrateResult {
  /** Versions applied by this call (empty when the schema was current). */
  readonly applied: readonly number[];
  /** Routines (re)installed by this call, because they were new or their text changed. */
  readonly routines: readonly string[];
  readonly version: number;
}

/**
 * Creates or upgrades fulfillkit's tables in `schema` (default `fulfillkit`), one versioned
 * migration at a time, recorded in `<schema>.migrations`, and installs the routines commits run
 * (re-installed when a release changes them). Idempotent, and safe when several
 * processes run it at once: it runs in one transaction under an advisory lock, so the others wait
 * and then find the schema current. Run it at deploy or start-up, before the first command.
 *
 * @example
 * ```ts
 * import { Pool } from 'pg'
 * import { migrate } from 'fulfillkit/adapters/postgres'
 * const pool = new Pool({ connectionString: process.env.DATABASE_URL })
 * await migrate(pool) // or migrate(pool, { schema: 'shop_fulfillment' })
 * ```
 */
export async function migrate(connection: PostgresConnection, options: { readonly schema?: string } = {}): Promise<MigrateResult> {
  return migrateWith(sqlClient(connection), checkSchema(options.schema ?? DEFAULT_SCHEMA));
}

/** `migrate` on an adapted client. */
export async function migrateWith(client: SqlClient, schema: string): Promise<MigrateResult> {
  const t = tablesOf(schema);
  return wrapped('migrate', () =>
    client.transaction(async (query) => {
      // Transaction-scoped: released by COMMIT or ROLLBACK, whatever happens to this process.
      await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`fulfillkit.migrate.${schema}`]);
      await query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`, []);
      await query(`CREATE TABLE IF NOT EXISTS ${t.migrations} (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`, []);
      const done = new Set((await query(`SELECT version FROM ${t.migrations}`, [])).map((r) => Number(r.version)));
      const applied: number[] = [];
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        for (const statement of m.statements(t, schema)) await query(statement, []);
        await query(`INSERT INTO ${t.migrations} (version, name) VALUES ($1, $2)`, [m.version, m.name]);
        applied.push(m.version);
      }
      await query(`CREATE TABLE IF NOT EXISTS ${t.routines} (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`, []);
      const installed = new Map((await query(`SELECT name, checksum FROM ${t.routines}`, [])).map((r) => [String(r.name), String(r.checksum)]));
      const routines: string[] = [];
      for (const routine of ROUTINES) {
        const text = routine.text(t);
        const checksum = statementName(text);
        if (installed.get(routine.name) === checksum) continue;
        await query(text, []);
        await query(
          `INSERT INTO ${t.routines} (name, checksum) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET checksum = excluded.checksum, applied_at = now()`,
          [routine.name, checksum],
        );
        routines.push(routine.name);
      }
      const newest = Math.max(0, ...done, ...applied);
      return { applied, routines, version: newest };
    }),
  );
}
