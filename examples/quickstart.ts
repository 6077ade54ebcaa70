/**
 * fulfillkit in one file: two nodes, two SKUs, four orders, in memory.
 * Run it with `npm run demo`. It prints each order's journey and the stock positions.
 */
import { createFulfillment, type JournalEntry, SimulatedClock, seededIds } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';

// A fixed clock and seeded ids make the output the same on every run.
const clock = new SimulatedClock('2026-03-27T09:00:00Z');
const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(2026) });

// Master data: where stock lives and what it is.
await ff.defineNode({ id: 'berlin-dc', name: 'Berlin DC', timeZone: 'Europe/Berlin' });
await ff.defineNode({ id: 'hamburg-store', kind: 'store', timeZone: 'Europe/Berlin', channels: ['store'] });
await ff.defineSku({ id: 'tee-m', name: 'T-shirt M', unitValue: 19 });
await ff.defineSku({ id: 'mug', name: 'Mug', handlingClass: 'fragile', unitValue: 12 });

// The IMS tracks: stock arrives.
await ff.receiveStock({ node: 'berlin-dc', sku: 'tee-m', quantity: 10, reference: 'ASN-7' });
await ff.receiveStock({ node: 'berlin-dc', sku: 'mug', quantity: 3, reference: 'ASN-7' });
await ff.receiveStock({ node: 'hamburg-store', sku: 'tee-m', quantity: 4 });

// The OMS decides: orders are placed and reserved, all lines or none.
const web = (id: string, lines: [string, number][]) => ({
  id,
  channel: 'web',
  lines: lines.map(([sku, quantity], i) => ({ id: `${i + 1}`, sku, quantity })),
});
await ff.placeOrder({ node: 'berlin-dc', order: web('o-1001', [['tee-m', 2], ['mug', 1], ['tee-m', 1]]) });
await ff.placeOrder({ node: 'berlin-dc', order: web('o-1002', [['mug', 5]]), onShortage: 'backorder' });
await ff.placeOrder({ node: 'berlin-dc', order: web('o-1003', [['mug', 2]]), holdForMs: 30 * 60_000 });
try {
  await ff.placeOrder({ node: 'berlin-dc', order: web('o-1004', [['tee-m', 99]]) });
} catch (error) {
  console.log(`o-1004 refused: ${(error as Error).message}\n`);
}

// The WMS executes and reports back: o-1001 is released, picked and shipped.
clock.advance(5 * 60_000);
await ff.releaseOrder('o-1001');
clock.advance(20 * 60_000);
await ff.shipOrder('o-1001');

// Payment for o-1003 never came: its 30-minute hold runs out and the mugs return to stock.
clock.advance(6 * 60_000);
const expiry = await ff.expireReservations();
console.log(`expired ${expiry.expired.length} reservation(s); cancelled ${expiry.cancelledOrders.join(', ')}\n`);
await ff.cancelOrder({ order: 'o-1002', reason: 'customer changed their mind' });

// Each order's journey, read back from the journal: order events with their time, stock moves counted.
const journal = await ff.readJournal();
const journeys = new Map<string, { steps: string[]; stockMoves: number }>();
for (const { event } of journal) {
  const order = orderOf(event);
  if (!order) continue;
  const j = journeys.get(order) ?? { steps: [], stockMoves: 0 };
  if (event.type.startsWith('Order')) j.steps.push(`${event.type.slice(5).toLowerCase()} ${event.at.slice(11, 16)}`);
  else if (event.type.startsWith('Stock') || event.type.startsWith('Reservation')) j.stockMoves += 1;
  journeys.set(order, j);
}
console.log('Order journeys');
const orderRows = [];
for (const [order, j] of journeys) {
  const o = await ff.getOrder(order);
  orderRows.push({ order, status: o?.status ?? '?', journey: j.steps.join(' → '), 'stock moves': j.stockMoves, why: o?.statusReason ?? '' });
}
printTable(orderRows);

console.log('\nStock positions');
const rows = [];
for (const sku of ['tee-m', 'mug']) {
  for (const n of (await ff.getAvailability(sku)).nodes) rows.push({ node: n.node, sku, onHand: n.onHand, reserved: n.reserved, available: n.available });
}
printTable(rows);
console.log(`\n${journal.length} events in the journal.`);

function orderOf(event: JournalEntry['event']): string | undefined {
  if (event.type === 'OrderPlaced') return event.payload.order.id;
  const p = event.payload as { order?: string };
  return typeof p.order === 'string' ? p.order : undefined;
}

function printTable(rows: Record<string, unknown>[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first).filter((c) => rows.some((r) => r[c] !== ''));
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (cells: string[]) => `  ${cells.join('  ')}`;
  console.log(line(columns.map((c) => c.padEnd(width(c)))));
  console.log(line(columns.map((c) => '-'.repeat(width(c)))));
  for (const r of rows) console.log(line(columns.map((c) => (typeof r[c] === 'number' ? String(r[c]).padStart(width(c)) : String(r[c]).padEnd(width(c))))));
}
