import { Redis } from 'ioredis';
import { Pool } from 'pg';
import type { Store } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { redisStore } from 'fulfillkit/adapters/redis';
import { POSTGRES_URL, REDIS_URL } from '../support/servers';

/** The servers the contention and fault suites run against. */
export type StoreKind = 'postgres' | 'redis';

/** Where the suites keep their data: a schema and a key prefix of their own on the shared servers. */
export const SUITE_SCHEMA = 'fulfillkit_contention';
export const SUITE_PREFIX = 'fkcontention';

/** How a process connects: the server's URL (a private Redis in the fault suite) and a name to find its connections by. */
export interface Connection {
  readonly url?: string | undefined;
  readonly appName?: string | undefined;
}

/**
 * Opens a store on a real server, the way a host would: a pg pool of 10 (migrated) or one ioredis
 * client. `close` ends the connection the suite opened.
 */
export async function openStore(kind: StoreKind, connection: Connection = {}): Promise<{ store: Store; close: () => Promise<void> }> {
  if (kind === 'postgres') {
    const pool = new Pool({ connectionString: connection.url ?? POSTGRES_URL, max: 10, application_name: connection.appName ?? 'fulfillkit-suite' });
    // A backend the fault suite terminates must not crash the process through an idle client.
    pool.on('error', () => {});
    await migrate(pool, { schema: SUITE_SCHEMA });
    return { store: postgresStore({ client: pool, schema: SUITE_SCHEMA }), close: () => pool.end() };
  }
  const client = new Redis(connection.url ?? REDIS_URL, { connectionName: connection.appName ?? 'fulfillkit-suite', maxRetriesPerRequest: 3 });
  client.on('error', () => {});
  return {
    store: redisStore({ client, prefix: SUITE_PREFIX }),
    close: async () => {
      client.disconnect();
    },
  };
}
