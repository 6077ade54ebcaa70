import fc from 'fast-check';
import { Redis } from 'ioredis';
import type { ChannelId, Commit, LotId, NodeId, PositionChange, RingFence, SkuId, Store, WorkloadChange } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { redisStore } from 'fulfillkit/adapters/redis';
import { canonical, uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeys } from '../support/redis';
import { REDIS_URL, serverAvailable } from '../support/servers';

const available = await serverAvailable('Redis', REDIS_URL);
const prefix = `fk-guards-${process.pid}-${Date.now().toString(36)}`;
const numRuns = process.env.CI ? 300 : 100;

const node = 'n1' as NodeId;
const sku = 'a' as SkuId;
const CHANNELS = ['outlet', 'store', 'web'] as const;

/** Shares whose product with a whole number lands a hair under it (0.29 × 100 = 28.999…), and any other. */
const share = fc.oneof(fc.constantFrom(0.29, 0.57, 0.58, 0.1, 1 / 3, 0.7, 1, 0), fc.double({ min: 0, max: 1, noNaN: true }));
const fence = (channel: string) =>
  fc.record({
    channel: fc.constant(channel as ChannelId),
    size: fc.oneof(share.map((s) => ({ share: s })), fc.integer({ min: 0, max: 40 }).map((q) => ({ quantity: q }))),
    whenExhausted: fc.constantFrom('pool', 'stop'),
  }).map(({ channel, size, whenExhausted }) => ({ channel, ...size, whenExhausted }) as RingFence);
const fences = fc.subarray([...CHANNELS]).chain((channels) => fc.tuple(...channels.map(fence)));
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** A stored position every guard accepts: the start of each run. */
const setup = fc
  .record({
    onHand: fc.integer({ min: 0, max: 200 }),
    reservedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    safety: fc.integer({ min: 0, max: 20 }),
    holds: fc.tuple(fc.nat(10), fc.nat(10), fc.nat(10)),
    lots: fc.tuple(fc.nat(20), fc.nat(20)),
  })
  .map(({ onHand, reservedShare, safety, holds, lots }): PositionChange => {
    const reserved = Math.floor(onHand * reservedShare);
    return {
      node,
      sku,
      delta: { onHand, reserved, safety },
      channels: Object.fromEntries(CHANNELS.map((c, i) => [c, Math.min(holds[i]!, Math.floor(reserved / 3))])) as Record<ChannelId, number>,
      lots: { ['L1' as LotId]: { delta: { onHand: lots[0], reserved: Math.floor(lots[0] / 2) }, receivedAt: '2026-03-01T00:00:00.000Z' }, ['L2' as LotId]: { delta: { onHand: lots[1] }, receivedAt: '2026-03-02T00:00:00.000Z', expiresOn: '2026-05-01' } },
      requireAvailable: false,
    };
  });

/** Any change at all, valid or not: the two stores must agree on it. */
const change = fc
  .record({
    onHand: fc.integer({ min: -15, max: 10 }),
    reserved: fc.integer({ min: -5, max: 30 }),
    allocated: fc.integer({ min: 0, max: 3 }),
    safety: fc.integer({ min: -3, max: 5 }),
    channels: maybe(fc.tuple(fc.integer({ min: -4, max: 10 }), fc.integer({ min: -4, max: 10 }), fc.integer({ min: -4, max: 10 }))),
    lots: maybe(fc.tuple(fc.integer({ min: -3, max: 5 }), fc.integer({ min: -3, max: 12 }), fc.boolean())),
    requireAvailable: fc.boolean(),
    fences,
  })
  .map(({ onHand, reserved, allocated, safety, channels, lots, requireAvailable, fences }): PositionChange => ({
    node,
    sku,
    delta: { onHand, reserved, allocated, safety },
    ...(channels ? { channels: Object.fromEntries(CHANNELS.flatMap((c, i) => (channels[i] === 0 ? [] : [[c, channels[i]]]))) as Record<ChannelId, number> } : {}),
    ...(lots ? { lots: { ['L1' as LotId]: { delta: { onHand: lots[0], reserved: lots[1] } }, ...(lots[2] ? { ['L3' as LotId]: { delta: { onHand: 2 }, receivedAt: '2026-03-09T00:00:00.000Z' } } : {}) } } : {}),
    requireAvailable,
    ...(fences.length > 0 ? { fences } : {}),
  }));

