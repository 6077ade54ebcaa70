/**
 * An export hub in Guangzhou: weekly sailings with document and CY cutoffs, daily express trucks,
 * two shifts a day, 2,000 orders. Plans their release so the fewest miss their cutoffs, releases
 * them as their time comes, re-plans when a sailing is cancelled, and promises a new order.
 * Run it with `npx tsx examples/export-hub.ts`.
 */
import { createFulfillment, SimulatedClock, seededIds, seededRandom } from 'fulfillkit';
import { memoryStore } from 'fulfillkit/adapters/memory';

const HOUR = 3_600_000;
const clock = new SimulatedClock('2026-05-04T00:00:00Z'); // Monday 08:00 in Guangzhou
const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(11) });
const random = seededRandom(2026);

// Two shifts, Monday to Saturday; the day shift packs faster. 5 May is a public holiday here.
const shifts = [
  { from: '08:00', to: '16:00', name: 'day', capacity: { unitsPerHour: 1_500 } },
  { from: '16:00', to: '23:00', name: 'late', capacity: { unitsPerHour: 1_000 } },
];
await ff.defineCalendar({ id: 'gz-shifts', timeZone: 'Asia/Shanghai', week: [shifts, shifts, shifts, shifts, shifts, shifts, []], holidays: ['2026-05-05'] });
await ff.defineNode({ id: 'gz-hub', timeZone: 'Asia/Shanghai', calendar: 'gz-shifts', processing: { pickMinutes: 90, packMinutes: 45, stageMinutes: 45, perUnitMinutes: 0.5 } });
for (const sku of ['lamp', 'chair', 'kettle']) {
  await ff.defineSku({ id: sku });
  await ff.receiveStock({ node: 'gz-hub', sku, quantity: 100_000 });
}

// Weekly sailings to Rotterdam: documents two days before ETD, containers at the yard one day before.
const sailing = async (id: string, vessel: string, etd: string) => {
  const before = (days: number) => new Date(Date.parse(etd) - days * 24 * HOUR).toISOString();
  await ff.defineDeparture({
    id,
    kind: 'one-off',
    node: 'gz-hub',
    carrier: id.split('-')[0]!.toLowerCase(),
    mode: 'sea',
    serviceLevel: 'sea',
    vessel,
    voyage: id,
    departsAt: etd,
    cutoffs: [
      { kind: 'document', at: before(2) },
      { kind: 'cargo', at: before(1) },
    ],
    arrivesAt: new Date(Date.parse(etd) + 32 * 24 * HOUR).toISOString(),
  });
};
await sailing('MSC-219W', 'MSC Irina', '2026-05-09T02:00:00Z');
await sailing('COSCO-088W', 'COSCO Aries', '2026-05-13T02:00:00Z');
await sailing('MSC-220W', 'MSC Tessa', '2026-05-16T02:00:00Z');
// Daily express trucks to the Hong Kong air hub, Monday to Saturday at 21:00, cutoff an hour before.
await ff.defineDeparture({ id: 'sf-air', kind: 'recurring', node: 'gz-hub', carrier: 'sf', mode: 'truck', serviceLevel: 'air', weekdays: [0, 1, 2, 3, 4, 5], at: '21:00', cutoffMinutes: 60, transit: { days: 3, basis: 'business' } });

// 2,000 orders: most go by sea, a quarter by air, some urgent.
const skus = ['lamp', 'chair', 'kettle'];
for (let i = 0; i < 2_000; i++) {
  const air = random() < 0.25;
  await ff.placeOrder({
    node: 'gz-hub',
    order: {
      id: `EX-${String(i).padStart(4, '0')}`,
      channel: 'b2b',
      priority: random() < 0.1 ? 8 : 4,
      serviceLevel: air ? 'air' : 'sea',
      shipTo: { lines: ['Maasvlakte 2'], city: 'Rotterdam', country: 'NL' },
      lines: [{ id: '1', sku: skus[i % 3]!, quantity: air ? 1 + Math.floor(random() * 5) : 10 + Math.floor(random() * 45) }],
    },
  });
}

const local = (iso: string) => new Date(iso).toLocaleString('en-GB', { timeZone: 'Asia/Shanghai', weekday: 'short', day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
const plan = await ff.planRelease();
console.log(`planned ${plan.orders.length} orders: ${plan.releaseNow.length} released now, ${plan.hold.length} held, ${plan.missed} miss their first departure`);
console.log(`rule: ${plan.trace[0]!.rule}`);
console.log('\ndeparture            cutoff (Guangzhou)     orders  first release');
for (const d of plan.departures.slice(0, 8)) console.log(`${d.departure.padEnd(20)} ${local(d.cutoff).padEnd(22)} ${String(d.orders.length).padStart(6)}  ${local(d.firstRelease)}`);

// The day unfolds: every two hours the hub releases what is due.
console.log('\nreleased when (Guangzhou time)');
for (let h = 0; h < 16; h += 2) {
  clock.set(Date.parse('2026-05-04T00:00:00Z') + h * HOUR);
  const { released } = await ff.releaseDue();
  console.log(`  ${local(new Date(clock.now()).toISOString())}  ${String(released.length).padStart(4)} orders`);
}

// The 21:00 truck took Monday's air orders.
for (const d of plan.departures.filter((x) => x.departure === 'sf-air@2026-05-04')) for (const id of d.orders) await ff.shipOrder(id);

// MSC-219W is blanked: its cargo is at risk until re-planned onto the next sailing.
await ff.cancelDeparture({ departure: 'MSC-219W', reason: 'blank sailing' });
const risks = await ff.atRisk();
console.log(`\nafter MSC-219W was cancelled: ${risks.length} orders at risk, e.g. ${risks[0]?.order}: ${risks[0]?.reason}`);
const again = await ff.planRelease();
const moved = again.orders.filter((o) => o.reason.startsWith('re-planned'));
const staged = moved.filter((o) => o.decision === 'released').length;
console.log(`re-planned: ${moved.length} orders moved off MSC-219W (${staged} already in the warehouse, re-staged), e.g. ${moved[0]?.order} → ${moved[0]?.schedule?.departure}`);
console.log(`at risk after the re-plan: ${(await ff.atRisk()).length}`);

// A customer asks when a new air order would arrive.
const offer = await ff.promise({ cart: { lines: [{ sku: 'kettle', quantity: 2 }], serviceLevel: 'air' }, address: { country: 'NL' } });
console.log(`\npromise for 2 kettles by air to NL: ${offer.offered?.deliveryDate} from ${offer.offered?.node} on ${offer.offered?.departure}`);
for (const line of offer.candidates[0]!.trace) console.log(`  ${line}`);
