import { ConcurrencyError, createFulfillment, type Fulfillment, type FulfillmentOptions, type Store } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { BAD_INPUTS, type BadInput, SimulatedClock, seededIds } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

async function setup(options: Partial<FulfillmentOptions> = {}) {
  const ff = createFulfillment({
    store: memoryStore(),
    clock: new SimulatedClock('2026-03-27T08:00:00.000Z'),
    ids: seededIds(1),
    random: () => 0,
    ...options,
  });
  await ff.defineNode({ id: 'n1' });
  await ff.defineSku({ id: 'a' });
  await ff.defineSku({ id: 'b' });
  return ff;
}
const placeInput = (id = 'o-1', quantity = 2) => ({ node: 'n1', order: { id, channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity }] } });

/** What a refused command must leave as it was. */
async function snapshot(ff: Fulfillment) {
  return { journal: await ff.readJournal(), a: await ff.getAvailability('a'), b: await ff.getAvailability('b') };
}

describe('idempotency', () => {
  it('returns the first result for the same key and payload, and writes nothing', async () => {
    const ff = await setup();
    const first = await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5, idempotencyKey: 'rcv-1' });
    const before = await snapshot(ff);
    const again = await ff.receiveStock({ idempotencyKey: 'rcv-1', quantity: 5, sku: 'a', node: 'n1' });
    expect(again).toEqual(first);
    expect(await snapshot(ff)).toEqual(before);
    expect(before.a.onHand).toBe(5);
  });

  it('refuses the same key with another payload, and writes nothing', async () => {
    const ff = await setup();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5, idempotencyKey: 'rcv-1' });
    const before = await snapshot(ff);
    await expect(ff.receiveStock({ node: 'n1', sku: 'a', quantity: 6, idempotencyKey: 'rcv-1' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
      details: { key: 'rcv-1', command: 'receiveStock' },
    });
    await expect(ff.adjustStock({ node: 'n1', sku: 'a', delta: 5, reason: 'found', idempotencyKey: 'rcv-1' })).rejects.toMatchObject({
      code: 'IDEMPOTENCY_CONFLICT',
    });
    expect(await snapshot(ff)).toEqual(before);
  });

  it('places an order once for a repeated key', async () => {
    const ff = await setup();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const first = await ff.placeOrder({ ...placeInput(), idempotencyKey: 'checkout-7' });
    const before = await snapshot(ff);
    expect(await ff.placeOrder({ ...placeInput(), idempotencyKey: 'checkout-7' })).toEqual(first);
    expect(await snapshot(ff)).toEqual(before);
  });

  it('places an order without a key idempotently by its id', async () => {
    const ff = await setup();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const first = await ff.placeOrder(placeInput());
    expect(first).toMatchObject({ id: 'o-1', status: 'reserved', node: 'n1' });
    const before = await snapshot(ff);
    expect(await ff.placeOrder(placeInput())).toEqual(first);
    expect(await snapshot(ff)).toEqual(before);
    expect(before.a).toMatchObject({ onHand: 5, reserved: 2, available: 3 });
    await expect(ff.placeOrder(placeInput('o-1', 3))).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    expect(await snapshot(ff)).toEqual(before);
  });

  it('matches a repeat on what the caller sent: a generated id is not part of it', async () => {
    const ff = await setup();
    await ff.defineNode({ id: 'n2' });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const transfer = { from: 'n1', to: 'n2', sku: 'a', quantity: 2, expectedAt: '2026-03-28T00:00:00.000Z', idempotencyKey: 'trf-1' };
    const first = await ff.transferStock(transfer);
    const before = await snapshot(ff);
    // The retry draws a new transfer id before it finds the key: still the same payload.
    expect(await ff.transferStock(transfer)).toEqual(first);
    expect(await snapshot(ff)).toEqual(before);
    await expect(ff.transferStock({ ...transfer, quantity: 3 })).rejects.toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('returns the first placement to a retry made after the host changed its policies', async () => {
    const store = memoryStore();
    const clock = new SimulatedClock('2026-03-27T08:00:00.000Z');
    const ff = await setup({ store, clock });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const first = await ff.placeOrder({ ...placeInput(), idempotencyKey: 'checkout-9' });
    const before = await snapshot(ff);
    // A redeploy with other routing and hold policies: the order placed stands.
    const redeployed = createFulfillment({
      store,
      clock,
      ids: seededIds(2),
      policies: { routing: { cost: { splitPenalty: 50 } }, holds: { rules: [{ kind: 'value', over: 1 }] } },
    });
    expect(await redeployed.placeOrder({ ...placeInput(), idempotencyKey: 'checkout-9' })).toEqual(first);
    expect(await snapshot(redeployed)).toEqual(before);
  });

  it('refuses a second placement of an order id under another key', async () => {
    const ff = await setup();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await ff.placeOrder({ ...placeInput(), idempotencyKey: 'k1' });
    await expect(ff.placeOrder({ ...placeInput(), idempotencyKey: 'k2' })).rejects.toMatchObject({ code: 'DUPLICATE' });
  });
});