const workload = fc.record({
  orders: fc.integer({ min: -3, max: 3 }),
  units: fc.integer({ min: -5, max: 9 }),
  limit: maybe(fc.record({ orders: maybe(fc.integer({ min: 0, max: 6 })), units: maybe(fc.integer({ min: 0, max: 12 })) }, { requiredKeys: [] })),
});

async function outcome(store: Store, tenant: string, commit: Commit) {
  try {
    await store.commit(tenant as never, commit);
    return { ok: true };
  } catch (error) {
    const e = error as { code?: string; message?: string; details?: unknown };
    return { code: e.code, message: e.message, details: e.details };
  }
}

describe.skipIf(!available)('redis guards against the reference (memory store)', () => {
  const client = new Redis(REDIS_URL, { lazyConnect: true, autoResendUnfulfilledCommands: false });
  const redis = redisStore({ client, prefix });
  afterAll(async () => {
    await deleteKeys(client, prefix);
    await client.quit();
  });

  it(`accepts and refuses exactly the position changes positionGuardFailure does, with its reasons (${numRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(setup, fc.array(change, { minLength: 1, maxLength: 4 }), async (start, changes) => {
        const memory = memoryStore();
        const tenant = uniqueTenant('guard');
        const first: Commit = { events: [], entities: [], positions: [start] };
        expect(await outcome(redis, tenant, first)).toEqual(await outcome(memory, tenant, first));
        for (const c of changes) {
          const commit: Commit = { events: [], entities: [], positions: [c] };
          expect(await outcome(redis, tenant, commit)).toEqual(await outcome(memory, tenant, commit));
          const keys = { positions: [{ node, sku }] };
          expect(canonical(await redis.load(tenant as never, keys))).toBe(canonical(await memory.load(tenant as never, keys)));
        }
      }),
      { numRuns },
    );
  });

  it('sizes share fences exactly where share × units lands a hair under a whole number (0.29 × 100)', async () => {
    // Every k / n whose product with n comes out under k, for n ≤ 120: floor() alone would make the fence one unit smaller.
    const pairs: [number, number][] = [];
    for (let n = 1; n <= 120; n++) for (let k = 1; k <= n; k++) if ((k / n) * n < k) pairs.push([n, k]);
    expect(pairs).toContainEqual([100, 29]);
    for (const [onHand, k] of pairs) {
      const memory = memoryStore();
      const tenant = uniqueTenant('share');
      const stocked: Commit = { events: [], entities: [], positions: [{ node, sku, delta: { onHand }, requireAvailable: false }] };
      for (const store of [redis, memory]) await store.commit(tenant as never, stocked);
      // Web takes one unit more than the store channel's k / n share leaves free, then exactly that much.
      for (const take of [onHand - k + 1, onHand - k]) {
        const commit: Commit = {
          events: [],
          entities: [],
          positions: [{ node, sku, delta: { reserved: take }, channels: { ['web' as ChannelId]: take }, requireAvailable: true, fences: [{ channel: 'store' as ChannelId, share: k / onHand, whenExhausted: 'pool' }] }],
        };
        const expected = await outcome(memory, tenant, commit);
        expect(expected.ok ?? false, `${k}/${onHand} taking ${take}`).toBe(take === onHand - k);
        expect(await outcome(redis, tenant, commit), `${k}/${onHand} taking ${take}`).toEqual(expected);
      }
    }
  });

  it(`accepts and refuses exactly the workload changes workloadGuardFailure does (${numRuns} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(workload, { minLength: 1, maxLength: 8 }), async (changes) => {
        const memory = memoryStore();
        const tenant = uniqueTenant('workload');
        for (const w of changes) {
          const change = { node, day: '2026-03-27', orders: w.orders, units: w.units, ...(w.limit ? { limit: w.limit } : {}) } as WorkloadChange;
          const commit: Commit = { events: [], entities: [], positions: [], workload: [change] };
          expect(await outcome(redis, tenant, commit)).toEqual(await outcome(memory, tenant, commit));
          const keys = { workload: [{ node, day: '2026-03-27' }] };
          expect(canonical(await redis.load(tenant as never, keys))).toBe(canonical(await memory.load(tenant as never, keys)));
        }
      }),
      { numRuns },
    );
  });
});
