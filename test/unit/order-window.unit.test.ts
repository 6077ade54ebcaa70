import { createFulfillment, SimulatedClock, seededIds, ValidationError } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { describe, expect, it } from 'vitest';

/** Berlin is cheaper and holds a tee and a mug; Hamburg holds a tee. A shipment costs 5, a split 3 more. */
async function network(berlin: Record<string, unknown> = {}) {
  const ff = createFulfillment({
    store: memoryStore(),
    clock: new SimulatedClock('2026-03-02T08:00:00Z'),
    ids: seededIds(88),
    policies: { routing: { cost: { perShipment: 5, splitPenalty: 3, latenessPerDay: 0 } } },
  });
  await ff.defineNode({ id: 'berlin', costs: { perOrder: 1 }, ...berlin });
  await ff.defineNode({ id: 'hamburg', costs: { perOrder: 2 } });
  for (const sku of ['tee', 'mug']) await ff.defineSku({ id: sku });
  await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 1 });
  await ff.receiveStock({ node: 'berlin', sku: 'mug', quantity: 1 });
  await ff.receiveStock({ node: 'hamburg', sku: 'tee', quantity: 1 });
  return ff;
}
const order = (id: string, skus: string[]) => ({ id, channel: 'web', lines: skus.map((sku, i) => ({ id: `${i + 1}`, sku, quantity: 1 })) });
const shipments = (o: { shipments?: readonly { node: string }[] | undefined } | undefined) => o?.shipments?.map((s) => s.node);

describe('placeOrders: a release window routed jointly', () => {
  it('leaves the units a later order needs to ship in one box, where one-by-one placement splits it', async () => {
    const alone = await network();
    await alone.placeOrder({ order: order('o-1', ['tee']) });
    const split = await alone.placeOrder({ order: order('o-2', ['tee', 'mug']) });
    expect(shipments(split)).toEqual(['berlin', 'hamburg']);

    const ff = await network();
    const report = await ff.placeOrders({ orders: [order('o-1', ['tee']), order('o-2', ['tee', 'mug'])] });
    expect(report.placed.map((o) => [o.id, o.status, shipments(o)])).toEqual([
      ['o-1', 'reserved', ['hamburg']],
      ['o-2', 'reserved', ['berlin']],
    ]);
    expect(report).toMatchObject({ skipped: [], refused: [] });
    expect((await ff.explainOrder('o-1'))?.routing).toHaveLength(1);
  });

  it("shares the nodes' capacity left today across the window", async () => {
    const ff = await network({ dailyCapacity: { orders: 1 } });
    await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 5 });
    const report = await ff.placeOrders({ orders: [order('o-1', ['tee']), order('o-2', ['tee'])] });
    expect(report.placed.map(shipments).sort()).toEqual([['berlin'], ['hamburg']]);
    expect((await ff.getCapacity({ nodes: ['berlin'] }))[0]?.booked).toEqual({ orders: 1, units: 1 });
  });

  it('skips orders placed before, refuses under reject what it cannot serve, and backorders by default', async () => {
    const ff = await network();
    await ff.placeOrder({ order: order('o-1', ['mug']) });
    const rejecting = await ff.placeOrders({ onShortage: 'reject', orders: [order('o-1', ['mug']), order('o-2', ['mug']), order('o-3', ['tee'])] });
    expect({ ...rejecting, placed: rejecting.placed.map((o) => o.id) }).toEqual({ placed: ['o-3'], skipped: ['o-1'], refused: ['o-2'] });
    expect(await ff.getOrder('o-2')).toBeUndefined();
    const backordering = await ff.placeOrders({ orders: [order('o-2', ['mug'])] });
    expect(backordering.placed.map((o) => o.status)).toEqual(['backordered']);
  });

  it('refuses a window with an unknown SKU or an id given twice whole, with paths, and writes nothing', async () => {
    const ff = await network();
    const before = (await ff.readJournal()).length;
    const paths = async (orders: ReturnType<typeof order>[]) => {
      const error = await ff.placeOrders({ orders }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues.map((i) => i.path);
    };
    expect(await paths([order('o-1', ['tee']), order('o-2', ['tee', 'hat'])])).toEqual([['orders', 1, 'lines', 1, 'sku']]);
    expect(await paths([order('o-1', ['tee']), order('o-1', ['mug'])])).toEqual([['orders', 1, 'id']]);
    expect((await ff.readJournal()).length).toBe(before);
  });

  it('returns the first report for a repeated idempotency key', async () => {
    const ff = await network();
    const input = { idempotencyKey: 'window-1', orders: [order('o-1', ['tee'])] };
    const first = await ff.placeOrders(input);
    expect(await ff.placeOrders(input)).toEqual(first);
  });
});
