import { createFulfillment, type Commit, type EventId, type NodeId, type SkuId, type TenantId } from 'fulfillkit';
import { migrate, type PostgresConnection, postgresStore } from 'fulfillkit/adapters/postgres';
import { canonical, replayAndLoad, uniqueTenant } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

/** A database the cases run on: PGlite in-process, or the real server. */
export interface Database {
  readonly connection: PostgresConnection;
  /** A pg-shaped client (`query({ text, values })`) on the same database, for fault injection. */
  readonly pgShaped: () => { query(config: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }> };
}

const schemaName = (prefix: string) => `${prefix}_${process.pid}_${Math.floor(Math.random() * 1e9).toString(36)}`;

/** A receipt of `quantity` at node/sku as a hand-made commit (ids are not validated at this level). */
function receipt(tenant: string, id: string, node: string, sku: string, quantity: number): Commit {
  return {
    events: [{ type: 'StockReceived', id: id as EventId, tenant: tenant as TenantId, at: '2026-03-27T08:00:00.000Z', version: 1, payload: { node: node as NodeId, sku: sku as SkuId, quantity } }],
    positions: [{ node: node as NodeId, sku: sku as SkuId, delta: { onHand: quantity }, requireAvailable: false }],
    entities: [],
  };
}

/** Store behaviour beyond the conformance kit: migrations, schemas, scoping, hostile ids, retries. */
export function storeCases(db: () => Promise<Database>, schema: string): void {
  describe('migrations', () => {
    it('are idempotent: a second run applies nothing and keeps the data', async () => {
      const { connection } = await db();
      const name = schemaName('fk_mig');
      const first = await migrate(connection, { schema: name });
      expect(first.applied).toEqual([1, 2, 3]);
      expect(first.routines).toEqual(['add_counts', 'add_lots', 'commit_changes', 'load_slice', 'find_entities']);
      const store = postgresStore({ client: connection, schema: name });
      await store.commit('t' as TenantId, receipt('t', 'e1', 'n', 's', 3));
      const second = await migrate(connection, { schema: name });
      expect(second).toEqual({ applied: [], routines: [], version: 3 });
      expect(await store.readJournal('t' as TenantId)).toHaveLength(1);
    });

    it('upgrade a schema of version 1 in place: its data stays and the changed routines are reinstalled', async () => {
      const database = await db();
      const name = schemaName('fk_mig');
      await migrate(database.connection, { schema: name });
      const store = postgresStore({ client: database.connection, schema: name });
      await store.commit('t' as TenantId, receipt('t', 'e1', 'n', 's', 3));
      // Back to what release 1 left: no version 2 or 3 objects or records, version 1's indexes, and
      // routines of another text.
      const raw = database.pgShaped();
      for (const text of [
        `DROP INDEX "${name}".entities_open_inbound_by_sku`,
        `CREATE INDEX entities_open_inbound ON "${name}".entities (tenant, sku) WHERE kind = 'inbound' AND open`,
        `DROP INDEX "${name}".entities_due_releases`,
        `DROP INDEX "${name}".entities_live_departures`,
        `ALTER TABLE "${name}".entities DROP COLUMN node`,
        `DELETE FROM "${name}".migrations WHERE version IN (2, 3)`,
        `UPDATE "${name}".routines SET checksum = 'release-1' WHERE name IN ('commit_changes', 'load_slice')`,
      ]) {
        await raw.query({ text });
      }
      expect(await migrate(database.connection, { schema: name })).toEqual({ applied: [2, 3], routines: ['commit_changes', 'load_slice'], version: 3 });
      await store.commit('t' as TenantId, receipt('t', 'e2', 'n', 's', 1));
      expect(await store.readJournal('t' as TenantId)).toHaveLength(2);
      expect((await store.load('t' as TenantId, { positions: [{ node: 'n' as NodeId, sku: 's' as SkuId }] })).positions).toMatchObject({ n: { s: { onHand: 4 } } });
    });

    it('are safe when several processes run them at once', async () => {
      const { connection } = await db();
      const name = schemaName('fk_mig');
      const results = await Promise.all(Array.from({ length: 4 }, () => migrate(connection, { schema: name })));
      expect(results.flatMap((r) => r.applied)).toEqual([1, 2, 3]);
      expect(results.every((r) => r.version === 3)).toBe(true);
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      const { connection } = await db();
      for (const bad of ['Fulfillkit', 'a-b', 'x"; DROP SCHEMA public; --', '', '1abc', 'a'.repeat(64)]) {
        await expect(migrate(connection, { schema: bad })).rejects.toThrow(/schema/);
        expect(() => postgresStore({ client: connection, schema: bad })).toThrow(/schema/);
      }
    });
  });

  describe('tenancy and ids', () => {
    it('scopes every method by tenant: the same ids in two tenants never meet', async () => {
      const { connection } = await db();
      const store = postgresStore({ client: connection, schema });
      const [a, b] = [uniqueTenant('scope'), `${uniqueTenant('scope')}.eu` as TenantId];
      const ffA = createFulfillment({ store, tenant: a });
      const ffB = ffA.forTenant(b);
      for (const ff of [ffA, ffB]) {
        await ff.defineNode({ id: 'n1' });
        await ff.defineSku({ id: 'a' });
      }
      await ffA.receiveStock({ node: 'n1', sku: 'a', quantity: 5, idempotencyKey: 'k1' });
      await ffA.placeOrder({ node: 'n1', holdForMs: 1_000, order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 2 }] } });
      expect((await store.load(b, { positions: [{ node: 'n1' as NodeId, sku: 'a' as SkuId }], orders: ['o-1' as never] })).orders).toEqual({});
      expect(await store.readOrderJournal(b, 'o-1' as never)).toEqual([]);
      expect(await store.findIdempotency(b, 'k1')).toBeUndefined();
      expect(await store.findOrdersByStatus(b, 'reserved', 10)).toEqual([]);
      expect(await store.findDueReservations(b, '2999-01-01T00:00:00.000Z', 10)).toEqual([]);
      expect((await store.readJournal(b)).map((e) => e.seq)).toEqual([1, 2]);
      expect((await store.readJournal(a)).length).toBeGreaterThan(2);
      for (const t of [a, b]) {
        const { stored, replayed } = await replayAndLoad(store, t);
        expect(canonical(stored)).toBe(canonical(replayed));
      }
    });

    it('stores and loads hostile ids intact, as own properties', async () => {
      const { connection } = await db();
      const store = postgresStore({ client: connection, schema });
      const tenant = uniqueTenant('hostile');
      const ids = ['__proto__', 'constructor', 'toString', "it's", 'say "hi"', 'x\'); DROP TABLE positions; --', 'back\\slash', 'ünï', '$1'];
      for (const [i, id] of ids.entries()) await store.commit(tenant, receipt(tenant, `e${i}`, id, id, i + 1));
      const slice = await store.load(tenant, { positions: ids.map((id) => ({ node: id as NodeId, sku: id as SkuId })), positionsOfSkus: ['constructor' as SkuId] });
      for (const [i, id] of ids.entries()) {
        expect(Object.hasOwn(slice.positions, id)).toBe(true);
        const byNode = slice.positions[id as NodeId] as Record<string, { onHand: number }>;
        expect(Object.hasOwn(byNode, id)).toBe(true);
        expect(byNode[id]).toMatchObject({ node: id, sku: id, onHand: i + 1 });
      }
      expect(Object.getPrototypeOf(slice.positions)).toBe(Object.prototype);
      expect((await store.readJournal(tenant)).map((e) => e.event.payload)).toEqual(ids.map((id, i) => ({ node: id, sku: id, quantity: i + 1 })));
    });
  });

  describe('retries at the client boundary', () => {
    const failing = (base: Database['pgShaped'], code: string, times: number) => {
      const inner = base();
      let left = times;
      return {
        calls: () => times - left,
        client: {
          query(config: { text: string; values?: unknown[] }) {
            if (config.text.includes('commit_changes') && left > 0) {
              left -= 1;
              return Promise.reject(Object.assign(new Error(`injected ${code}`), { code }));
            }
            return inner.query(config);
          },
        },
      };
    };

    it('runs a commit again after a serialization failure or deadlock, and commits it once', async () => {
      const database = await db();
      for (const code of ['40001', '40P01']) {
        const fault = failing(database.pgShaped, code, 2);
        const store = postgresStore({ client: fault.client, schema, retry: { attempts: 4, baseDelayMs: 1 } });
        const tenant = uniqueTenant('retry');
        const entries = await store.commit(tenant, receipt(tenant, 'e1', 'n', 's', 2));
        expect(fault.calls()).toBe(2);
        expect(entries.map((e) => e.seq)).toEqual([1]);
        expect(await store.readJournal(tenant)).toHaveLength(1);
      }
    });

    it('gives up with a ConcurrencyError when they persist, and wraps other driver errors as AdapterError', async () => {
      const database = await db();
      const persistent = failing(database.pgShaped, '40P01', 100);
      const store = postgresStore({ client: persistent.client, schema, retry: { attempts: 3, baseDelayMs: 1 } });
      const tenant = uniqueTenant('retry');
      await expect(store.commit(tenant, receipt(tenant, 'e1', 'n', 's', 2))).rejects.toMatchObject({ code: 'CONCURRENCY', details: { reason: 'deadlock', sqlState: '40P01', attempts: 3 } });
      expect(persistent.calls()).toBe(3);
      const broken = failing(database.pgShaped, '42P01', 1);
      const other = postgresStore({ client: broken.client, schema });
      await expect(other.commit(tenant, receipt(tenant, 'e1', 'n', 's', 2))).rejects.toMatchObject({ code: 'ADAPTER', details: { sqlState: '42P01', operation: 'commit' } });
      expect(broken.calls()).toBe(1);
      expect(await store.readJournal(tenant)).toEqual([]);
    });
  });
}
