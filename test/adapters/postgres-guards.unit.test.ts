import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import type { Commit, NodeId, PositionChange, SkuId, Store, TenantId, WorkloadChange } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { uniqueTenant } from 'fulfillkit/testing';
import { afterAll, describe, expect, it } from 'vitest';

// The commit routine restates the position and workload rules in SQL (all but ring-fences) so
// that the hot rows stay locked for one statement only. This holds it to the reference: the same
// commits on the memory store and on PostgreSQL end the same way, with the same error and rows.
const db = new PGlite();
const schema = 'fulfillkit_guards';
const ready = migrate(db, { schema });
afterAll(() => db.close());

const node = 'n1' as NodeId;
const sku = 's1' as SkuId;
const DAY = '2026-03-27';

const lotIds = fc.constantFrom('L1', 'L2', 'L3');
const channelIds = fc.constantFrom('web', 'store', 'b2b');

/** A stored position that passes the physical rule (as every stored position does). */
const opening = fc
  .record({
    reserved: fc.nat(8),
    allocated: fc.nat(4),
    free: fc.nat(8),
    safety: fc.nat(6),
    lots: fc.option(fc.dictionary(lotIds, fc.record({ reserved: fc.nat(4), free: fc.nat(4), expiresOn: fc.option(fc.constant('2026-05-01'), { nil: undefined }) }), { maxKeys: 2 }), { nil: undefined }),
    channels: fc.option(fc.dictionary(channelIds, fc.nat(6), { maxKeys: 2 }), { nil: undefined }),
  })
  .map(
    ({ reserved, allocated, free, safety, lots, channels }) =>
      ({
      node,
      sku,
      delta: { onHand: reserved + allocated + free, reserved, allocated, safety },
      requireAvailable: false,
      ...(lots
        ? {
            lots: Object.fromEntries(
              Object.entries(lots).map(([id, l]) => [
                id,
                { delta: { onHand: l.reserved + l.free, reserved: l.reserved }, receivedAt: '2026-03-01T00:00:00.000Z', ...(l.expiresOn ? { expiresOn: l.expiresOn } : {}) },
              ]),
            ) as PositionChange['lots'],
          }
        : {}),
      ...(channels ? { channels: channels as PositionChange['channels'] } : {}),
    }) as unknown as PositionChange,
  );

const small = fc.integer({ min: -8, max: 8 });
/** Any change at all: the stores must agree on what to refuse. */
const change = fc
  .record({
    delta: fc.record({ onHand: small, reserved: small, allocated: small, safety: small }, { requiredKeys: [] }),
    lots: fc.option(fc.dictionary(lotIds, fc.record({ onHand: small, reserved: small, expiresOn: fc.option(fc.constant('2026-06-01'), { nil: undefined }) }), { maxKeys: 2 }), {
      nil: undefined,
    }),
    channels: fc.option(fc.dictionary(channelIds, small, { maxKeys: 2 }), { nil: undefined }),
    requireAvailable: fc.boolean(),
    fences: fc.option(fc.array(fc.record({ channel: channelIds, quantity: fc.nat(6), whenExhausted: fc.constantFrom('pool' as const, 'stop' as const) }), { maxLength: 2 }), {
      nil: undefined,
      freq: 3,
    }),
  })
  .map(
    (c) =>
      ({
      node,
      sku,
      delta: c.delta,
      requireAvailable: c.requireAvailable,
      ...(c.lots
        ? {
            lots: Object.fromEntries(
              Object.entries(c.lots).map(([id, l]) => [id, { delta: { onHand: l.onHand, reserved: l.reserved }, receivedAt: '2026-03-02T00:00:00.000Z', ...(l.expiresOn ? { expiresOn: l.expiresOn } : {}) }]),
            ) as PositionChange['lots'],
          }
        : {}),
      ...(c.channels ? { channels: c.channels as PositionChange['channels'] } : {}),
      ...(c.fences && c.fences.length > 0 ? { fences: [...new Map(c.fences.map((f) => [f.channel, f])).values()] } : {}),
    }) as unknown as PositionChange,
  );

