import type { AddressInfo } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { type Availability, createFulfillment, type Fulfillment, type Order, type OrderExplanation, type ValidationIssue } from 'fulfillkit';
import { migrate, postgresStore } from 'fulfillkit/adapters/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fulfillmentServer } from '../../examples/backend-postgres/server';

/** The error body the example service answers with. */
interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly issues?: readonly ValidationIssue[];
}

interface Answer<T> {
  readonly status: number;
  readonly body: T;
}

// The example service over fulfillkit on an in-process PostgreSQL (PGlite), spoken to over HTTP:
// what examples/backend-postgres/README.md promises, checked against the real server code.
describe('backend-postgres example service (PGlite)', () => {
  const tenant = `ex-${process.pid}-${Date.now()}`;
  const other = `${tenant}-other`;
  const db = new PGlite();
  let ff: Fulfillment;
  let server: ReturnType<typeof fulfillmentServer>;
  let base = '';

  async function call<T>(method: string, path: string, init: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const text = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers },
      ...(text === undefined ? {} : { body: text }),
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    return { status: res.status, body: (await res.json()) as T };
  }

  const journal = async () => (await ff.readJournal({ limit: 100_000 })).length;
  const order = (id: string, lines: readonly { id: string; sku: string; quantity: number }[]) => ({ id, channel: 'web', lines });
  // Order o-1's lines: placed once, then sent again under the same idempotency key.
  const CART = [
    { id: '1', sku: 'tee', quantity: 2 },
    { id: '2', sku: 'mug', quantity: 1 },
  ];

  beforeAll(async () => {
    await migrate(db);
    ff = createFulfillment({ store: postgresStore({ client: db }), tenant, clock: { now: () => Date.parse('2026-03-02T09:00:00.000Z') } });
    // The network main.ts seeds: tees at berlin, mugs at hamburg.
    await ff.defineNode({ id: 'berlin', geo: { lat: 52.52, lon: 13.4 }, costs: { perOrder: 1 } });
    await ff.defineNode({ id: 'hamburg', geo: { lat: 53.55, lon: 9.99 }, costs: { perOrder: 2 } });
    for (const id of ['tee', 'mug']) await ff.defineSku({ id, weightG: 200 });
    await ff.receiveStock({ node: 'berlin', sku: 'tee', quantity: 20, idempotencyKey: 'seed-berlin-tee' });
    await ff.receiveStock({ node: 'hamburg', sku: 'mug', quantity: 20, idempotencyKey: 'seed-hamburg-mug' });
    server = fulfillmentServer(ff);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await db.close();
  });

  it('places an order: 201, routed across both nodes and reserved', async () => {
    const before = await journal();
    const placed = await call<Order>('POST', '/orders', {
      body: order('o-1', CART),
      headers: { 'idempotency-key': 'cart-1' },
    });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ id: 'o-1', channel: 'web', status: 'reserved' });
    expect(placed.body.lines).toEqual(CART);
    expect(placed.body.reservations).toHaveLength(2);
    const shipments = [...(placed.body.shipments ?? [])].sort((a, b) => a.node.localeCompare(b.node));
    expect(shipments).toEqual([
      { node: 'berlin', lines: [{ line: '1', sku: 'tee', quantity: 2 }] },
      { node: 'hamburg', lines: [{ line: '2', sku: 'mug', quantity: 1 }] },
    ]);
    expect(await journal()).toBeGreaterThan(before);
    expect((await ff.getOrder('o-1'))?.status).toBe('reserved');
  });

  it('answers a repeated idempotency key with the first answer, writing nothing', async () => {
    const before = await journal();
    const first = await call<Order>('GET', '/orders/o-1/explain');
    const again = await call<Order>('POST', '/orders', {
      body: order('o-1', CART),
      headers: { 'idempotency-key': 'cart-1' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toStrictEqual(JSON.parse(JSON.stringify(first.body)).order);
    expect(await journal()).toBe(before);
    const placedEvents = (await ff.readJournal({ limit: 100_000 })).filter((e) => e.event.type === 'OrderPlaced');
    expect(placedEvents).toHaveLength(1);
  });

  it('gives the same body to both answers of one key', async () => {
    const body = order('o-2', [{ id: '1', sku: 'tee', quantity: 1 }]);
    const first = await call<Order>('POST', '/orders', { body, headers: { 'idempotency-key': 'cart-2' } });
    const second = await call<Order>('POST', '/orders', { body, headers: { 'idempotency-key': 'cart-2' } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toStrictEqual(first.body);
    expect((await ff.readJournal({ limit: 100_000 })).filter((e) => e.event.type === 'OrderPlaced' && e.event.payload.order.id === 'o-2')).toHaveLength(1);
  });

  it('refuses a quantity of 0 with 400 VALIDATION at order.lines[0].quantity, writing nothing', async () => {
    const before = await journal();
    const bad = await call<ErrorBody>('POST', '/orders', { body: order('o-bad', [{ id: '1', sku: 'tee', quantity: 0 }]) });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.issues?.map((i) => i.path)).toContainEqual(['order', 'lines', 0, 'quantity']);
    expect(await journal()).toBe(before);
    expect(await ff.getOrder('o-bad')).toBeUndefined();
  });

  it('refuses an order without lines with 400 VALIDATION at order.lines', async () => {
    const before = await journal();
    const bad = await call<ErrorBody>('POST', '/orders', { body: { id: 'o-bad', channel: 'web' } });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
    expect(bad.body.issues?.map((i) => i.path)).toContainEqual(['order', 'lines']);
    expect(await journal()).toBe(before);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const before = await journal();
    const bad = await call<ErrorBody>('POST', '/orders', { raw: '{"id": "o-3", ' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'VALIDATION', issues: [{ path: [], code: 'invalid_json', message: 'body is not JSON' }] });
    expect(await journal()).toBe(before);
  });

  it('shows the reserved units in availability, network-wide and in the node terms', async () => {
    // o-1 reserved 2 tees at berlin, o-2 one more.
    const tee = await call<Availability>('GET', '/availability/tee');
    expect(tee.status).toBe(200);
    expect(tee.body).toMatchObject({ sku: 'tee', onHand: 20, reserved: 3, available: 17 });
    expect(tee.body.nodes).toHaveLength(1);
    expect(tee.body.nodes[0]).toMatchObject({ node: 'berlin', onHand: 20, reserved: 3, available: 17 });
    expect(tee.body.nodes[0]?.terms).toEqual([
      { term: 'on hand', units: 20 },
      { term: 'reserved', units: -3 },
    ]);
    const mug = await call<Availability>('GET', '/availability/mug');
    expect(mug.body).toMatchObject({ sku: 'mug', onHand: 20, reserved: 1, available: 19 });
    expect(mug.body.nodes.map((n) => n.node)).toEqual(['hamburg']);
  });

  it('explains a placed order with its routing trace; an unknown order is 404', async () => {
    const explained = await call<OrderExplanation>('GET', '/orders/o-1/explain');
    expect(explained.status).toBe(200);
    expect(explained.body.order).toMatchObject({ id: 'o-1', status: 'reserved' });
    expect(explained.body.routing).toHaveLength(1);
    const [decision] = explained.body.routing;
    expect(decision?.order).toBe('o-1');
    expect(decision?.shipments.map((s) => s.node).sort()).toEqual(['berlin', 'hamburg']);
    expect(typeof decision?.cost).toBe('number');
    expect(Object.keys(decision?.trace ?? {}).length).toBeGreaterThan(0);
    expect(explained.body.events.map((e) => e.event.type)).toContain('OrderPlaced');
    expect(explained.body.history.map((h) => h.status)).toContain('reserved');

    const unknown = await call<ErrorBody>('GET', '/orders/o-nope/explain');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 'NOT_FOUND', message: 'no order o-nope' });
  });

  it('keeps tenants apart: x-tenant of another tenant sees neither the order nor the stock', async () => {
    const explained = await call<ErrorBody>('GET', '/orders/o-1/explain', { headers: { 'x-tenant': other } });
    expect(explained.status).toBe(404);
    expect(explained.body.code).toBe('NOT_FOUND');
    const tee = await call<Availability>('GET', '/availability/tee', { headers: { 'x-tenant': other } });
    expect(tee.status).toBe(200);
    expect(tee.body).toMatchObject({ sku: 'tee', onHand: 0, available: 0, nodes: [] });
    // Its own tenant, named in the header, sees it.
    expect((await call<OrderExplanation>('GET', '/orders/o-1/explain', { headers: { 'x-tenant': tenant } })).status).toBe(200);
  });

  it('backorders an order the network cannot serve (the service places with onShortage backorder)', async () => {
    const placed = await call<Order>('POST', '/orders', { body: order('o-big', [{ id: '1', sku: 'mug', quantity: 50 }]) });
    expect(placed.status).toBe(201);
    // What the network holds is reserved (the 19 mugs hamburg still has), the rest waits.
    expect(placed.body).toMatchObject({ id: 'o-big', status: 'backordered' });
    expect(placed.body.reservations).toHaveLength(1);
    expect(placed.body.shipments).toEqual([{ node: 'hamburg', lines: [{ line: '1', sku: 'mug', quantity: 19 }] }]);
    const mug = await call<Availability>('GET', '/availability/mug');
    expect(mug.body).toMatchObject({ onHand: 20, reserved: 20, available: 0 });
  });

  it('refuses a second order with a used id under another key: 409 DUPLICATE, writing nothing', async () => {
    const before = await journal();
    const dup = await call<ErrorBody>('POST', '/orders', {
      body: order('o-1', [{ id: '1', sku: 'tee', quantity: 5 }]),
      headers: { 'idempotency-key': 'cart-other' },
    });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'DUPLICATE', message: 'order o-1 exists already' });
    expect(await journal()).toBe(before);
    expect((await ff.getOrder('o-1'))?.lines).toHaveLength(2);
  });

  it('refuses a used key with another payload: 409 IDEMPOTENCY_CONFLICT', async () => {
    const before = await journal();
    const conflict = await call<ErrorBody>('POST', '/orders', {
      body: order('o-4', [{ id: '1', sku: 'tee', quantity: 1 }]),
      headers: { 'idempotency-key': 'cart-1' },
    });
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('IDEMPOTENCY_CONFLICT');
    expect(await journal()).toBe(before);
    expect(await ff.getOrder('o-4')).toBeUndefined();
  });

  it('answers 404 for an unknown route or method', async () => {
    const unknown = await call<ErrorBody>('GET', '/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 'NOT_FOUND', message: 'no route GET /nope' });
    const wrongMethod = await call<ErrorBody>('GET', '/orders');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.body.code).toBe('NOT_FOUND');
  });

  it('answers 400 for a malformed escape in the path, not 500', async () => {
    const bad = await call<ErrorBody>('GET', '/orders/%E0%A4%A/explain');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION');
  });
});
