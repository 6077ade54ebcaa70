import { describe, expect, it } from 'vitest';
import { memoryStore } from '../../adapters/memory';
import { ValidationError } from '../../src/domain/errors';
import { createFulfillment } from '../../src/runtime/fulfillment';
import { SimulatedClock } from '../../src/simulation/clock';
import { seededIds } from '../../src/simulation/random';

const day = (h: string, to = '20:00') => [{ from: h, to }];
const MONDAY = '2026-05-04T00:00:00Z';

/** An export hub in Guangzhou: Mon–Sat shifts, two sailings a week apart, a daily truck. */
async function hub(policies: Parameters<typeof createFulfillment>[0]['policies'] = {}) {
  const clock = new SimulatedClock(MONDAY);
  const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(7), policies });
  await ff.defineCalendar({ id: 'gz-week', timeZone: 'Asia/Shanghai', week: [day('08:00'), day('08:00'), day('08:00'), day('08:00'), day('08:00'), day('08:00'), []] });
  await ff.defineNode({ id: 'gz', timeZone: 'Asia/Shanghai', calendar: 'gz-week', processing: { pickMinutes: 120, packMinutes: 60, stageMinutes: 60, capacity: { unitsPerHour: 50 } } });
  await ff.defineSku({ id: 'lamp' });
  await ff.receiveStock({ node: 'gz', sku: 'lamp', quantity: 10_000 });
  const sailing = (id: string, etd: string) =>
    ff.defineDeparture({
      id,
      kind: 'one-off',
      node: 'gz',
      carrier: 'msc',
      mode: 'sea',
      serviceLevel: 'sea',
      departsAt: etd,
      cutoffs: [
        { kind: 'document', at: new Date(Date.parse(etd) - 2 * 86_400_000).toISOString() },
        { kind: 'cargo', at: new Date(Date.parse(etd) - 86_400_000).toISOString() },
      ],
      transit: { days: 30, basis: 'calendar' },
    });
  await sailing('MSC-1', '2026-05-09T04:00:00Z');
  await sailing('MSC-2', '2026-05-16T04:00:00Z');
  await ff.defineDeparture({ id: 'sf-daily', kind: 'recurring', node: 'gz', carrier: 'sf', weekdays: [0, 1, 2, 3, 4, 5], at: '18:00', cutoffMinutes: 60, serviceLevel: 'express', transit: { days: 2, basis: 'business' } });
  const place = (id: string, serviceLevel: 'sea' | 'express', quantity: number) =>
    ff.placeOrder({ node: 'gz', order: { id, channel: 'b2b', serviceLevel, shipTo: { lines: ['1 Main St'], city: 'Rotterdam', country: 'NL' }, lines: [{ id: '1', sku: 'lamp', quantity }] } });
  return { ff, clock, place };
}

