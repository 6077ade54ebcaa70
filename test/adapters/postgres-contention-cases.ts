import { createFulfillment, type Fulfillment, isFulfillkitError, type NodeId, type SkuId, type Store } from 'fulfillkit';
import { postgresStore, postgresTransport } from 'fulfillkit/adapters/postgres';
import { canonical, replayAndLoad, uniqueTenant } from 'fulfillkit/testing';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { sqlClient } from '../../adapters/postgres/client';
import { withRetry } from '../../adapters/postgres/errors';
import { POSTGRES_URL } from '../support/servers';

/** Fails the test instead of hanging it: the pool-exhaustion hang peers show must not happen here. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${ms} ms: hung`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** `callers` loops placing 1–3 unit orders on one SKU until a refusal; returns the units granted. */
async function hammer(ff: Fulfillment, callers: number, rounds: number): Promise<{ granted: number; refused: number }> {
  let granted = 0;
  let refused = 0;
  await Promise.all(
    Array.from({ length: callers }, async (_, c) => {
      for (let r = 0; r < rounds; r++) {
        const quantity = 1 + ((c + r) % 3);
        try {
          await ff.placeOrder({ node: 'n1', order: { id: `o-${c}-${r}`, channel: 'web', lines: [{ id: '1', sku: 'hot', quantity }] } });
          granted += quantity;
        } catch (error) {
          if (!(isFulfillkitError(error) && error.code === 'INSUFFICIENT_STOCK')) throw error;
          refused += 1;
        }
      }
    }),
  );
  return { granted, refused };
}

async function hotWorld(store: Store, stock: number, ringFences?: { channel: string; quantity: number }[]): Promise<Fulfillment> {
  const ff = createFulfillment({ store, tenant: uniqueTenant('hot'), retry: { attempts: 30, baseDelayMs: 2, maxDelayMs: 20 } });
  await ff.defineNode({ id: 'n1', ...(ringFences ? { ringFences } : {}) });
  await ff.defineSku({ id: 'hot' });
  await ff.receiveStock({ node: 'n1', sku: 'hot', quantity: stock });
  return ff;
}

async function assertNoOversell(store: Store, ff: Fulfillment, stock: number, granted: number): Promise<void> {
  const { stored, replayed } = await replayAndLoad(store, ff.tenant);
  expect(canonical(stored)).toBe(canonical(replayed));
  const p = stored.positions['n1' as NodeId]?.['hot' as SkuId];
  expect(granted).toBeLessThanOrEqual(stock);
  expect(p).toMatchObject({ onHand: stock, reserved: granted });
}

/** Many callers on few connections, on the real server. */
export function contentionCases(pool: pg.Pool, schema: string): void {
  describe('contention', () => {
    it('32 callers on a pool of 10, one hot SKU: no oversell, no hang, units granted = units held', async () => {
      const store = postgresStore({ client: pool, schema });
      const ff = await hotWorld(store, 150);
      const { granted, refused } = await within(60_000, hammer(ff, 32, 5));
      expect(granted + refused).toBeGreaterThan(0);
      await assertNoOversell(store, ff, 150, granted);
      expect(granted).toBeGreaterThan(140); // refusals come only when what is left is too small
    });

    it('32 callers on a pool of 2 with a relay listening on one of them: still no hang', async () => {
      const small = new pg.Pool({ connectionString: POSTGRES_URL, max: 2 });
      try {
        const store = postgresStore({ client: small, schema });
        const ff = await hotWorld(store, 80);
        const transport = postgresTransport({ client: small, schema, pollMs: 50 });
        const heard: number[] = [];
        const stop = await transport.subscribe(ff.tenant, ({ seq }) => {
          heard.push(seq);
        });
        const { granted } = await within(60_000, hammer(ff, 32, 3));
        await assertNoOversell(store, ff, 80, granted);
        await stop();
        await transport.close?.();
        expect(small.totalCount - small.idleCount).toBe(0);
      } finally {
        await small.end();
      }
    });

    it('ring-fenced holds (checked by the reference guard inside BEGIN … COMMIT) never overdraw the fence', async () => {
      const store = postgresStore({ client: pool, schema });
      const ff = await hotWorld(store, 60, [{ channel: 'store', quantity: 20 }]);
      let web = 0;
      await within(
        60_000,
        Promise.all(
          Array.from({ length: 32 }, async () => {
            for (let r = 0; r < 3; r++) {
              try {
                await ff.reserve({ node: 'n1', channel: 'web', lines: [{ sku: 'hot', quantity: 1 }] });
                web += 1;
              } catch (error) {
                if (!(isFulfillkitError(error) && error.code === 'INSUFFICIENT_STOCK')) throw error;
              }
            }
          }),
        ),
      );
      const p = (await store.load(ff.tenant, { positions: [{ node: 'n1' as NodeId, sku: 'hot' as SkuId }] })).positions['n1' as NodeId]?.['hot' as SkuId];
      expect(web).toBe(40);
      expect(p).toMatchObject({ onHand: 60, reserved: 40, channels: { web: 40 } });
    });

    it('a single pg Client (transactions serialised) under 16 concurrent callers', async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        const store = postgresStore({ client, schema });
        const ff = await hotWorld(store, 40);
        const { granted } = await within(60_000, hammer(ff, 16, 3));
        await assertNoOversell(store, ff, 40, granted);
      } finally {
        await client.end();
      }
    });

    it('a real deadlock (40P01) between two transactions is retried until both commit', async () => {
      const a = new pg.Client({ connectionString: POSTGRES_URL });
      const b = new pg.Client({ connectionString: POSTGRES_URL });
      await Promise.all([a.connect(), b.connect()]);
      try {
        const table = `"${schema}".deadlock_probe`;
        await a.query(`CREATE TABLE IF NOT EXISTS ${table} (id integer PRIMARY KEY, n integer NOT NULL)`);
        await a.query(`INSERT INTO ${table} VALUES (1, 0), (2, 0) ON CONFLICT (id) DO UPDATE SET n = 0`);
        const runs: Record<string, number> = { a: 0, b: 0 };
        // Each takes its first row, waits for the other to take its own, then wants the other's.
        let arrived = 0;
        let release: () => void = () => {};
        const bothHoldOne = new Promise<void>((resolve) => {
          release = resolve;
        });
        const swap = (name: 'a' | 'b', client: pg.Client, first: number, second: number) =>
          withRetry(
            'deadlock probe',
            () =>
              sqlClient(client).transaction(async (query) => {
                runs[name]! += 1;
                await query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [first]);
                if (runs[name] === 1) {
                  arrived += 1;
                  if (arrived === 2) release();
                  await bothHoldOne;
                }
                await query(`UPDATE ${table} SET n = n + 1 WHERE id = $1`, [second]);
              }),
            { attempts: 5, baseDelayMs: 5 },
          );
        await within(30_000, Promise.all([swap('a', a, 1, 2), swap('b', b, 2, 1)]));
        expect(runs.a! + runs.b!).toBe(3); // the server aborted one of them once
        expect((await a.query(`SELECT sum(n)::int AS n FROM ${table}`)).rows[0].n).toBe(4);
      } finally {
        await Promise.all([a.end(), b.end()]);
      }
    });
  });
}
