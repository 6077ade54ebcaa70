import { Redis } from 'ioredis';
import {
  type Commit,
  createFulfillment,
  type EventId,
  type FulfillmentEvent,
  type NodeId,
  type OrderId,
  type SkuId,
  type TenantId,
  seededIds,
  SimulatedClock,
} from 'fulfillkit';
import { keySlot, redisStore } from 'fulfillkit/adapters/redis';
import { canonical, replayAndLoad, uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys, keysUnder, privateRedis } from '../support/redis';
import { REDIS_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('Redis', REDIS_URL);
const prefix = `fk-store-${process.pid}-${Date.now().toString(36)}`;
const START = Date.parse('2026-03-27T08:00:00.000Z');

const received = (tenant: string, id: string, node: string, sku: string, quantity: number): FulfillmentEvent => ({
  type: 'StockReceived',
  id: id as EventId,
  tenant: tenant as TenantId,
  at: '2026-03-27T08:00:00.000Z',
  version: 1,
  payload: { node: node as NodeId, sku: sku as SkuId, quantity },
});
const receipt = (tenant: string, id: string, node: string, sku: string, quantity: number): Commit => ({
  events: [received(tenant, id, node, sku, quantity)],
  positions: [{ node: node as NodeId, sku: sku as SkuId, delta: { onHand: quantity }, requireAvailable: false }],
  entities: [],
});

describe.skipIf(!available)('redis store', () => {
  const client = new Redis(REDIS_URL, { lazyConnect: true, autoResendUnfulfilledCommands: false });
  const store = redisStore({ client, prefix });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.quit();
  });

  it('computes Redis Cluster hash slots as the spec does', () => {
    expect(keySlot('123456789')).toBe(12739); // CRC16/XMODEM check value 0x31C3
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('foo{}{bar}')).toBe(keySlot('foo{}{bar}'));
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
    expect(keySlot('foo{bar}{zap}')).toBe(keySlot('bar'));
  });

  it('puts every key a tenant writes in one hash slot, and only under its own tag', async () => {
    const tenants = [uniqueTenant('slot'), uniqueTenant('slot')];
    for (const tenant of tenants) {
      const clock = new SimulatedClock(START);
      const ff = createFulfillment({ store, tenant, clock, ids: seededIds(7) });
      await ff.defineNode({ id: 'n1', dailyCapacity: { orders: 10 }, ringFences: [{ channel: 'store', share: 0.25 }] });
      await ff.defineNode({ id: 'n2' });
      await ff.defineSku({ id: 'a' });
      await ff.defineSku({ id: 'lot', lotTracked: true });
      await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 20 });
      await ff.receiveStock({ node: 'n1', sku: 'lot', quantity: 5, lot: 'L1' });
      await ff.expectInbound({ id: 'po-1', node: 'n2', sku: 'a', quantity: 5, expectedAt: '2026-04-01T00:00:00Z' });
      await ff.placeOrder({ order: { id: 'o-1', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 2 }] }, holdForMs: 60_000 });
      await ff.placeOrder({ node: 'n2', onShortage: 'backorder', order: { id: 'o-2', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] } });
      await ff.reserve({ node: 'n1', channel: 'store', lines: [{ sku: 'a', quantity: 1 }], idempotencyKey: 'cart:{7}%' });
      await ff.releaseOrder('o-1');
      await ff.shipOrder('o-1');
      await ff.placeOrder({ node: 'n1', order: { id: 'o-3', channel: 'web', lines: [{ id: '1', sku: 'a', quantity: 1 }] }, holdForMs: 60_000 });
    }
    const keys = await keysUnder(client, prefix);
    for (const tenant of tenants) {
      const own = keys.filter((k) => k.startsWith(`${prefix}:{${tenant}}:`));
      expect(own.length).toBeGreaterThan(15);
      expect(new Set(own.map(keySlot)).size, `slots of ${tenant}`).toBe(1);
      // Every key of the tenant carries its tag first, so no id inside a key can move the slot.
      for (const key of own) expect(key.indexOf('{')).toBe(prefix.length + 1);
    }
    const kinds = new Set(keys.map((k) => k.split(':')[2]));
    for (const kind of ['journal', 'seq', 'node', 'sku', 'order', 'reservation', 'inbound', 'pos', 'sku-nodes', 'status', 'expiring', 'open-inbound', 'oj', 'dem', 'dem-nodes', 'wl', 'idem']) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('keeps hostile ids apart: separators, braces, percent signs, unicode, prototype names', async () => {
    const tenant = uniqueTenant('hostile');
    const nodes = ['a:b', 'a', 'x{y}z', '%3A', '%003A', ':', 'constructor', '__proto__', 'naïve', '🚚', '\ud800', 'sp ace'];
    const skus = ['c', 'b:c', '}{', 'toString', '%'];
    let q = 1;
    for (const node of nodes) for (const sku of skus) await store.commit(tenant, receipt(tenant, `e${q}`, node, sku, q++));
    const slice = await store.load(tenant, { positions: nodes.flatMap((node) => skus.map((sku) => ({ node: node as NodeId, sku: sku as SkuId }))) });
    q = 1;
    for (const node of nodes) {
      for (const sku of skus) {
        const p = Object.hasOwn(slice.positions, node) ? (slice.positions as Record<string, Record<string, { onHand: number; node: string; sku: string }>>)[node] : undefined;
        expect(p && Object.hasOwn(p, sku) ? p[sku] : undefined, `${node}/${sku}`).toMatchObject({ node, sku, onHand: q++ });
      }
    }
    expect(Object.getPrototypeOf(slice.positions)).toBe(Object.prototype);
    const bySku = await store.load(tenant, { positionsOfSkus: ['b:c' as SkuId] });
    expect(Object.keys(bySku.positions).sort()).toEqual([...nodes].sort());
    // Entities and indexes with the same hostile ids.
    const order = (id: string) => ({ id, status: 'backordered', placedAt: '2026-03-27T08:00:00.000Z', version: 1 });
    const ids = ['o:1', 'o%3A1', 'o{1}', 'constructor'];
    for (const id of ids) {
      await store.commit(tenant, { events: [], positions: [], entities: [{ kind: 'order', id, expectedVersion: 0, value: order(id) }] });
    }
    const orders = await store.load(tenant, { orders: ids as OrderId[] });
    expect(Object.keys(orders.orders).sort()).toEqual([...ids].sort());
    expect(await store.findOrdersByStatus(tenant, 'backordered', 10)).toEqual([...ids].sort());
    // An idempotency key may hold any printable character.
    const keyed: Commit = { events: [], positions: [], entities: [], idempotency: { key: 'k:{x}%25', fingerprint: 'f', result: { ok: true } } };
    await store.commit(tenant, keyed);
    expect(await store.findIdempotency(tenant, 'k:{x}%')).toBeUndefined();
    expect(await store.findIdempotency(tenant, 'k:{x}%25')).toEqual(keyed.idempotency);
  });

  it('keeps tenants whose names look like key syntax apart', async () => {
    const base = uniqueTenant('iso');
    const tenants = [base, `${base}}:{x`, `${base}:x`, `${base}%7D`] as TenantId[];
    for (const [i, tenant] of tenants.entries()) await store.commit(tenant, receipt(tenant, 'e1', 'n1', 'a', i + 1));
    for (const [i, tenant] of tenants.entries()) {
      const slice = await store.load(tenant, { positionsOfSkus: ['a' as SkuId] });
      expect(slice.positions['n1' as NodeId]?.['a' as SkuId]?.onHand, tenant).toBe(i + 1);
      expect((await store.readJournal(tenant)).map((e) => e.event.tenant)).toEqual([tenant]);
    }
  });

  it('keeps stored JSON exactly: empty objects and arrays, big and fractional numbers', async () => {
    const tenant = uniqueTenant('json');
    const value = { id: 'n1', version: 1, empty: {}, none: [], nested: [{}, []], big: 9_007_199_254_740_991, small: 0.1 + 0.2, text: 'é\u0000"\\' };
    await store.commit(tenant, { events: [], positions: [], entities: [{ kind: 'node', id: 'n1', expectedVersion: 0, value }] });
    expect((await store.load(tenant, { nodes: ['n1' as NodeId] })).nodes['n1' as NodeId]).toEqual(value);
    const big: Commit = receipt(tenant, 'e-big', 'n1', 'a', 9_007_199_254_740_000);
    await store.commit(tenant, big);
    expect((await store.load(tenant, { positions: [{ node: 'n1' as NodeId, sku: 'a' as SkuId }] })).positions['n1' as NodeId]?.['a' as SkuId]?.onHand).toBe(9_007_199_254_740_000);
    expect((await store.readJournal(tenant))[0]?.event).toEqual(big.events[0]);
  });

  it('32 concurrent reservations on one hot SKU from 8 connections: none oversold, granted = held', async () => {
    const tenant = uniqueTenant('hot');
    const clients = Array.from({ length: 8 }, () => new Redis(REDIS_URL, { autoResendUnfulfilledCommands: false }));
    try {
      const setup = createFulfillment({ store, tenant, clock: new SimulatedClock(START), ids: seededIds(1) });
      await setup.defineNode({ id: 'n1' });
      await setup.defineSku({ id: 'hot' });
      await setup.receiveStock({ node: 'n1', sku: 'hot', quantity: 50 });
      const workers = clients.map((c, i) =>
        createFulfillment({ store: redisStore({ client: c, prefix }), tenant, clock: new SimulatedClock(START), ids: seededIds(100 + i), retry: { attempts: 50, baseDelayMs: 1 } }),
      );
      const quantities = Array.from({ length: 32 }, (_, i) => 1 + (i % 3));
      const results = await Promise.allSettled(
        quantities.map((quantity, i) => workers[i % workers.length]!.placeOrder({ node: 'n1', order: { id: `o-${i}`, channel: 'web', lines: [{ id: '1', sku: 'hot', quantity }] } })),
      );
      let granted = 0;
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') granted += quantities[i]!;
        else expect(r.reason).toMatchObject({ code: 'INSUFFICIENT_STOCK' });
      });
      const { stored, replayed } = await replayAndLoad(store, tenant);
      expect(canonical(stored)).toBe(canonical(replayed));
      const p = stored.positions['n1' as NodeId]?.['hot' as SkuId];
      expect(p?.reserved).toBe(granted);
      expect(granted).toBeLessThanOrEqual(50);
      // Every refusal saw a real shortage: what is left could not serve it.
      results.forEach((r, i) => {
        if (r.status === 'rejected') expect(quantities[i]!).toBeGreaterThan(50 - granted);
      });
    } finally {
      await Promise.all(clients.map((c) => c.quit()));
    }
  });

  it('keeps idempotency records for idempotencyTtlMs when one is set', async () => {
    const tenant = uniqueTenant('ttl');
    const expiring = redisStore({ client, prefix, idempotencyTtlMs: 60_000 });
    await expiring.commit(tenant, { events: [], positions: [], entities: [], idempotency: { key: 'k', fingerprint: 'f', result: 1 } });
    const ttl = await client.pttl(`${prefix}:{${tenant}}:idem:k`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('refuses a prefix with braces (it would move the hash tag)', () => {
    expect(() => redisStore({ client, prefix: 'a{b}' })).toThrow(/prefix/);
  });
});

describe.skipIf(!available)('redis store on a private server', () => {
  it('runs its scripts again after SCRIPT FLUSH and after the server restarted (NOSCRIPT → EVAL)', async () => {
    const server = await privateRedis();
    const client = new Redis(server.url, { autoResendUnfulfilledCommands: false, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
    client.on('error', () => {});
    try {
      const store = redisStore({ client, prefix: 'fk' });
      const tenant = uniqueTenant('noscript');
      await store.commit(tenant, receipt(tenant, 'e1', 'n1', 'a', 1));
      await client.script('FLUSH');
      await store.commit(tenant, receipt(tenant, 'e2', 'n1', 'a', 2));
      expect((await store.load(tenant, { positionsOfSkus: ['a' as SkuId] })).positions['n1' as NodeId]?.['a' as SkuId]?.onHand).toBe(3);
      await server.kill();
      await expect(store.commit(tenant, receipt(tenant, 'e3', 'n1', 'a', 4))).rejects.toMatchObject({ code: 'ADAPTER' });
      await server.start();
      // An empty server (no persistence): the store starts the tenant over, scripts loaded anew.
      for (let i = 0; i < 50 && client.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 50));
      await store.commit(tenant, receipt(tenant, 'e4', 'n1', 'a', 5));
      expect((await store.readJournal(tenant)).map((e) => e.seq)).toEqual([1]);
    } finally {
      client.disconnect();
      await server.kill();
    }
  });
});
