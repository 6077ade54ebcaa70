import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { conformanceSuite } from 'fulfillkit/testing';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { POSTGRES_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('PostgreSQL', POSTGRES_URL);
// A schema of its own: other suites on the same database are not disturbed.
const schema = 'fulfillkit_conformance';

describe.skipIf(!available)('postgres adapter on the server', () => {
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: 10 });
  const ready = migrate(pool, { schema });
  afterAll(() => pool.end());

  conformanceSuite('postgres adapter (pg Pool)', async () => {
    await ready;
    return postgresStore({ client: pool, schema });
  });
});
