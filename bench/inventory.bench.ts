import {
  type AtpQuery,
  createFulfillment,
  type DecideContext,
  decideInventory,
  fold,
  type FulfillmentState,
  initialState,
  Node,
  type NodeId,
  type Position,
  positionAtp,
  SimulatedClock,
  Sku,
  type SkuId,
  seededIds,
  seededRandom,
  stamp,
  type TenantId,
} from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';
import { type Figure, figure, rate } from './figures';

const HOLDS = 20_000;

/**
 * `inventory.reservations_per_s`: the memory runtime holding one unit of one hot SKU per call
 * (`reserve`, 1 line), against the pure engine doing the same decisions (decide + stamp + fold on
 * the slice the runtime loads). Target: ratio ≥ 0.25 (the runtime's overhead stays small).
 */
async function reservationFigure(): Promise<Figure> {
  const node = 'dc' as NodeId;
  const sku = 'hot' as SkuId;
  const tenant = 'bench' as TenantId;
  const slice: FulfillmentState = fold(
    initialState(),
    stamp(
      [
        { type: 'NodeDefined', payload: { node: Node.parse({ id: node }) } },
        { type: 'SkuDefined', payload: { sku: Sku.parse({ id: sku }) } },
        { type: 'StockReceived', payload: { node, sku, quantity: 1_000_000_000 } },
      ],
      { now: 0, tenant, ids: seededIds(1) },
    ),
  );
  const ctx: DecideContext = { now: 0, tenant, ids: seededIds(2) };
  const pure = await rate(HOLDS, () => fold(slice, stamp(decideInventory({ type: 'ReserveStock', node, lines: [{ sku, quantity: 1 }] }, slice, ctx), ctx)));

  let round = 0;
  const fresh = async () => {
    const ff = createFulfillment({ store: memoryStore(), clock: new SimulatedClock(0), ids: seededIds(3), tenant: `bench-${round++}` });
    await ff.defineNode({ id: node });
    await ff.defineSku({ id: sku });
    await ff.receiveStock({ node, sku, quantity: 1_000_000_000 });
    return ff;
  };
  let ff = await fresh();
  const runtime = await rate(HOLDS, async (i) => {
    if (i === 0) ff = await fresh();
    return ff.reserve({ node, lines: [{ sku, quantity: 1 }] });
  });
  return figure('inventory.reservations_per_s', runtime, 'holds/s', pure, { op: '>=', limit: 0.25 }, 'guide >= 100,000; baseline: pure decide+evolve of the same holds');
}

/**
 * `inventory.atp_queries_per_s`: explained ATP (`positionAtp`, with its terms) over 10k SKUs × 20
 * nodes of positions in memory, against a plain Map lookup of precomputed figures. Target: ≥ 0.1.
 */
async function atpFigure(): Promise<Figure> {
  const SKUS = 10_000;
  const NODES = 20;
  const random = seededRandom(9);
  const positions = new Map<string, Position>();
  const precomputed = new Map<string, number>();
  const keys: string[] = [];
  for (let s = 0; s < SKUS; s++) {
    for (let n = 0; n < NODES; n++) {
      const onHand = Math.floor(random() * 100);
      const reserved = Math.floor(random() * onHand);
      const p: Position = { node: `n${n}` as NodeId, sku: `s${s}` as SkuId, onHand, reserved, allocated: 0, safety: Math.floor(random() * 5) };
      const key = `n${n}\u0000s${s}`;
      positions.set(key, p);
      precomputed.set(key, Math.max(0, onHand - reserved - p.safety));
      keys.push(key);
    }
  }
  const order = Array.from({ length: 1_000_000 }, () => keys[Math.floor(random() * keys.length)]!);
  const query: AtpQuery = { today: '2026-03-27' };
  let sink = 0;
  const lookups = await rate(order.length, (i) => {
    sink += precomputed.get(order[i]!)!;
  });
  const atp = await rate(order.length, (i) => {
    sink += positionAtp(positions.get(order[i]!)!, undefined, query).available;
  });
  if (sink < 0) console.log(sink);
  return figure('inventory.atp_queries_per_s', atp, 'queries/s', lookups, { op: '>=', limit: 0.1 }, 'guide >= 1,000,000; 200k positions; baseline: Map lookup of precomputed figures');
}

/** The inventory figures of `npm run bench`. */
export async function inventoryFigures(): Promise<Figure[]> {
  return [await reservationFigure(), await atpFigure()];
}
