import { Redis } from 'ioredis';
import { type Commit, createFulfillment, type EventId, type JournalEntry, type NodeId, type SkuId, type TenantId, seededIds, SimulatedClock } from 'fulfillkit';
import { type NodeRedisLike, redisStore, redisTransport } from 'fulfillkit/adapters/redis';
import { uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys } from '../support/redis';
import { REDIS_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('Redis', REDIS_URL);
const prefix = `fk-transport-${process.pid}-${Date.now().toString(36)}`;

const receipt = (tenant: string, i: number): Commit => ({
  events: [
    {
      type: 'StockReceived',
      id: `e${i}` as EventId,
      tenant: tenant as TenantId,
      at: '2026-03-27T08:00:00.000Z',
      version: 1,
      payload: { node: 'n1' as NodeId, sku: 'a' as SkuId, quantity: 1 },
    },
  ],
  positions: [{ node: 'n1' as NodeId, sku: 'a' as SkuId, delta: { onHand: 1 }, requireAvailable: false }],
  entities: [],
});

/** Resolves once `check` holds, polling; fails after `ms`. */
async function eventually(check: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!available)('redis transport', () => {
  const client = new Redis(REDIS_URL, { lazyConnect: true, autoResendUnfulfilledCommands: false });
  const store = redisStore({ client, prefix });
  const quiet = { onError: () => {} };
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.quit();
  });

  it('delivers every committed event to every group, in journal order; publish adds nothing', async () => {
    const tenant = uniqueTenant('groups');
    const seen: Record<string, number[]> = { a: [], b: [] };
    const transports = ['a', 'b'].map((group) => redisTransport({ client, prefix, group, blockMs: 200 }));
    const stops = await Promise.all(transports.map((t, i) => t.subscribe(tenant, (e) => void seen[['a', 'b'][i]!]!.push(e.seq))));
    const ff = createFulfillment({ store, tenant, transport: transports[0]!, clock: new SimulatedClock(0), ids: seededIds(1) });
    await ff.defineNode({ id: 'n1' });
    await ff.defineSku({ id: 'a' });
    for (let i = 0; i < 10; i++) await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
    const journal = await store.readJournal(tenant);
    expect(journal).toHaveLength(12);
    await eventually(() => seen.a!.length >= 12 && seen.b!.length >= 12);
    await new Promise((r) => setTimeout(r, 100));
    for (const group of ['a', 'b']) expect(seen[group]).toEqual(journal.map((e) => e.seq));
    await Promise.all(stops.map((stop) => stop()));
  });

  it('hands each event to one consumer of a group: two consumers share the stream, nothing twice', async () => {
    const tenant = uniqueTenant('share');
    const got = new Map<string, string[]>([['c1', []], ['c2', []]]);
    const stops = await Promise.all(
      ['c1', 'c2'].map((consumer) =>
        redisTransport({ client, prefix, group: 'g', consumer, batch: 1, blockMs: 200 }).subscribe(tenant, async (e) => {
          got.get(consumer)!.push(e.event.id);
          await new Promise((r) => setTimeout(r, 2));
        }),
      ),
    );
    for (let i = 0; i < 40; i++) {
      await store.commit(tenant, receipt(tenant, i));
      if (i % 4 === 0) await new Promise((r) => setTimeout(r, 3));
    }
    await eventually(() => got.get('c1')!.length + got.get('c2')!.length >= 40);
    await new Promise((r) => setTimeout(r, 100));
    const all = [...got.get('c1')!, ...got.get('c2')!];
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(got.get('c1')!.length, 'c1 took a share').toBeGreaterThan(0);
    expect(got.get('c2')!.length, 'c2 took a share').toBeGreaterThan(0);
    await Promise.all(stops.map((stop) => stop()));
  });

  it("takes over a crashed consumer's pending events with XAUTOCLAIM", async () => {
    const tenant = uniqueTenant('crash');
    const journal = `${prefix}:{${tenant}}:journal`;
    await client.xgroup('CREATE', journal, 'g', '$', 'MKSTREAM');
    for (let i = 0; i < 5; i++) await store.commit(tenant, receipt(tenant, i));
    // A consumer reads everything, then dies before acknowledging any of it.
    const read = (await client.call('XREADGROUP', 'GROUP', 'g', 'crashed', 'COUNT', 100, 'STREAMS', journal, '>')) as unknown[];
    expect(read).not.toBeNull();
    const seen: number[] = [];
    const stop = await redisTransport({ client, prefix, group: 'g', consumer: 'survivor', claimIdleMs: 100, blockMs: 50 }).subscribe(tenant, (e) => void seen.push(e.seq));
    await eventually(() => seen.length >= 5);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const pending = (await client.xpending(journal, 'g')) as [number, ...unknown[]];
    expect(pending[0]).toBe(0);
    await stop();
  });

  it('moves an event whose handler keeps failing to the dead-letter stream after maxDeliveries', async () => {
    const tenant = uniqueTenant('dlq');
    const journal = `${prefix}:{${tenant}}:journal`;
    const attempts = new Map<number, number>();
    const errors: unknown[] = [];
    const transport = redisTransport({ client, prefix, group: 'g', maxDeliveries: 3, claimIdleMs: 30, blockMs: 20, onError: (e) => errors.push(e) });
    const stop = await transport.subscribe(tenant, (e: JournalEntry) => {
      attempts.set(e.seq, (attempts.get(e.seq) ?? 0) + 1);
      if (e.seq === 2) throw new Error('poison');
    });
    for (let i = 0; i < 3; i++) await store.commit(tenant, receipt(tenant, i));
    const dlq = `${prefix}:{${tenant}}:dlq:g`;
    await eventually(() => attempts.get(2) === 3);
    let dead: [string, string[]][] = [];
    await eventually(async () => {
      dead = await client.xrange(dlq, '-', '+');
      return dead.length > 0;
    });
    expect(dead).toHaveLength(1);
    const fields = Object.fromEntries(dead[0]![1].flatMap((v, i, all) => (i % 2 === 0 ? [[v, all[i + 1]]] : [])));
    expect(fields).toMatchObject({ id: '0-2', group: 'g', deliveries: '4' });
    expect(JSON.parse(fields.e!).id).toBe('e1');
    expect(attempts.get(1)).toBe(1);
    expect(attempts.get(2), 'handled maxDeliveries times, no more').toBe(3);
    expect(attempts.get(3)).toBe(1);
    expect(errors).toHaveLength(3);
    expect(((await client.xpending(journal, 'g')) as [number])[0]).toBe(0);
    await stop();
  });

  it('stops at once (the blocked read is woken), delivers nothing after, and can start over from the beginning', async () => {
    const tenant = uniqueTenant('stop');
    const seen: number[] = [];
    const transport = redisTransport({ client, prefix, group: 'g', blockMs: 10_000 });
    const stop = await transport.subscribe(tenant, (e) => void seen.push(e.seq));
    await store.commit(tenant, receipt(tenant, 1));
    await eventually(() => seen.length === 1);
    const began = Date.now();
    await stop();
    expect(Date.now() - began, 'stop did not wait for the 10 s block').toBeLessThan(2_000);
    await store.commit(tenant, receipt(tenant, 2));
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual([1]);
    // A new group that starts at the beginning reads the whole journal; close() stops it.
    const replay: number[] = [];
    const fresh = redisTransport({ client, prefix, group: 'audit', startAt: 'beginning', blockMs: 10_000 });
    await fresh.subscribe(tenant, (e) => void replay.push(e.seq));
    await eventually(() => replay.length === 2);
    await fresh.close?.();
    expect(replay).toEqual([1, 2]);
  });

  it('polls when the client cannot duplicate itself', async () => {
    const tenant = uniqueTenant('poll');
    const plain = { call: (command: string, ...args: (string | number)[]) => client.call(command, ...args) };
    const seen: number[] = [];
    const stop = await redisTransport({ client: plain, prefix, group: 'g', blockMs: 20, ...quiet }).subscribe(tenant, (e) => void seen.push(e.seq));
    for (let i = 0; i < 3; i++) await store.commit(tenant, receipt(tenant, i));
    await eventually(() => seen.length === 3);
    await stop();
    expect(seen).toEqual([1, 2, 3]);
  });
  it('works through a node-redis-shaped client: sendCommand with strings, duplicate() connected before use', async () => {
    const tenant = uniqueTenant('node-redis');
    const sent: unknown[][] = [];
    let connects = 0;
    const shaped = (c: Redis): NodeRedisLike => ({
      sendCommand: (args: string[]) => {
        sent.push(args);
        return c.call(args[0]!, ...args.slice(1));
      },
      duplicate: () => {
        const copy = c.duplicate({ lazyConnect: true });
        return {
          ...shaped(copy),
          connect: async () => {
            connects += 1;
            await copy.connect();
          },
          quit: () => copy.quit(),
        };
      },
    });
    const nodeRedis = shaped(client);
    const viaNodeRedis = redisStore({ client: nodeRedis, prefix });
    const seen: number[] = [];
    const stop = await redisTransport({ client: nodeRedis, prefix, group: 'g', blockMs: 50 }).subscribe(tenant, (e) => void seen.push(e.seq));
    for (let i = 0; i < 3; i++) await viaNodeRedis.commit(tenant, receipt(tenant, i));
    expect((await viaNodeRedis.load(tenant, { positionsOfSkus: ['a' as SkuId] })).positions['n1' as NodeId]?.['a' as SkuId]?.onHand).toBe(3);
    await eventually(() => seen.length === 3);
    await stop();
    expect(seen).toEqual([1, 2, 3]);
    expect(connects).toBe(1);
    expect(sent.every((args) => args.every((a) => typeof a === 'string'))).toBe(true);
  });
});
