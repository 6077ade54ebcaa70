import { ConcurrencyError, createFulfillment, type FulfillmentEvent, type FulfillmentOptions, type JournalEntry, type TenantId } from 'fulfillkit';
import { memoryStore, memoryTransport } from 'fulfillkit/adapters/memory';
import { SimulatedClock, seededIds, seededRandom } from 'fulfillkit/testing';
import { describe, expect, it } from 'vitest';

const START = '2026-03-27T08:00:00.000Z';

async function setup(options: Partial<FulfillmentOptions> = {}) {
  const ff = createFulfillment({
    store: memoryStore(),
    clock: new SimulatedClock(START),
    ids: seededIds(1),
    random: seededRandom(1),
    ...options,
  });
  await ff.defineNode({ id: 'n1' });
  await ff.defineSku({ id: 'a' });
  return ff;
}
const placeInput = (id = 'o-1', quantity = 2) => ({ node: 'n1', order: { id, channel: 'web', lines: [{ id: 'l1', sku: 'a', quantity }] } });

/** A promise that resolves once `count` items have been pushed. */
function collector<T>(count: number) {
  const items: T[] = [];
  let done: (items: T[]) => void = () => {};
  const all = new Promise<T[]>((resolve) => {
    done = resolve;
  });
  return {
    items,
    all,
    push(item: T) {
      items.push(item);
      if (items.length === count) done(items);
    },
  };
}

describe('local listeners', () => {
  it('hear committed events by type and all of them with *', async () => {
    const ff = await setup();
    const received: string[] = [];
    const all: string[] = [];
    ff.on('StockReceived', (e) => received.push(`${e.payload.sku}+${e.payload.quantity}`));
    ff.on('*', (e) => all.push(e.type));
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await ff.placeOrder(placeInput());
    expect(received).toEqual(['a+5']);
    expect(all).toEqual(['StockReceived', 'OrderPlaced', 'StockReserved', 'OrderReserved', 'CapacityBooked']);
  });

  it('hear the events as the journal stores them', async () => {
    const ff = await setup();
    const heard: FulfillmentEvent[] = [];
    ff.on('*', (e) => heard.push(e));
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const journal = await ff.readJournal();
    expect(heard).toEqual([journal.at(-1)?.event]);
    expect(heard[0]).toMatchObject({ tenant: 'default', at: START, version: 1 });
  });

  it('hear nothing of a refused command', async () => {
    const ff = await setup();
    const all: string[] = [];
    ff.on('*', (e) => all.push(e.type));
    await expect(ff.placeOrder(placeInput())).rejects.toMatchObject({ code: 'INSUFFICIENT_STOCK' });
    expect(all).toEqual([]);
  });

  it('stop hearing once unsubscribed', async () => {
    const ff = await setup();
    const typed: number[] = [];
    const all: number[] = [];
    const offTyped = ff.on('StockReceived', (e) => typed.push(e.payload.quantity));
    const offAll = ff.on('*', (e) => all.push(e.type === 'StockReceived' ? e.payload.quantity : 0));
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 1 });
    offTyped();
    offAll();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 2 });
    expect(typed).toEqual([1]);
    expect(all).toEqual([1]);
  });

  it('a throwing listener fails neither the command nor the other listeners, and reaches onError', async () => {
    const errors: [unknown, string][] = [];
    const ff = await setup({ onError: (error, where) => errors.push([error, where]) });
    const boom = new Error('listener bug');
    const heard: string[] = [];
    ff.on('StockReceived', () => {
      throw boom;
    });
    ff.on('StockReceived', () => heard.push('typed'));
    ff.on('*', (e) => heard.push(e.type));
    const event = await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    expect(event.type).toBe('StockReceived');
    expect(errors).toEqual([[boom, 'listener of StockReceived']]);
    expect(heard).toEqual(['typed', 'StockReceived']);
    expect((await ff.getAvailability('a')).onHand).toBe(5);
  });

  it('never runs a committed command again, whatever a listener or onError throws', async () => {
    const ff = await setup({
      onError: (error) => {
        throw error;
      },
    });
    ff.on('StockReceived', () => {
      throw new ConcurrencyError('a listener that throws what looks like a lost race');
    });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    const journal = await ff.readJournal();
    expect(journal.filter((e) => e.event.type === 'StockReceived')).toHaveLength(1);
    expect((await ff.getAvailability('a')).onHand).toBe(5);
  });
});

