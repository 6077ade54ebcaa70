import { PGlite } from '@electric-sql/pglite';
import { migrate } from 'fulfillkit/adapters/postgres';
import { afterAll } from 'vitest';
import { storeCases } from './postgres-store-cases';
import { transportCases } from './postgres-transport-cases';

// The adapter's own cases on an in-process PostgreSQL, so they run without servers too.
const db = new PGlite();
const schema = 'fulfillkit_cases';
const ready = migrate(db, { schema });
afterAll(() => db.close());

const database = async () => {
  await ready;
  return {
    connection: db,
    pgShaped: () => ({ query: (config: { text: string; values?: unknown[] }) => db.query(config.text, config.values ?? []) }),
  };
};

storeCases(database, schema);
transportCases(database, schema);
