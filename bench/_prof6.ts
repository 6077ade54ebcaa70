import pg from 'pg';
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/test', max: 10 });
const S = 'fulfillkit_bench';
await pool.query(`INSERT INTO ${S}.bare_stock (id, available) VALUES (1, 1000000000) ON CONFLICT (id) DO UPDATE SET available = 1000000000`);
await pool.query(`CREATE OR REPLACE FUNCTION ${S}.prof_upd(p_id int) RETURNS bigint LANGUAGE plpgsql AS $$ DECLARE v bigint; BEGIN UPDATE ${S}.bare_stock SET available = available - 1 WHERE id = p_id AND available >= 1 RETURNING available INTO v; RETURN v; END $$`);
await pool.query(`CREATE OR REPLACE FUNCTION ${S}.prof_ups(p_id int) RETURNS bigint LANGUAGE plpgsql AS $$ DECLARE v bigint; BEGIN INSERT INTO ${S}.bare_stock AS b (id, available) VALUES (p_id, 0) ON CONFLICT (id) DO UPDATE SET available = b.available - 1 RETURNING b.available INTO v; RETURN v; END $$`);
async function raw(label: string, sql: string, params: unknown[], workers = 8) {
  let n = 0; const end = performance.now() + 2000; const t = performance.now();
  await Promise.all(Array.from({ length: workers }, async () => { while (performance.now() < end) { await pool.query(sql, params); n++; } }));
  console.log(label, (n / (performance.now() - t) * 1000).toFixed(0), '/s');
}
await raw('bare update', `UPDATE ${S}.bare_stock SET available = available - 1 WHERE id = 1 AND available >= 1`, []);
await raw('bare upsert', `INSERT INTO ${S}.bare_stock AS b (id, available) VALUES ($1, 0) ON CONFLICT (id) DO UPDATE SET available = b.available - 1`, [1]);
await raw('fn update', `SELECT ${S}.prof_upd($1)`, [1]);
await raw('fn upsert', `SELECT ${S}.prof_ups($1)`, [1]);
await raw('upsert + insert other row', `WITH a AS (INSERT INTO ${S}.bare_stock AS b (id, available) VALUES ($1, 0) ON CONFLICT (id) DO UPDATE SET available = b.available - 1 RETURNING 1) SELECT 1`, [1]);
await pool.end();
