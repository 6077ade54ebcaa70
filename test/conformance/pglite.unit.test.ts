import { PGlite } from '@electric-sql/pglite';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { conformanceSuite } from 'fulfillkit/testing';
import { afterAll } from 'vitest';

// One in-process PostgreSQL for the file, migrated once; tests keep apart by their own tenants.
const db = new PGlite();
const ready = migrate(db);
afterAll(() => db.close());

conformanceSuite(
  'postgres adapter on PGlite',
  async () => {
    await ready;
    return postgresStore({ client: db });
  },
  // PGlite runs every statement on one WASM thread: fewer runs keep `npm test` quick; the full
  // count runs against the real server (test/conformance/postgres.int.test.ts).
  { numRuns: process.env.CI ? 50 : 15 },
);
