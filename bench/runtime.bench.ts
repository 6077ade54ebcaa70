import {
  createFulfillment,
  type DecideContext,
  decideOrder,
  fold,
  initialState,
  type FulfillmentState,
  type NodeId,
  OrderInput,
  type SkuId,
  seededIds,
  SimulatedClock,
  stamp,
  type TenantId,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { type Figure, figure, rate } from './figures';

const N = 20_000;
const order = (i: number) => ({ id: `o-${i}`, channel: 'web', lines: [{ id: '1', sku: 'hot', quantity: 1 }] });

/**
 * The memory runtime placing 1-line orders on one hot SKU, against the pure engine's rate for the
 * same decisions (decide + stamp + fold on the slice the runtime would load). The ratio is the
 * runtime's overhead: validation, loading, commit planning, the store's guards, idempotency, events.
 */
export async function runtimeFigures(): Promise<Figure[]> {
  const node = 'dc' as NodeId;
  const sku = 'hot' as SkuId;
  const slice: FulfillmentState = fold(initialState(), stamp(
    [
      { type: 'NodeDefined', payload: { node: { id: node, kind: 'warehouse', timeZone: 'UTC', capabilities: ['ship'], costs: { perOrder: 0, perUnit: 0 }, rank: 0, active: true } } },
      { type: 'SkuDefined', payload: { sku: { id: sku, lotTracked: false, expiryTracked: false, handlingClass: 'standard', tags: [] } } },
      { type: 'StockReceived', payload: { node, sku, quantity: 1_000_000_000 } },
    ],
    { now: 0, tenant: 'bench' as TenantId, ids: seededIds(1) },
  ));
  const ctx: DecideContext = { now: 0, tenant: 'bench' as TenantId, ids: seededIds(2) };
  const parsed = Array.from({ length: N }, (_, i) => OrderInput.parse(order(i)));
  const pure = await rate(N, (i) => {
    const events = stamp(decideOrder({ type: 'PlaceOrder', order: parsed[i]!, node, onShortage: 'reject' }, slice, ctx), ctx);
    return fold(slice, events);
  });

  let round = 0;
  let ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock(0), ids: seededIds(3) });
  const setup = async () => {
    ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock(0), ids: seededIds(3), tenant: `bench-${round++}` });
    await ff.defineNode({ id: node });
    await ff.defineSku({ id: sku });
    await ff.receiveStock({ node, sku, quantity: 1_000_000_000 });
  };
  await setup();
  let placed = 0;
  const runtime = await rate(N, async (i) => {
    if (i === 0 && placed > 0) await setup();
    placed += 1;
    return ff.placeOrder({ node, order: order(i) });
  });
  return [
    figure('runtime.memory_orders_per_s', runtime, 'orders/s', pure, { op: '>=', limit: 0.2 }, 'baseline: pure decide+evolve of the same orders'),
  ];
}
