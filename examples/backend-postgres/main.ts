/**
 * Starts the example service on PostgreSQL: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/test
 * PORT=3000 npx tsx examples/backend-postgres/main.ts`. With `SEED=1` it defines two nodes, two
 * SKUs and some stock first (idempotent: defining them again changes nothing).
 */
import { Pool } from 'pg';
import { createFulfillment } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { fulfillmentServer } from './server';

const pool = new Pool({ connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', max: 10 });
await migrate(pool);
const ff = createFulfillment({ store: postgresStore({ client: pool }) });

if (process.env.SEED === '1') {
  await ff.defineNode({ id: 'berlin', geo: { lat: 52.52, lon: 13.4 }, costs: { perOrder: 1 } });
  await ff.defineNode({ id: 'hamburg', geo: { lat: 53.55, lon: 9.99 }, costs: { perOrder: 2 } });
  for (const id of ['tee', 'mug']) await ff.defineSku({ id, weightG: 200 });
  await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 20, idempotencyKey: 'seed-berlin-tee' });
  await ff.receiveStock({ node: 'hamburg', sku: 'mug', quantity: 20, idempotencyKey: 'seed-hamburg-mug' });
}

const port = Number(process.env.PORT ?? 3000);
const server = fulfillmentServer(ff).listen(port, () => console.log(`fulfillkit example listening on http://127.0.0.1:${port}`));
const stop = () => server.close(() => void pool.end());
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