const workload = fc.record({
  booked: fc.record({ orders: fc.nat(6), units: fc.nat(12) }),
  orders: fc.integer({ min: -8, max: 3 }),
  units: fc.integer({ min: -14, max: 6 }),
  limit: fc.option(fc.record({ orders: fc.nat(8), units: fc.nat(16) }, { requiredKeys: [] }), { nil: undefined }),
});

const only = (positions: PositionChange[], work: WorkloadChange[] = []): Commit => ({ events: [], entities: [], positions, ...(work.length > 0 ? { workload: work } : {}) });

/** Commits both, in turn, to a store; the second's outcome, and what is stored after. */
async function run(store: Store, tenant: TenantId, first: Commit, second: Commit) {
  await store.commit(tenant, first);
  const outcome = await store.commit(tenant, second).then(
    () => 'ok',
    (e: { code?: string; message: string; details?: unknown }) => ({ code: e.code, message: e.message, details: e.details }),
  );
  const slice = await store.load(tenant, { positions: [{ node, sku }], workload: [{ node, day: DAY }] });
  return { outcome, position: slice.positions[node]?.[sku], workload: slice.workload[node]?.[DAY] };
}

/** Drops lots and holds at zero, which a store may keep or drop. */
function normal(p: unknown) {
  if (!p || typeof p !== 'object') return p;
  const { lots, channels, ...rest } = p as { lots?: Record<string, { onHand: number; reserved: number }>; channels?: Record<string, number> };
  const keptLots = Object.entries(lots ?? {}).filter(([, l]) => l.onHand !== 0 || l.reserved !== 0);
  const keptChannels = Object.entries(channels ?? {}).filter(([, n]) => n !== 0);
  return { ...rest, ...(keptLots.length ? { lots: Object.fromEntries(keptLots) } : {}), ...(keptChannels.length ? { channels: Object.fromEntries(keptChannels) } : {}) };
}

/**
 * When several lots (or channel holds) fail at once the reference names the first it finds, in
 * the order the object holds them: the memory store keeps insertion order, jsonb sorts keys. Same
 * refusal, same details; the lot or channel named may differ.
 */
function sameFailure(outcome: unknown) {
  if (typeof outcome !== 'object' || outcome === null) return outcome;
  const o = outcome as { message: string };
  const message = o.message
    .replace(/: (a counter of lot \S+ would go below zero|lot \S+: reserved exceed on hand)$/, ': <a lot fails>')
    .replace(/: channel \S+ would hold fewer than zero$/, ': <a channel holds fewer than zero>');
  return { ...o, message };
}

describe('the commit routine agrees with the reference guards', () => {
  it('on random positions, lots, channel holds and fences', async () => {
    await ready;
    const pg = postgresStore({ client: db, schema });
    await fc.assert(
      fc.asyncProperty(opening, change, async (open, next) => {
        const tenant = uniqueTenant('guard');
        const expected = await run(memoryStore(), tenant, only([open]), only([next]));
        const actual = await run(pg, tenant, only([open]), only([next]));
        expect(sameFailure(actual.outcome)).toEqual(sameFailure(expected.outcome));
        expect(normal(actual.position)).toEqual(normal(expected.position));
      }),
      { numRuns: 150 },
    );
  });

  it('on random workload changes and limits', async () => {
    await ready;
    const pg = postgresStore({ client: db, schema });
    await fc.assert(
      fc.asyncProperty(workload, async (w) => {
        const tenant = uniqueTenant('guard');
        const first = only([], [{ node, day: DAY, ...w.booked }]);
        const second = only([], [{ node, day: DAY, orders: w.orders, units: w.units, ...(w.limit ? { limit: w.limit } : {}) }]);
        const expected = await run(memoryStore(), tenant, first, second);
        const actual = await run(pg, tenant, first, second);
        expect(actual.outcome).toEqual(expected.outcome);
        expect(actual.workload ?? { orders: 0, units: 0 }).toEqual(expected.workload ?? { orders: 0, units: 0 });
      }),
      { numRuns: 100 },
    );
  });
});

