/**
 * Checkout routing: a cart routed over a network of a DC and three stores, at least cost, with the
 * plan and the trace of why. Run it with `npx tsx examples/checkout-routing.ts`.
 */
import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';

const ff = createFulfillment({
  store: memoryStore(),
  clock: new SimulatedClock('2026-03-02T10:00:00Z'),
  ids: seededIds(3),
  policies: {
    holds: { rules: [] },
    routing: {
      capability: 'ship-from-store',
      maxShipments: 2,
      // A parcel costs 4.90 plus 2 ct a km and 0.80 a kg; every extra parcel another 2.50.
      cost: { perShipment: 4.9, carrier: { base: 0, perKm: 0.02, perKg: 0.8 }, splitPenalty: 2.5, latenessPerDay: 0 },
    },
  },
});

const stores = [
  { id: 'dc-kassel', kind: 'dc' as const, geo: { lat: 51.31, lon: 9.48 }, costs: { perOrder: 1.2, perUnit: 0.1 } },
  { id: 'store-hamburg', kind: 'store' as const, geo: { lat: 53.55, lon: 9.99 }, costs: { perOrder: 3.5, perUnit: 0.4 } },
  { id: 'store-berlin', kind: 'store' as const, geo: { lat: 52.52, lon: 13.4 }, costs: { perOrder: 3.5, perUnit: 0.4 } },
  { id: 'store-munich', kind: 'store' as const, geo: { lat: 48.14, lon: 11.58 }, costs: { perOrder: 3.5, perUnit: 0.4 }, active: false },
];
for (const node of stores) await ff.defineNode({ ...node, capabilities: ['ship', 'ship-from-store', 'pickup'] });
await ff.defineSku({ id: 'jacket', weightG: 1200 });
await ff.defineSku({ id: 'boots', weightG: 1600 });
await ff.defineSku({ id: 'scarf', weightG: 150 });

const stock: [string, string, number][] = [
  ['dc-kassel', 'jacket', 40],
  ['dc-kassel', 'scarf', 3],
  ['store-hamburg', 'boots', 2],
  ['store-hamburg', 'scarf', 5],
  ['store-berlin', 'boots', 6],
  ['store-berlin', 'jacket', 1],
  ['store-munich', 'boots', 9],
];
for (const [node, sku, quantity] of stock) await ff.receiveStock({ node, sku, quantity });

// A customer in Lübeck buys a jacket, boots and two scarves.
const order = await ff.placeOrder({
  order: {
    id: 'web-5001',
    channel: 'web',
    shipTo: { lines: ['Breite Str. 1'], city: 'Lübeck', country: 'DE', geo: { lat: 53.87, lon: 10.69 } },
    lines: [
      { id: '1', sku: 'jacket', quantity: 1 },
      { id: '2', sku: 'boots', quantity: 1 },
      { id: '3', sku: 'scarf', quantity: 2 },
    ],
  },
});

const why = await ff.explainOrder(order.id);
const decision = why?.routing[0];
console.log(`order ${order.id}: ${order.status}, ${decision?.shipments.length} shipment(s), cost ${decision?.cost.toFixed(2)}`);
for (const s of decision?.shipments ?? []) console.log(`  from ${s.node.padEnd(14)} ${s.lines.map((l) => `${l.sku} × ${l.quantity}`).join(', ')}`);

const trace = decision?.trace as {
  candidates: { node: string; eligible: boolean; reasons: string[] }[];
  rules: string[];
  search: { method: string; explored: number };
  rejected: { nodes: string[]; cost: number | null; reason: string }[];
};
console.log('\nwhy');
for (const c of trace.candidates) console.log(`  ${c.eligible ? 'candidate' : 'excluded '} ${c.node.padEnd(14)} ${c.reasons.join('; ')}`);
for (const rule of trace.rules) console.log(`  rule: ${rule}`);
console.log(`  search: ${trace.search.method}, ${trace.search.explored} node sets explored`);
for (const r of trace.rejected.slice(0, 3)) console.log(`  rejected ${r.nodes.join(' + ').padEnd(30)} ${r.cost === null ? '' : r.cost.toFixed(2).padStart(7)}  ${r.reason}`);