describe('scheduling runtime: plan, release on time, monitor, re-plan, promise', () => {
  it('plans reserved orders, records schedules, and releases them when due with OrderReleased', async () => {
    const { ff, clock, place } = await hub();
    await place('sea-1', 'sea', 100);
    await place('exp-1', 'express', 5);
    const plan = await ff.planRelease();
    expect(plan.scheduled).toBe(2);
    const sea = await ff.getOrder('sea-1');
    // The document cutoff, two days before ETD, binds: Thursday 12:00 in Guangzhou.
    expect(sea!.schedule).toMatchObject({ departure: 'MSC-1', cutoff: '2026-05-07T04:00:00.000Z', onTime: true });
    expect((await ff.getOrder('exp-1'))!.schedule!.departure).toBe('sf-daily@2026-05-04');
    // Planning again changes nothing.
    expect((await ff.planRelease()).scheduled).toBe(0);

    const released: string[] = [];
    ff.on('OrderReleased', (e) => released.push(e.payload.order));
    // Monday 08:00 in Guangzhou the shift starts with the express order (due first); 5 units at
    // 50 units/h later the sea order starts.
    clock.set('2026-05-04T00:10:00Z');
    const first = await ff.releaseDue();
    expect(first.released).toEqual(['exp-1', 'sea-1']);
    expect(released).toEqual(['exp-1', 'sea-1']);
    expect((await ff.getOrder('sea-1'))!.status).toBe('released');
    expect((await ff.releaseDue()).released).toEqual([]);
  });

  it('holds work for later departures and releases it only when its time comes', async () => {
    const { ff, clock, place } = await hub();
    // 30 orders × 40 units at 50 units/h: 24 h of work, spread over the shifts before the cutoff.
    for (let i = 0; i < 30; i++) await place(`s${String(i).padStart(2, '0')}`, 'sea', 40);
    const plan = await ff.planRelease();
    expect(plan.releaseNow.length).toBeGreaterThan(0);
    expect(plan.hold.length).toBeGreaterThan(0);
    expect((await ff.releaseDue({ now: MONDAY })).released).toEqual(plan.releaseNow.filter((id) => plan.orders.find((o) => o.order === id)!.schedule!.releaseAt <= MONDAY));
    clock.set('2026-05-05T12:00:00Z');
    const later = await ff.releaseDue();
    expect(later.released.length).toBeGreaterThan(0);
    for (const id of later.released) expect(Date.parse((await ff.getOrder(id))!.schedule!.releaseAt)).toBeLessThanOrEqual(clock.now());
  });

  it('flags orders of a cancelled sailing, re-plans them onto the next one', async () => {
    const { ff, place } = await hub();
    await place('sea-1', 'sea', 10);
    await place('sea-2', 'sea', 10);
    await place('sea-3', 'sea', 10);
    await ff.planRelease({ policy: { releaseWindowMinutes: 0 } });
    // sea-3 is in the warehouse already, staged for MSC-1.
    await ff.releaseOrder('sea-3');
    await ff.cancelDeparture({ departure: 'MSC-1', reason: 'blank sailing' });
    const risks = await ff.atRisk();
    expect(risks.map((r) => [r.order, r.level, r.replan])).toEqual([
      ['sea-1', 'missed', true],
      ['sea-2', 'missed', true],
      ['sea-3', 'missed', true],
    ]);
    const again = await ff.planRelease();
    expect(again.scheduled).toBe(3);
    expect(again.orders.find((o) => o.order === 'sea-3')).toMatchObject({ decision: 'released', schedule: { departure: 'MSC-2' } });
    expect(await ff.getOrder('sea-3')).toMatchObject({ status: 'released', schedule: { departure: 'MSC-2' } });
    const order = await ff.getOrder('sea-1');
    expect(order!.schedule!.departure).toBe('MSC-2');
    expect(again.orders.find((o) => o.order === 'sea-1')!.reason).toMatch(/^re-planned from MSC-1/);
    expect(await ff.atRisk()).toEqual([]);
    // The departure is gone from the node's live list, its record kept.
    expect((await ff.getDepartures('gz')).map((d) => d.id)).toEqual(['MSC-2', 'sf-daily']);
  });

  it('a call’s policy overrides the runtime’s field by field', async () => {
    const { ff, place } = await hub({ release: { consolidate: 'departure' } });
    for (const id of ['s1', 's2', 's3']) await place(id, 'sea', 50);
    const plan = await ff.planRelease({ policy: { releaseWindowMinutes: 0 } });
    // Consolidation (the runtime's) still holds: the sailing's cargo goes together; the window (the call's) releases only what is due now.
    expect(new Set(plan.orders.map((o) => o.schedule!.releaseAt)).size).toBe(1);
    expect(plan.releaseNow).toEqual(['s1', 's2', 's3']);
    const separate = await ff.planRelease({ policy: { consolidate: 'none' } });
    expect(new Set(separate.orders.map((o) => o.schedule!.releaseAt)).size).toBe(3);
  });

  it('a delayed sailing moves its cutoffs; the monitor says so and a re-plan follows', async () => {
    const { ff, place } = await hub();
    await place('sea-1', 'sea', 10);
    await ff.planRelease();
    const moved = await ff.delayDeparture({ departure: 'MSC-1', byMinutes: 24 * 60, reason: 'port congestion' });
    expect(moved).toMatchObject({ status: 'delayed', departsAt: '2026-05-10T04:00:00.000Z' });
    const [risk] = await ff.atRisk({ slackMinutes: 0 });
    expect(risk).toMatchObject({ order: 'sea-1', replan: true });
    expect(risk!.reason).toContain('MSC-1 moved its cutoff to 2026-05-08T04:00:00.000Z');
    await ff.planRelease();
    expect((await ff.getOrder('sea-1'))!.schedule!.cutoff).toBe('2026-05-08T04:00:00.000Z');
  });

  it('promises from stock and departures, with a trace', async () => {
    const { ff } = await hub();
    const p = await ff.promise({ cart: { lines: [{ sku: 'lamp', quantity: 2 }], serviceLevel: 'express' }, address: { country: 'DE' } });
    // Monday, ready in 4 working hours, the 17:00 cutoff made, 2 business days: Wednesday.
    expect(p.offered).toMatchObject({ node: 'gz', departure: 'sf-daily@2026-05-04', deliveryDate: '2026-05-06' });
    expect(p.candidates[0]!.trace.length).toBeGreaterThan(2);
  });

  it('feeds each node’s delivery date to routing as its lateness input', async () => {
    const clock = new SimulatedClock(MONDAY);
    const ff = createFulfillment({ store: memoryStore(), clock, ids: seededIds(3), policies: { routing: { cost: { perShipment: 0, carrier: { base: 0, perKm: 0, perKg: 0 }, splitPenalty: 0, latenessPerDay: 10 } } } });
    await ff.defineSku({ id: 'lamp' });
    // The cheaper node ships only by sea; the dearer one has a daily express truck.
    for (const [id, perOrder] of [['cheap', 1], ['fast', 5]] as const) {
      await ff.defineNode({ id, timeZone: 'Europe/Berlin', costs: { perOrder, perUnit: 0 } });
      await ff.receiveStock({ node: id, sku: 'lamp', quantity: 10 });
    }
    await ff.defineDeparture({ id: 'ship', kind: 'recurring', node: 'cheap', carrier: 'c', weekdays: [2], at: '12:00', serviceLevel: 'standard', transit: { days: 10, basis: 'calendar' } });
    await ff.defineDeparture({ id: 'truck', kind: 'recurring', node: 'fast', carrier: 'c', weekdays: [0, 1, 2, 3, 4], at: '18:00', serviceLevel: 'standard' });
    const place = (id: string, requestedDate?: string) =>
      ff.placeOrder({ order: { id, channel: 'web', ...(requestedDate ? { requestedDate } : {}), shipTo: { lines: ['x'], city: 'Berlin', country: 'DE' }, lines: [{ id: '1', sku: 'lamp', quantity: 1 }] } });
    expect((await place('due-soon', '2026-05-06')).node).toBe('fast');
    expect((await place('no-date')).node).toBe('cheap');
    const [decision] = (await ff.explainOrder('due-soon'))!.routing;
    expect(JSON.stringify(decision!.trace)).not.toContain('delivery days unknown');
  });

  it('refuses bad input with issue paths and writes nothing', async () => {
    const { ff } = await hub();
    const before = await ff.readJournal();
    await expect(ff.defineDeparture({ id: 'x', kind: 'recurring', node: 'gz', carrier: 'c', weekdays: [7], at: '9:00' } as never)).rejects.toThrow(ValidationError);
    await expect(ff.delayDeparture({ departure: 'MSC-1' } as never)).rejects.toThrow(/give departsAt/);
    await expect(ff.cancelDeparture({ departure: 'sf-daily' })).rejects.toThrow(ValidationError);
    await expect(ff.planRelease({ capacity: { gz: { factor: -1 } } })).rejects.toThrow(ValidationError);
    expect(await ff.readJournal()).toEqual(before);
  });
});
