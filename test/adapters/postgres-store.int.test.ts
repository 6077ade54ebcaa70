import pg from 'pg';
import { migrate } from 'fulfillkit/adapters/postgres';
import { afterAll, describe } from 'vitest';
import { POSTGRES_URL, serverAvailable } from '../support/servers';
import { storeCases } from './postgres-store-cases';
import { contentionCases } from './postgres-contention-cases';

const available = await serverAvailable('PostgreSQL', POSTGRES_URL);
const schema = 'fulfillkit_cases';

describe.skipIf(!available)('postgres adapter on the server (pg Pool)', () => {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 10 });
  const ready = migrate(pool, { schema });
  afterAll(() => pool.end());
  const database = async () => {
    await ready;
    return { connection: pool, pgShaped: () => ({ query: (config: { text: string; values?: unknown[] }) => pool.query(config) }) };
  };
  storeCases(database, schema);
  contentionCases(pool, schema);
});
