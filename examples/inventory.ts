/**
 * The inventory engine (IMS) in one file: ATP that explains itself, a ring-fence for store
 * customers, an ASN counted in time-phased ATP, lots picked by first expiry, a cart hold that
 * expires, a transfer between nodes, and the planning queries over 60 days of sales.
 * Run it with `npx tsx examples/inventory.ts`.
 */
import { createFulfillment, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';

const DAY = 24 * 3600 * 1000;
const clock = new SimulatedClock('2026-03-02T08:00:00Z');
const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(7) });

// Two nodes: the DC keeps 20 % of its tees for the store channel (click & collect).
await ff.defineNode({
  id: 'dc',
  timeZone: 'Europe/Berlin',
  ringFences: [{ channel: 'store', sku: 'tee', share: 0.2, whenExhausted: 'pool' }],
});
await ff.defineNode({ id: 'shop', kind: 'store', timeZone: 'Europe/Berlin' });
await ff.defineSku({ id: 'tee', unitValue: 15 });
await ff.defineSku({ id: 'yoghurt', unitValue: 1.2, lotTracked: true, expiryTracked: true });

await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 120 });
await ff.setSafetyStock({ node: 'dc', sku: 'tee', quantity: 5 });
await ff.expectInbound({ id: 'ASN-88', node: 'dc', sku: 'tee', kind: 'asn', quantity: 40, expectedAt: '2026-03-05T09:00:00Z' });

const show = async (title: string, query: Parameters<typeof ff.getAvailability>[1]) => {
  const a = await ff.getAvailability('tee', { node: 'dc', ...query });
  const terms = a.nodes[0]?.terms.map((t) => `${t.term} ${t.units > 0 ? '+' : ''}${t.units}`).join(', ');
  console.log(`${title.padEnd(34)} ${String(a.available).padStart(3)}   = ${terms}`);
};
console.log('ATP of tee at the DC, and why');
await show('any channel, now', {});
await show('web, now (store fence kept)', { channel: 'web' });
await show('store, now', { channel: 'store' });
await show('web, on 6 March (ASN counted)', { channel: 'web', on: '2026-03-06T00:00:00Z' });

// A cart holds 3 tees for 15 minutes; nobody checks out.
const [hold] = await ff.reserve({ node: 'dc', lines: [{ sku: 'tee', quantity: 3 }], channel: 'web', holder: 'cart-42', holdForMs: 15 * 60_000 });
clock.advance(20 * 60_000);
const expired = await ff.expireReservations();
console.log(`\ncart-42's hold ${hold?.id}: ${expired.expired.length} expired, tees back to stock exactly once`);

// Yoghurt in three lots; a hold takes the first to expire (FEFO), never an expired one.
await ff.receiveStock({ node: 'shop', sku: 'yoghurt', quantity: 10, lot: 'L-0310', expiresOn: '2026-03-10' });
await ff.receiveStock({ node: 'shop', sku: 'yoghurt', quantity: 10, lot: 'L-0304', expiresOn: '2026-03-04' });
await ff.receiveStock({ node: 'shop', sku: 'yoghurt', quantity: 10, lot: 'L-0301', expiresOn: '2026-03-01' });
const [yoghurt] = await ff.reserve({ node: 'shop', lines: [{ sku: 'yoghurt', quantity: 12 }], channel: 'store' });
console.log(`yoghurt hold of 12 takes lots ${yoghurt?.lots?.map((l) => `${l.lot}×${l.quantity}`).join(' + ')} (L-0301 expired yesterday)`);

// Move tees to the shop; they are in transit until received there.
const transfer = await ff.transferStock({ id: 'T-1', from: 'dc', to: 'shop', sku: 'tee', quantity: 8, expectedAt: '2026-03-03T12:00:00Z' });
console.log(`transfer ${transfer.id}: ${transfer.quantity} tees ${transfer.from} → ${transfer.node}, ${transfer.status}`);
await ff.receiveStock({ node: 'shop', sku: 'tee', quantity: 8, inbound: 'T-1' });
console.log(`received at the shop: transfer ${(await ff.getInbound('T-1'))?.status}`);

// Sixty days of web sales at the DC, then the planning queries.
for (let day = 0; day < 60; day++) {
  const units = day % 7 === 6 ? 0 : 1 + (day % 3);
  const available = (await ff.getAvailability('tee', { node: 'dc', channel: 'web' })).available;
  if (units > 0 && units <= available) {
    const sold = await ff.reserve({ node: 'dc', lines: [{ sku: 'tee', quantity: units }], channel: 'web' });
    await ff.consumeReservations({ reservations: sold.map((r) => r.id) });
  }
  if (day === 2) await ff.receiveStock({ node: 'dc', sku: 'tee', quantity: 40, inbound: 'ASN-88' });
  clock.advance(DAY);
}
const forecast = await ff.forecastDemand({ sku: 'tee', node: 'dc', days: 56, policy: { horizon: 7 } });
console.log(`\nforecast (${forecast.method}): ${forecast.forecast.map((x) => x.toFixed(1)).join(' ')} tees/day`);
const plan = await ff.suggestReplenishment({
  skus: ['tee'],
  policy: { method: 'reorder-point', serviceLevel: 0.95, orderingCost: 40, horizonDays: 30 },
  leadTime: { meanDays: 10, sdDays: 3 },
  transferLeadTimeDays: 1,
});
if (plan.length === 0) console.log('nothing to order within 30 days');
for (const s of plan) {
  console.log(`suggest ${s.kind} of ${s.quantity} tee to ${s.node}${s.kind === 'transfer' ? ` from ${s.from}` : ''}, order by ${s.orderBy}, arriving ${s.expectedArrival}`);
}
const classes = await ff.classifyInventory({ skus: ['tee', 'yoghurt'], lookbackDays: 60 });
for (const item of classes.items) console.log(`class ${item.sku}: ${item.cell}`);
