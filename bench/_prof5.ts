import pg from 'pg';
import { createFulfillment } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 10 });
await migrate(pool, { schema: 'fulfillkit_bench' });
let captured: any[] | undefined;
const orig = pool.query.bind(pool);
(pool as any).query = async (...args: any[]) => { const text = typeof args[0] === 'string' ? args[0] : args[0].text; if (text.includes('commit_changes')) captured = typeof args[0] === 'string' ? args[1] : args[0].values; return (orig as any)(...args); };
const store = postgresStore({ client: pool, schema: 'fulfillkit_bench' });
const ff = createFulfillment({ store, tenant: `prof-${Date.now()}` });
await ff.defineNode({ id: 'dc' }); await ff.defineSku({ id: 'hot' }); await ff.receiveStock({ node: 'dc', sku: 'hot', quantity: 1e9 });
await ff.reserve({ node: 'dc', lines: [{ sku: 'hot', quantity: 1 }] });
const params = captured!;
const ent = JSON.parse(params[4]);
const q = `SELECT "fulfillkit_bench".commit_changes($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) AS result`;
async function raw(label: string, tweak: (p: any[]) => void, workers = 8) {
  let n = 0; const end = performance.now() + 2000; const t = performance.now();
  await Promise.all(Array.from({ length: workers }, async (_, w) => { while (performance.now() < end) { const e = ent.map((x: any) => ({ ...x, id: `${x.id}-${label}-${w}-${n++}` })); const p = [...params]; p[4] = JSON.stringify(e); tweak(p); await orig(q, p); } }));
  console.log(label, (n / (performance.now() - t) * 1000).toFixed(0), '/s');
}
await raw('full', () => {});
await raw('no journal/counter', (p) => { p[6] = '[]'; p[7] = 0; });
await raw('no position', (p) => { p[1] = '[]'; });
await raw('no entity', (p) => { p[4] = '[]'; });
await raw('only position', (p) => { p[4] = '[]'; p[6] = '[]'; p[7] = 0; });
await raw('nothing', (p) => { p[1] = '[]'; p[4] = '[]'; p[6] = '[]'; p[7] = 0; });
await pool.end();
