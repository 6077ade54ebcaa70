import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { Store, Transport } from 'fulfillkit';
import { migrate, postgresStore, postgresTransport } from 'fulfillkit/adapters/postgres';
import { redisStore, redisTransport } from 'fulfillkit/adapters/redis';
import { POSTGRES_URL, REDIS_URL } from '../support/servers';

/** The servers the contention and fault suites run against. */
export type StoreKind = 'postgres' | 'redis';

/** Where the suites keep their data: a schema and a key prefix of their own on the shared servers. */
const SUITE_SCHEMA = 'fulfillkit_contention';
const SUITE_PREFIX = 'fkcontention';

/** How a process connects: the server's URL (a private Redis in the fault suite) and a name to find its connections by. */
export interface Connection {
  readonly url?: string | undefined;
  readonly appName?: string | undefined;
}

/** A store on a real server, a transport on the same connection, and how to close what was opened. */
export interface OpenStore {
  readonly store: Store;
  /** A transport for consumer group `group`, tuned to redeliver within a test's time (short leases and idle times). */
  transport(group: string): Transport;
  close(): Promise<void>;
}

/**
 * Opens a store on a real server, the way a host would: a pg pool of 10 (migrated) or one ioredis
 * client. `close` ends the connection the suite opened.
 */
export async function openStore(kind: StoreKind, connection: Connection = {}): Promise<OpenStore> {
  if (kind === 'postgres') {
    const pool = new Pool({ connectionString: connection.url ?? POSTGRES_URL, max: 10, application_name: connection.appName ?? 'fulfillkit-suite' });
    // A backend the fault suite terminates must not crash the process through an idle client.
    pool.on('error', () => {});
    await migrate(pool, { schema: SUITE_SCHEMA });
    return {
      store: postgresStore({ client: pool, schema: SUITE_SCHEMA }),
      transport: (group) =>
        postgresTransport({ client: pool, schema: SUITE_SCHEMA, group, leaseMs: 1_000, retryDelayMs: 20, pollMs: 200, maxAttempts: 10, onError: () => {} }),
      close: () => pool.end(),
    };
  }
  const client = new Redis(connection.url ?? REDIS_URL, { connectionName: connection.appName ?? 'fulfillkit-suite', maxRetriesPerRequest: 3 });
  client.on('error', () => {});
  return {
    store: redisStore({ client, prefix: SUITE_PREFIX }),
    transport: (group) =>
      redisTransport({ client, prefix: SUITE_PREFIX, group, startAt: 'beginning', claimIdleMs: 300, blockMs: 200, maxDeliveries: 10, onError: () => {} }),
    close: async () => {
      client.disconnect();
    },
  };
}
