/**
 * The driver seam: the host's own connection, typed by shape only (no `pg` or PGlite import at
 * runtime), behind one small `SqlClient` the rest of the adapter talks to.
 */

/** What a query returns, as every supported driver shapes it. */
export interface QueryResultLike {
  readonly rows: readonly unknown[];
}

/** A pg `Client` or `PoolClient` (connected by the host), or anything with pg's `query(config)`. */
export interface PgClientLike {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<QueryResultLike>;
}

/** A pg `Pool`: `connect()` lends a client that must be released. */
export interface PgPoolLike extends PgClientLike {
  connect(): Promise<PgClientLike & { release(error?: Error | boolean): void }>;
  readonly totalCount: number;
}

/** A PGlite instance (`@electric-sql/pglite`): one in-process connection with its own transactions. */
export interface PGliteLike {
  query(text: string, params?: unknown[]): Promise<QueryResultLike>;
  transaction<T>(callback: (tx: { query(text: string, params?: unknown[]): Promise<QueryResultLike> }) => Promise<T>): Promise<T>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

/**
 * The connection the PostgreSQL adapter runs on, owned by the host: a pg `Pool` (one pooled
 * connection per transaction), a single connected pg `Client` (transactions serialised: a client
 * cannot interleave two), or a PGlite instance.
 */
export type PostgresConnection = PgPoolLike | PgClientLike | PGliteLike;

/** Runs one statement; `name` lets pg prepare it once per connection (other drivers ignore it). */
export type Query = (text: string, values: readonly unknown[], name?: string) => Promise<readonly Record<string, unknown>[]>;

/** The adapter's view of a connection. */
export interface SqlClient {
  readonly kind: 'pool' | 'client' | 'pglite';
  /** One statement, in its own (implicit) transaction. */
  readonly query: Query;
  /** `fn` inside BEGIN … COMMIT on one connection; ROLLBACK and rethrow when it throws. */
  transaction<T>(fn: (query: Query) => Promise<T>): Promise<T>;
  /**
   * Calls `onPayload` for every NOTIFY on `channel`, on a connection of its own where the driver
   * needs one (a pool lends it for as long as the listener lives). Resolves to the function that stops it.
   */
  listen(channel: string, onPayload: (payload: string) => void, onLost: (error: unknown) => void): Promise<() => Promise<void>>;
}

type Notification = { readonly channel: string; readonly payload?: string };
type Emitter = {
  on(event: string, listener: (value: never) => void): unknown;
  removeListener(event: string, listener: (value: never) => void): unknown;
};

const isFunction = (value: unknown): boolean => typeof value === 'function';

/**
 * Adapts the host's connection, recognised by its shape: PGlite by `transaction` and `listen`,
 * a pg Pool by `connect` and `totalCount`, anything else with `query` as one pg connection.
 */
export function sqlClient(connection: PostgresConnection): SqlClient {
  const c = connection as unknown as Record<string, unknown>;
  if (isFunction(c.transaction) && isFunction(c.listen)) return pgliteClient(connection as PGliteLike);
  if (isFunction(c.connect) && 'totalCount' in c) return poolClient(connection as PgPoolLike);
  if (isFunction(c.query)) return singleClient(connection as PgClientLike);
  throw new TypeError('[fulfillkit:postgres] expected a pg Pool, a pg Client or a PGlite instance');
}

const rowsOf = (result: QueryResultLike) => result.rows as readonly Record<string, unknown>[];

function pgQuery(client: PgClientLike): Query {
  return async (text, values, name) => rowsOf(await client.query({ text, values: [...values], ...(name ? { name } : {}) }));
}

function poolClient(pool: PgPoolLike): SqlClient {
  return {
    kind: 'pool',
    query: pgQuery(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await inTransaction(pgQuery(client), fn, (error) => {
          broken = error instanceof Error ? error : new Error(String(error));
        });
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: the pool must drop it.
        client.release(broken);
      }
    },
    async listen(channel, onPayload, onLost) {
      const client = await pool.connect();
      const stop = await listenOn(client, pgQuery(client), channel, onPayload, onLost);
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        let failed: Error | undefined;
        await stop().catch((error: unknown) => {
          failed = error instanceof Error ? error : new Error(String(error));
        });
        client.release(failed);
      };
    },
  };
}

function singleClient(client: PgClientLike): SqlClient {
  const lock = mutex();
  const query = pgQuery(client);
  return {
    kind: 'client',
    // Even a lone statement waits its turn: sent during another's transaction it would join it.
    query: (text, values, name) => lock(() => query(text, values, name)),
    transaction: (fn) => lock(() => inTransaction(query, fn)),
    listen: (channel, onPayload, onLost) => lock(() => listenOn(client, query, channel, onPayload, onLost, lock)),
  };
}

function pgliteClient(db: PGliteLike): SqlClient {
  const query: Query = async (text, values) => rowsOf(await db.query(text, [...values]));
  return {
    kind: 'pglite',
    query,
    // PGlite's own transaction holds its connection exclusively and rolls back when `fn` throws.
    transaction: (fn) => db.transaction((tx) => fn(async (text, values) => rowsOf(await tx.query(text, [...values])))),
    async listen(channel, onPayload) {
      const stop = await db.listen(channel, onPayload);
      return async () => stop();
    },
  };
}

/** The adapter's statements assume READ COMMITTED (re-checked rows, not a snapshot), whatever the server's default. */
const BEGIN = 'BEGIN ISOLATION LEVEL READ COMMITTED';

async function inTransaction<T>(query: Query, fn: (query: Query) => Promise<T>, onBroken?: (error: unknown) => void): Promise<T> {
  await query(BEGIN, []);
  try {
    const result = await fn(query);
    await query('COMMIT', []);
    return result;
  } catch (error) {
    await query('ROLLBACK', []).catch((rollbackFailed: unknown) => onBroken?.(rollbackFailed));
    throw error;
  }
}

/** LISTEN on a pg connection: notifications arrive as `notification` events of the client. */
async function listenOn(
  client: PgClientLike,
  query: Query,
  channel: string,
  onPayload: (payload: string) => void,
  onLost: (error: unknown) => void,
  lock?: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<() => Promise<void>> {
  const emitter = client as unknown as Partial<Emitter>;
  if (!isFunction(emitter.on) || !isFunction(emitter.removeListener)) throw new TypeError('[fulfillkit:postgres] this client cannot LISTEN (no notification events)');
  const e = emitter as Emitter;
  const onNotification = (n: Notification) => {
    if (n.channel === channel) onPayload(n.payload ?? '');
  };
  const onError = (error: unknown) => onLost(error);
  e.on('notification', onNotification as (value: never) => void);
  e.on('error', onError as (value: never) => void);
  // The channel is a constant of the adapter, never input: quoting keeps it one identifier.
  await query(`LISTEN "${channel}"`, []);
  return async () => {
    e.removeListener('notification', onNotification as (value: never) => void);
    e.removeListener('error', onError as (value: never) => void);
    const unlisten = () => query(`UNLISTEN "${channel}"`, []);
    await (lock ? lock(unlisten) : unlisten());
  };
}

/** Runs tasks one at a time, in call order. */
export function mutex(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