describe('retries on a lost race', () => {
  /** The memory store, with a commit that loses the race `failures` times before it goes through. */
  function flaky() {
    const inner = memoryStore();
    const gate = { calls: 0, failures: 0 };
    const store: Store = {
      ...inner,
      commit: async (tenant, commit) => {
        gate.calls += 1;
        if (gate.failures > 0) {
          gate.failures -= 1;
          throw new ConcurrencyError('lost the race', { reason: 'version' });
        }
        return inner.commit(tenant, commit);
      },
    };
    return { store, gate };
  }

  it('succeeds when the commit conflicts the first 2 times', async () => {
    const { store, gate } = flaky();
    const ff = await setup({ store });
    gate.calls = 0;
    gate.failures = 2;
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    expect(gate.calls).toBe(3);
    expect((await ff.readJournal()).filter((e) => e.event.type === 'StockReceived')).toHaveLength(1);
    expect((await ff.getAvailability('a')).onHand).toBe(5);
  });

  it('decides again on each try: an order placed on retry still reserves once', async () => {
    const { store, gate } = flaky();
    const ff = await setup({ store });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    gate.calls = 0;
    gate.failures = 2;
    expect(await ff.placeOrder(placeInput())).toMatchObject({ status: 'reserved' });
    expect(gate.calls).toBe(3);
    expect(await ff.getAvailability('a')).toMatchObject({ reserved: 2, available: 3 });
  });

  it('gives up with CONCURRENCY after retry.attempts tries, writing nothing', async () => {
    const { store, gate } = flaky();
    const ff = await setup({ store, retry: { attempts: 4, baseDelayMs: 0, maxDelayMs: 0 } });
    const before = await snapshot(ff);
    gate.calls = 0;
    gate.failures = Number.POSITIVE_INFINITY;
    const refused = ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await expect(refused).rejects.toMatchObject({ code: 'CONCURRENCY', details: { command: 'receiveStock', attempts: 4 } });
    await expect(refused).rejects.toHaveProperty('cause.message', 'lost the race');
    expect(gate.calls).toBe(4);
    gate.failures = 0;
    expect(await snapshot(ff)).toEqual(before);
  });

  it('does not retry other errors', async () => {
    const inner = memoryStore();
    let calls = 0;
    const store: Store = {
      ...inner,
      commit: async () => {
        calls += 1;
        throw new Error('disk full');
      },
    };
    const ff = createFulfillment({ store, random: () => 0 });
    await expect(ff.defineNode({ id: 'n1' })).rejects.toThrow('disk full');
    expect(calls).toBe(1);
  });
});

describe('bad input', () => {
  it.each(BAD_INPUTS.map((bad): [string, BadInput] => [bad.name, bad]))(
    '%s: VALIDATION naming the path, journal and availability unchanged',
    async (_name, bad) => {
      const ff = await setup();
      await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
      await ff.placeOrder(placeInput('o-0', 1));
      const before = await snapshot(ff);
      let caught: unknown;
      try {
        await bad.call(ff);
      } catch (e) {
        caught = e;
      }
      expect(caught).toMatchObject({ code: 'VALIDATION', name: 'ValidationError' });
      const paths = (caught as { issues: { path: unknown[] }[] }).issues.map((i) => i.path);
      expect(paths).toContainEqual(bad.path);
      expect(await snapshot(ff)).toEqual(before);
    },
  );

  it('rejects bad input through the returned promise, not by throwing at the call', async () => {
    const ff = await setup();
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = ff.receiveStock({ node: 'n1', sku: 'a', quantity: -1 });
    }).not.toThrow();
    await expect(pending).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