describe('transport', () => {
  it('delivers committed entries to a subscriber of the tenant', async () => {
    const transport = memoryTransport();
    const ff = await setup({ transport });
    const got = collector<JournalEntry>(4);
    const stop = await transport.subscribe('default' as TenantId, (entry) => got.push(entry));
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await ff.placeOrder(placeInput());
    const entries = await got.all;
    expect(entries.map((e) => e.event.type)).toEqual(['StockReceived', 'OrderPlaced', 'StockReserved', 'OrderReserved', 'CapacityBooked']);
    expect(entries).toEqual((await ff.readJournal()).slice(-5));
    await stop();
  });

  it('does not deliver another tenant’s entries', async () => {
    const transport = memoryTransport();
    const ff = await setup({ transport });
    const other = collector<JournalEntry>(1);
    const mine = collector<JournalEntry>(1);
    await transport.subscribe('other' as TenantId, (entry) => other.push(entry));
    await transport.subscribe('default' as TenantId, (entry) => mine.push(entry));
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await mine.all;
    expect(other.items).toEqual([]);
  });

  it('reports a failing publish to onError and keeps the commit', async () => {
    const errors: string[] = [];
    const broken = { ...memoryTransport(), publish: async () => Promise.reject(new Error('broker down')) };
    const ff = await setup({ transport: broken, onError: (_e, where) => errors.push(where) });
    errors.length = 0;
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    expect(errors).toEqual(['transport.publish']);
    expect((await ff.getAvailability('a')).onHand).toBe(5);
  });
});

describe('tenants', () => {
  it('forTenant acts for another tenant that sees none of the first one’s data', async () => {
    const ff = await setup();
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await ff.placeOrder(placeInput());
    const t2 = ff.forTenant('t2');
    expect(t2.tenant).toBe('t2');
    expect(await t2.getOrder('o-1')).toBeUndefined();
    expect(await t2.readJournal()).toEqual([]);
    expect((await t2.getAvailability('a')).nodes).toEqual([]);
    await expect(t2.receiveStock({ node: 'n1', sku: 'a', quantity: 1 })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('keeps the same ids in two tenants apart', async () => {
    const ff = await setup();
    const t2 = ff.forTenant('t2');
    await t2.defineNode({ id: 'n1' });
    await t2.defineSku({ id: 'a' });
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    await t2.receiveStock({ node: 'n1', sku: 'a', quantity: 9 });
    await ff.placeOrder(placeInput('o-1', 2));
    await t2.placeOrder(placeInput('o-1', 3));
    expect((await ff.getAvailability('a')).available).toBe(3);
    expect((await t2.getAvailability('a')).available).toBe(6);
    expect((await ff.getOrder('o-1'))?.lines[0]?.quantity).toBe(2);
    expect((await t2.getOrder('o-1'))?.lines[0]?.quantity).toBe(3);
    expect((await t2.readJournal()).every((e) => e.event.tenant === 't2')).toBe(true);
  });

  it('does not hear another tenant’s events', async () => {
    const ff = await setup();
    const t2 = ff.forTenant('t2');
    const heard: string[] = [];
    t2.on('*', (e) => heard.push(e.type));
    await ff.receiveStock({ node: 'n1', sku: 'a', quantity: 5 });
    expect(heard).toEqual([]);
  });

  it('refuses a tenant id with a separator', () => {
    const ff = createFulfillment({ store: memoryStore() });
    for (const bad of ['a:b', 'a/b', '{a}', 'a b', '']) expect(() => ff.forTenant(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
