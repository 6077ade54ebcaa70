/**
 * The PostgreSQL adapter: a `Store` and a `Transport` on the host's own connection (a pg `Pool`,
 * a connected pg `Client`, or a PGlite instance), with versioned migrations.
 *
 * @packageDocumentation
 */
export { migrate, type MigrateResult } from './migrations';
export { postgresStore, type PostgresStoreOptions } from './store';
export type { PostgresConnection, PgPoolLike, PgClientLike, PGliteLike, QueryResultLike } from './client';
export type { RetryOptions } from './errors';
export { postgresTransport, type PostgresTransportOptions } from './transport';
export { pruneIdempotency, readDeadLetters, type DeadLetter } from './maintenance';
