import { createFulfillment, type JournalEntry, type TenantId, type Transport } from 'fulfillkit';
import { postgresStore, postgresTransport, type PostgresTransportOptions, readDeadLetters } from 'fulfillkit/adapters/postgres';
import { uniqueTenant } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';
import type { Database } from './postgres-store-cases';

/** Polls `done` until it holds or `ms` pass. */
async function until(done: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Outbox and relay behaviour: delivery per group, shared groups, wake-ups, dead letters. */
export function transportCases(db: () => Promise<Database>, schema: string): void {
  describe('outbox transport', () => {
    const open: Transport[] = [];
    const transport = async (options: Omit<PostgresTransportOptions, 'client' | 'schema'>) => {
      const { connection } = await db();
      const t = postgresTransport({ client: connection, schema, onError: () => {}, ...options });
      open.push(t);
      return t;
    };
    const closeAll = async () => {
      await Promise.all(open.splice(0).map((t) => t.close?.()));
    };
    const world = async (tenant: TenantId) => {
      const { connection } = await db();
      const ff = createFulfillment({ store: postgresStore({ client: connection, schema }), tenant });
      await ff.defineNode({ id: 'n1' });
      await ff.defineSku({ id: 'a' });
      return ff;
    };

    it('delivers every event committed after a group registered to that group, at least once, in order', async () => {
      const tenant = uniqueTenant('outbox');
      const ff = await world(tenant);
      const heard: Record<string, number[]> = { billing: [], search: [] };
      try {
        for (const group of ['billing', 'search'] as const) {
          const t = await transport({ group, pollMs: 50 });
          await t.subscribe(tenant, ({ seq }) => {
            heard[group]!.push(seq);
          });
        }
        for (let i = 0; i < 20; i++) await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
        const journal = (await ff.readJournal()).map((e) => e.seq).filter((seq) => seq > 2);
        await until(() => heard.billing!.length >= 20 && heard.search!.length >= 20);
        expect(heard.billing).toEqual(journal);
        expect(heard.search).toEqual(journal);
      } finally {
        await closeAll();
      }
    });

    it('lets two relays of one group share its events without delivering one twice (SKIP LOCKED)', async () => {
      const tenant = uniqueTenant('outbox');
      const ff = await world(tenant);
      const byRelay: number[][] = [[], []];
      try {
        for (const relay of [0, 1]) {
          const t = await transport({ group: 'shared', pollMs: 20, batch: 3 });
          await t.subscribe(tenant, async ({ seq }) => {
            byRelay[relay]!.push(seq);
            await new Promise((r) => setTimeout(r, 1));
          });
        }
        await Promise.all(Array.from({ length: 60 }, () => ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 })));
        await until(() => byRelay[0]!.length + byRelay[1]!.length >= 60);
        await new Promise((r) => setTimeout(r, 100));
        const all = [...byRelay[0]!, ...byRelay[1]!].sort((x, y) => x - y);
        expect(all).toEqual(Array.from({ length: 60 }, (_, i) => i + 3));
        expect(byRelay[0]!.length).toBeGreaterThan(0);
        expect(byRelay[1]!.length).toBeGreaterThan(0);
      } finally {
        await closeAll();
      }
    });

    it('wakes a sleeping relay by NOTIFY, well before its poll', async () => {
      const tenant = uniqueTenant('outbox');
      const ff = await world(tenant);
      // Commits go through a runtime without the transport: only NOTIFY can wake the relay.
      let heardAt = 0;
      try {
        const t = await transport({ pollMs: 30_000 });
        await t.subscribe(tenant, () => {
          heardAt = performance.now();
        });
        await new Promise((r) => setTimeout(r, 200));
        const committedAt = performance.now();
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
        await until(() => heardAt > 0, 5_000);
        expect(heardAt - committedAt).toBeLessThan(1_000);
      } finally {
        await closeAll();
      }
    });

    it('moves an entry whose handler keeps failing to the dead letters after maxAttempts, and goes on', async () => {
      const tenant = uniqueTenant('outbox');
      const ff = await world(tenant);
      const { connection } = await db();
      const tries = new Map<number, number>();
      const handled: JournalEntry[] = [];
      try {
        const t = await transport({ group: 'picky', pollMs: 20, maxAttempts: 3, retryDelayMs: 10 });
        await t.subscribe(tenant, (entry) => {
          tries.set(entry.seq, (tries.get(entry.seq) ?? 0) + 1);
          if (entry.event.type === 'StockAdjusted') throw new Error('cannot handle adjustments');
          handled.push(entry);
        });
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
        await ff.adjustStock({ node: 'n1', sku: 'a', delta: -1, reason: 'damage' });
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
        let dead: Awaited<ReturnType<typeof readDeadLetters>> = [];
        await until(() => handled.length === 2 && (tries.get(4) ?? 0) >= 3);
        await until(() => false, 100).catch(() => {});
        dead = await readDeadLetters(connection, { tenant, group: 'picky', schema });
        expect(dead.map((d) => [d.entry.seq, d.entry.event.type, d.attempts, d.lastError])).toEqual([[4, 'StockAdjusted', 3, 'cannot handle adjustments']]);
        expect(tries.get(4)).toBe(3);
        expect(handled.map((e) => e.seq)).toEqual([3, 5]);
      } finally {
        await closeAll();
      }
    });

    it('stops delivering once the subscription is stopped', async () => {
      const tenant = uniqueTenant('outbox');
      const ff = await world(tenant);
      const heard: number[] = [];
      try {
        const t = await transport({ group: 'brief', pollMs: 20 });
        const stop = await t.subscribe(tenant, ({ seq }) => {
          heard.push(seq);
        });
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
        await until(() => heard.length === 1);
        await stop();
        await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
        await new Promise((r) => setTimeout(r, 150));
        expect(heard).toEqual([3]);
      } finally {
        await closeAll();
      }
    });
  });
}
