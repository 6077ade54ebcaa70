import fc from 'fast-check';
import { createFulfillment, type DepartureId, type FulfillmentEvent, type FulfillmentState, fold, initialState, isFulfillkitError, own, planCommit, SimulatedClock, seededIds, stableStringify } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

const NODES = ['n1', 'n2'] as const;
const SKUS = ['a', 'b'] as const;
const ENTITIES = ['nodes', 'skus', 'orders', 'reservations', 'inbound', 'returns', 'calendars', 'departures'] as const;

/** One random step of a small fulfillment session; a refused step is simply skipped. */
const step = fc.oneof(
  fc.record({ op: fc.constant('receive' as const), node: fc.constantFrom(...NODES), sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 9 }), lot: fc.option(fc.constantFrom('L1', 'L2'), { nil: undefined }) }),
  fc.record({ op: fc.constant('adjust' as const), node: fc.constantFrom(...NODES), sku: fc.constantFrom(...SKUS), delta: fc.integer({ min: -3, max: 3 }).filter((d) => d !== 0) }),
  fc.record({ op: fc.constant('reserve' as const), node: fc.constantFrom(...NODES), sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 4 }), channel: fc.option(fc.constant('web'), { nil: undefined }) }),
  fc.record({ op: fc.constantFrom('release' as const, 'consume' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('place' as const), node: fc.constantFrom(...NODES), lines: fc.array(fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constantFrom('inbound' as const, 'transfer' as const), sku: fc.constant('b' as const), quantity: fc.integer({ min: 1, max: 5 }), part: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ op: fc.constantFrom('cancel' as const, 'ship' as const, 'hold' as const, 'unhold' as const), pick: fc.nat() }),
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

/** The journal a random session writes: every kind of state the evolvers touch, in a realistic order. */
async function journalOf(steps: readonly Step[]): Promise<FulfillmentEvent[]> {
  const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-27T08:00:00.000Z'), ids: seededIds(7), random: () => 0 });
  for (const id of NODES) await ff.defineNode({ id, dailyCapacity: { orders: 50 } });
  await ff.defineSku({ id: 'a', lotTracked: true });
  await ff.defineSku({ id: 'b' });
  for (const node of NODES) {
    await ff.receiveStock({ node, sku: 'a', quantity: 12, lot: 'L1', expiresOn: '2027-01-01' });
    await ff.receiveStock({ node, sku: 'b', quantity: 12 });
  }
  const reservations: string[] = [];
  const orders: string[] = [];
  for (const [i, s] of steps.entries()) {
    try {
      if (s.op === 'receive') await ff.receiveStock({ node: s.node, sku: s.sku, quantity: s.quantity, ...(s.sku === 'a' ? { lot: s.lot ?? 'L1', expiresOn: '2027-01-01' } : {}) });
      if (s.op === 'adjust') await ff.adjustStock({ node: s.node, sku: s.sku, delta: s.delta, reason: s.delta > 0 ? 'found' : 'damage' });
      if (s.op === 'reserve') reservations.push(...(await ff.reserve({ node: s.node, lines: [{ sku: s.sku, quantity: s.quantity }], ...(s.channel ? { channel: s.channel } : {}) })).map((r) => r.id));
      if ((s.op === 'release' || s.op === 'consume') && reservations.length > 0) {
        const [id] = reservations.splice(s.pick % reservations.length, 1);
        await (s.op === 'release' ? ff.releaseReservations({ reservations: [id!] }) : ff.consumeReservations({ reservations: [id!] }));
      }
      if (s.op === 'inbound' || s.op === 'transfer') {
        const id = `in-${i}`;
        if (s.op === 'inbound') await ff.expectInbound({ id, node: 'n2', sku: s.sku, quantity: s.quantity, expectedAt: '2026-04-01T00:00:00.000Z' });
        else await ff.transferStock({ id, from: 'n1', to: 'n2', sku: s.sku, quantity: s.quantity, expectedAt: '2026-03-28T00:00:00.000Z' });
        if (s.part > 0) await ff.receiveStock({ node: 'n2', sku: s.sku, quantity: Math.min(s.part, s.quantity), inbound: id });
        else await ff.cancelInbound({ inbound: id });
      }
      if (s.op === 'place') {
        const id = `o-${i}`;
        await ff.placeOrder({ node: s.node, onShortage: 'backorder', order: { id, channel: 'web', lines: s.lines.map((l, k) => ({ id: `l${k}`, ...l })) } });
        orders.push(id);
      }
      if (s.op !== 'place' && 'pick' in s && s.op !== 'release' && s.op !== 'consume' && orders.length > 0) {
        const order = orders[s.pick % orders.length]!;
        if (s.op === 'cancel') await ff.cancelOrder({ order, reason: 'customer asked' });
        if (s.op === 'ship') {
          await ff.releaseOrder({ order });
          await ff.shipOrder({ order });
        }
        if (s.op === 'hold') await ff.holdOrder({ order, reason: 'check' });
        if (s.op === 'unhold') await ff.releaseHold({ order });
      }
    } catch (error) {
      // Refused (short, wrong status …): nothing was written, the session goes on. Anything else is a bug.
      if (!isFulfillkitError(error)) throw error;
    }
  }
  return (await ff.readJournal()).map((e) => e.event);
}

/** Whether every object reachable from `value` is frozen. */
function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/** Entities equal in value before and after a fold must be the same object: "changed" is a reference test. */
function sharedWhereEqual(before: FulfillmentState, after: FulfillmentState): boolean {
  return ENTITIES.every((collection) => {
    const was = before[collection] as Readonly<Record<string, unknown>>;
    const now = after[collection] as Readonly<Record<string, unknown>>;
    return Object.keys(was).every((id) => !Object.hasOwn(now, id) || (stableStringify(was[id]) === stableStringify(now[id])) === (was[id] === now[id]));
  });
}

describe('fold', () => {
  it('copies on write: the input never changes, unchanged entities stay the same objects, the result is frozen', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 6 }), async (steps, cuts) => {
        const events = await journalOf(steps);
        // Fold the journal in random chunks: each chunk is one fold over the previous result.
        const bounds = [...new Set([0, ...cuts.map((c) => c % (events.length + 1)), events.length])].sort((a, b) => a - b);
        let state = initialState();
        for (let i = 1; i < bounds.length; i++) {
          const before = state;
          const snapshot = JSON.stringify(before);
          state = fold(before, events.slice(bounds[i - 1], bounds[i]));
          expect(JSON.stringify(before)).toBe(snapshot);
          expect(deeplyFrozen(state)).toBe(true);
          expect(sharedWhereEqual(before, state)).toBe(true);
        }
        // However the journal is cut, the result is the same, byte for byte.
        expect(stableStringify(state)).toBe(stableStringify(fold(initialState(), events)));
        expect(JSON.stringify(state)).toBe(JSON.stringify(events.reduce<FulfillmentState>((s, e) => fold(s, [e]), initialState())));
      }),
      { numRuns: 40 },
    );
  });

  it('gives back the original object when an event changes nothing in it, so no write is planned', async () => {
    const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock('2026-03-27T08:00:00.000Z'), ids: seededIds(1) });
    await ff.defineNode({ id: 'n1' });
    await ff.defineDeparture({ id: 'dhl', node: 'n1', kind: 'recurring', carrier: 'dhl', weekdays: [0, 1, 2, 3, 4], at: '17:00' });
    const before = fold(initialState(), (await ff.readJournal()).map((e) => e.event));
    // A delay names a one-off departure: on a recurring one it does nothing.
    const delayed = { type: 'DepartureDelayed', id: 'e-x', tenant: 'default', at: '2026-03-27T08:00:00.000Z', version: 1, payload: { departure: 'dhl', departsAt: '2026-03-28T10:00:00.000Z', cutoffs: [], reason: 'fog' } } as unknown as FulfillmentEvent;
    const after = fold(before, [delayed]);
    expect(after.departures).not.toBe(before.departures);
    expect(own(after.departures, 'dhl' as DepartureId)).toBe(own(before.departures, 'dhl' as DepartureId));
    expect(planCommit(before, after, [delayed]).entities).toEqual([]);
  });

  it('leaves a collection the same object when an event names an entity the slice does not hold', () => {
    const before = initialState();
    const released = { type: 'OrderReleased', id: 'e-y', tenant: 'default', at: '2026-03-27T08:00:00.000Z', version: 1, payload: { order: 'elsewhere' } } as unknown as FulfillmentEvent;
    const after = fold(before, [released]);
    expect(after.orders).toBe(before.orders);
    expect(planCommit(before, after, [released]).entities).toEqual([]);
  });

  it('leaves the state as it was when an event has no evolver', () => {
    const state = initialState();
    const snapshot = JSON.stringify(state);
    expect(() => fold(state, [{ type: 'NoSuchEvent' } as unknown as FulfillmentEvent])).toThrow(/no evolver for event type NoSuchEvent/);
    expect(JSON.stringify(state)).toBe(snapshot);
  });
});
