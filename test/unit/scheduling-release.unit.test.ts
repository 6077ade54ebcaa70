import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import type { CalendarInput, DepartureInput } from '../../src/domain/schedule';
import { planRelease } from '../../src/scheduling/plan-release';
import { cutoffRisks } from '../../src/scheduling/risk';
import { Departure } from '../../src/domain/schedule';

const open = (from: string, to: string) => [{ from, to }];
const weekdays = (hours: { from: string; to: string }[]) => [hours, hours, hours, hours, hours, [], []];

const berlinWeek: CalendarInput = { id: 'berlin-week', timeZone: 'Europe/Berlin', week: weekdays(open('08:00', '18:00')) };
const berlin = { id: 'berlin', timeZone: 'Europe/Berlin', calendar: 'berlin-week', processing: { pickMinutes: 60, packMinutes: 30, stageMinutes: 30 } };
const fridayTruck: DepartureInput = { id: 'dhl-fri', kind: 'recurring', node: 'berlin', carrier: 'dhl', weekdays: [4], at: '17:00' };
const order = (id: string, extra: Record<string, unknown> = {}) => ({ id, node: 'berlin', lines: 1, units: 2, ...extra });

describe('planRelease: cutoffs on working hours, in the node’s zone', () => {
  it('a Friday 17:00 Berlin cutoff is 16:00Z before the March DST change and 15:00Z after it', () => {
    const before = planRelease([order('o1')], { nodes: [berlin], calendars: [berlinWeek] }, [fridayTruck], {}, '2026-03-26T12:00:00Z');
    expect(before.orders[0]!.schedule).toMatchObject({
      departure: 'dhl-fri@2026-03-27',
      cutoff: '2026-03-27T16:00:00.000Z',
      latestReleaseAt: '2026-03-27T14:00:00.000Z',
      onTime: true,
    });
    // After Friday's cutoff the next pick-up is a week later, in summer time.
    const after = planRelease([order('o1')], { nodes: [berlin], calendars: [berlinWeek] }, [fridayTruck], {}, '2026-03-27T16:30:00Z');
    expect(after.orders[0]!.schedule).toMatchObject({
      departure: 'dhl-fri@2026-04-03',
      cutoff: '2026-04-03T15:00:00.000Z',
      latestReleaseAt: '2026-04-03T13:00:00.000Z',
    });
  });

  it('a node holiday takes that day’s pick-up away (node ∩ carrier)', () => {
    const goodFriday: CalendarInput = { ...berlinWeek, holidays: ['2026-04-03'] };
    const plan = planRelease([order('o1')], { nodes: [berlin], calendars: [goodFriday] }, [fridayTruck], {}, '2026-03-27T16:30:00Z');
    expect(plan.orders[0]!.schedule).toMatchObject({ departure: 'dhl-fri@2026-04-10', cutoff: '2026-04-10T15:00:00.000Z' });
  });

  it('counts lead time on working hours only: a Monday 09:00 cutoff is made by Friday 17:00 release', () => {
    const monday: DepartureInput = { id: 'ups-mon', kind: 'recurring', node: 'berlin', carrier: 'ups', weekdays: [0], at: '09:00' };
    const plan = planRelease([order('o1')], { nodes: [berlin], calendars: [berlinWeek] }, [monday], {}, '2026-03-27T09:00:00Z');
    // 2 h of work: 17:00–18:00 CET on Friday, 08:00–09:00 CEST on Monday (the clocks went forward between).
    expect(plan.orders[0]!.schedule).toMatchObject({ cutoff: '2026-03-30T07:00:00.000Z', latestReleaseAt: '2026-03-27T16:00:00.000Z' });
  });

  it('a sailing’s document cutoff two days before ETD binds release, unless the policy binds the cargo cutoff', () => {
    const hub = { id: 'gz', timeZone: 'Asia/Shanghai', processing: { pickMinutes: 240, packMinutes: 120, stageMinutes: 120 } };
    const sailing: DepartureInput = {
      id: 'COSCO-088E',
      kind: 'one-off',
      node: 'gz',
      carrier: 'cosco',
      mode: 'sea',
      serviceLevel: 'sea',
      vessel: 'COSCO Shipping Aries',
      voyage: '088E',
      departsAt: '2026-05-10T12:00:00+08:00',
      cutoffs: [
        { kind: 'document', at: '2026-05-08T12:00:00+08:00' },
        { kind: 'cargo', at: '2026-05-09T12:00:00+08:00' },
      ],
      arrivesAt: '2026-06-12T08:00:00+02:00',
    };
    const orders = [order('o1', { node: 'gz', serviceLevel: 'sea', units: 40 })];
    const plan = planRelease(orders, { nodes: [hub] }, [sailing], {}, '2026-05-01T00:00:00Z');
    expect(plan.orders[0]!.schedule).toMatchObject({
      departure: 'COSCO-088E',
      cutoff: '2026-05-08T04:00:00.000Z',
      latestReleaseAt: '2026-05-07T20:00:00.000Z',
      departsAt: '2026-05-10T04:00:00.000Z',
      deliveryDate: '2026-06-12',
    });
    expect(plan.orders[0]!.schedule!.reason).toContain('document cutoff');
    const cargo = planRelease(orders, { nodes: [hub] }, [sailing], {}, '2026-05-01T00:00:00Z', { cutoffKinds: ['cargo'] });
    expect(cargo.orders[0]!.schedule).toMatchObject({ cutoff: '2026-05-09T04:00:00.000Z', cutoffKind: 'cargo', latestReleaseAt: '2026-05-08T20:00:00.000Z' });
    // The monitor follows the cutoff the plan bound to: the earlier document cutoff is no change.
    const watched = [{ id: 'o1', status: 'reserved' as const, schedule: cargo.orders[0]!.schedule }];
    expect(cutoffRisks(watched, [Departure.parse(sailing)], Date.parse('2026-05-01T00:00:00Z'), 60)).toEqual([]);
    const later = Departure.parse({ ...sailing, cutoffs: [{ kind: 'document', at: '2026-05-08T12:00:00+08:00' }, { kind: 'cargo', at: '2026-05-09T18:00:00+08:00' }] });
    expect(cutoffRisks(watched, [later], Date.parse('2026-05-01T00:00:00Z'), 60)).toEqual([expect.objectContaining({ order: 'o1', replan: true })]);
  });

  it('re-plans orders of a cancelled sailing onto the next one, and the monitor flags them before', () => {
    const hub = { id: 'gz', timeZone: 'Asia/Shanghai', processing: { pickMinutes: 60, packMinutes: 0, stageMinutes: 0 } };
    const sailing = (id: string, etd: string): DepartureInput => ({ id, kind: 'one-off', node: 'gz', carrier: 'msc', mode: 'sea', serviceLevel: 'sea', departsAt: etd, cutoffs: [{ kind: 'cargo', at: etd }] });
    const first = sailing('MSC-1', '2026-05-10T04:00:00Z');
    const next = sailing('MSC-2', '2026-05-14T04:00:00Z');
    const orders = [order('o1', { node: 'gz', serviceLevel: 'sea' }), order('o2', { node: 'gz', serviceLevel: 'sea' })];
    const plan = planRelease(orders, { nodes: [hub] }, [first, next], {}, '2026-05-01T00:00:00Z');
    expect(plan.orders.map((o) => o.schedule!.departure)).toEqual(['MSC-1', 'MSC-1']);

    const cancelled = Departure.parse({ ...first, status: 'cancelled', statusReason: 'blank sailing' });
    const watched = plan.orders.map((o) => ({ id: o.order, status: 'reserved' as const, schedule: o.schedule }));
    const risks = cutoffRisks(watched, [cancelled, Departure.parse(next)], Date.parse('2026-05-02T00:00:00Z'), 60);
    expect(risks.map((r) => [r.order, r.level, r.replan])).toEqual([
      ['o1', 'missed', true],
      ['o2', 'missed', true],
    ]);
    expect(risks[0]!.reason).toContain('MSC-1 was cancelled: blank sailing');

    const again = planRelease(
      orders.map((o, i) => ({ ...o, schedule: plan.orders[i]!.schedule })),
      { nodes: [hub] },
      [cancelled, next],
      {},
      '2026-05-02T00:00:00Z',
    );
    expect(again.orders.map((o) => o.schedule!.departure)).toEqual(['MSC-2', 'MSC-2']);
    expect(again.orders[0]!.reason).toMatch(/^re-planned from MSC-1/);
    // A cancellation is not a missed cutoff of the plan: MSC-2 is the first sailing the orders can make now.
    expect(again.missed).toBe(0);
  });
});

describe('planRelease: capacity, priorities, consolidation', () => {
  const staffed = { ...berlin, processing: { ...berlin.processing, capacity: { unitsPerHour: 10 } } };
  const daily: DepartureInput = { id: 'dhl', kind: 'recurring', node: 'berlin', carrier: 'dhl', weekdays: [0, 1, 2, 3, 4], at: '17:00' };

  it('releases in EDD order at the pace of throughput, rolls what cannot make today’s cutoff to tomorrow', () => {
    // Friday 08:00–16:30 CET of work before the 30 min of staging: 8.5 h × 10 units = 85 units; 30 orders × 3 = 90.
    const orders = Array.from({ length: 30 }, (_, i) => order(`o${String(i).padStart(2, '0')}`, { units: 3 }));
    const plan = planRelease(orders, { nodes: [staffed], calendars: [berlinWeek] }, [daily], {}, '2026-03-27T07:00:00Z', { priorities: 'tie-break' });
    const rolled = plan.orders.filter((o) => o.schedule && !o.schedule.onTime);
    expect(rolled).toHaveLength(2);
    expect(plan.missed).toBe(2);
    for (const r of rolled) expect(r.schedule).toMatchObject({ departure: 'dhl@2026-03-30', missed: 'dhl@2026-03-27' });
    // 18 minutes of throughput per order: the first four start within the hour.
    expect(plan.releaseNow).toEqual(['o00', 'o01', 'o02', 'o03']);
    expect(plan.orders[1]!.schedule!.releaseAt).toBe('2026-03-27T07:18:00.000Z');
    expect(plan.trace[0]!.rule).toContain('Moore-Hodgson');
  });

  it('keeps high-priority orders on time first under strict priorities', () => {
    const orders = Array.from({ length: 30 }, (_, i) => order(`o${String(i).padStart(2, '0')}`, { units: 3, priority: i < 5 ? 9 : 1 }));
    const plan = planRelease(orders, { nodes: [staffed], calendars: [berlinWeek] }, [daily], {}, '2026-03-27T07:00:00Z');
    const urgent = plan.orders.slice(0, 5);
    expect(urgent.every((o) => o.schedule!.onTime)).toBe(true);
    expect(plan.releaseNow.slice(0, 4)).toEqual(['o00', 'o01', 'o02', 'o03']);
  });

  it('a capacity drop rolls more orders', () => {
    const orders = Array.from({ length: 30 }, (_, i) => order(`o${i}`, { units: 3 }));
    const full = planRelease(orders, { nodes: [staffed], calendars: [berlinWeek] }, [daily], {}, '2026-03-27T07:00:00Z');
    const half = planRelease(orders, { nodes: [staffed], calendars: [berlinWeek] }, [daily], { berlin: { factor: 0.5 } }, '2026-03-27T07:00:00Z');
    expect(full.missed).toBe(2);
    // Half the rate: 42.5 units by the cutoff, 14 orders.
    expect(half.missed).toBe(30 - 14);
  });

  it('releases a departure’s cargo together under consolidation', () => {
    const orders = Array.from({ length: 10 }, (_, i) => order(`o${i}`, { units: 3 }));
    const plan = planRelease(orders, { nodes: [staffed], calendars: [berlinWeek] }, [daily], {}, '2026-03-27T07:00:00Z', { consolidate: 'departure' });
    expect(new Set(plan.orders.map((o) => o.schedule!.releaseAt))).toEqual(new Set(['2026-03-27T07:00:00.000Z']));
    expect(plan.releaseNow).toHaveLength(10);
    expect(plan.departures).toEqual([expect.objectContaining({ departure: 'dhl@2026-03-27', firstRelease: '2026-03-27T07:00:00.000Z' })]);
  });

  it('says why an order cannot be planned', () => {
    const plan = planRelease([order('o1', { serviceLevel: 'air' }), order('o2', { node: 'nowhere' })], { nodes: [berlin], calendars: [berlinWeek] }, [daily], {}, '2026-03-27T07:00:00Z');
    expect(plan.unplannable).toEqual(['o1', 'o2']);
    expect(plan.orders[0]!.reason).toContain('no air departure');
    expect(plan.orders[1]!.reason).toContain('node nowhere is not in the network');
  });

  it('refuses bad input with issue paths', () => {
    const bad = () => planRelease([{ id: 'o1', node: 'berlin', lines: 0, units: 1 }], { nodes: [berlin] }, [{ id: 'x', kind: 'recurring', node: 'berlin', carrier: 'c', weekdays: [9], at: '25:00' }], {}, 'yesterday');
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (e) {
      expect((e as ValidationError).issues.map((i) => i.path.join('.'))).toContain('orders.0.lines');
    }
    expect(() => planRelease([order('o1'), order('o1')], { nodes: [berlin] }, [], {}, '2026-03-27T07:00:00Z')).toThrow(/orders\[1\]\.id: order o1 is given twice/);
    expect(() => planRelease([order('o1')], { nodes: [berlin] }, [fridayTruck, fridayTruck], {}, '2026-03-27T07:00:00Z')).toThrow(/departures\[1\]\.id: departure dhl-fri is given twice/);
  });
});
