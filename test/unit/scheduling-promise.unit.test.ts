import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors';
import type { CalendarInput, DepartureInput } from '../../src/domain/schedule';
import { deliveryDaysByNode, promise } from '../../src/scheduling/promise';

const hours = [{ from: '08:00', to: '18:00' }];
const week = (holidays: string[] = []): CalendarInput => ({ id: 'berlin-week', timeZone: 'Europe/Berlin', week: [hours, hours, hours, hours, hours, [], []], holidays });
const berlin = { id: 'berlin', timeZone: 'Europe/Berlin', calendar: 'berlin-week', processing: { pickMinutes: 60, packMinutes: 30, stageMinutes: 30 } };
const paris = { id: 'paris', timeZone: 'Europe/Paris', processing: { pickMinutes: 30 }, rank: 1 };
const dailyTruck = (node: string, extra: Partial<DepartureInput> = {}): DepartureInput =>
  ({ id: `${node}-dhl`, kind: 'recurring', node, carrier: 'dhl', weekdays: [0, 1, 2, 3, 4], at: '17:00', transit: { days: 1, basis: 'business' }, ...extra }) as DepartureInput;
const cart = { lines: [{ sku: 'tee', quantity: 2 }] };
// Wednesday 1 April 2026, 19:00 in Berlin: after the day's cutoff.
const wednesdayEvening = '2026-04-01T17:00:00Z';

describe('promise', () => {
  it('offers the next departure it can make plus business-day transit', () => {
    const p = promise(cart, { country: 'DE' }, { nodes: [berlin], calendars: [week()] }, [{ node: 'berlin', sku: 'tee', available: 5 }], [dailyTruck('berlin')], wednesdayEvening);
    expect(p.offered).toEqual({ deliveryDate: '2026-04-03', split: false, node: 'berlin', departure: 'berlin-dhl@2026-04-02' });
    expect(p.candidates[0]!.trace.join('\n')).toContain('pickup cutoff 2026-04-02T15:00:00.000Z');
  });

  it('a node holiday pushes the promise by one working day', () => {
    // Thursday 2 April closed: the order is picked on Friday, leaves Friday, arrives Monday.
    const p = promise(cart, { country: 'DE' }, { nodes: [berlin], calendars: [week(['2026-04-02'])] }, [{ node: 'berlin', sku: 'tee', available: 5 }], [dailyTruck('berlin')], wednesdayEvening);
    expect(p.offered).toMatchObject({ deliveryDate: '2026-04-06', departure: 'berlin-dhl@2026-04-03' });
  });

  it('a carrier holiday stops its pick-ups and its business-day transit', () => {
    const dhlWeek: CalendarInput = { id: 'dhl-de', timeZone: 'Europe/Berlin', week: week().week, holidays: ['2026-04-03'] };
    const p = promise(cart, { country: 'DE' }, { nodes: [berlin], calendars: [week(), dhlWeek] }, [{ node: 'berlin', sku: 'tee', available: 5 }], [dailyTruck('berlin', { calendar: 'dhl-de' })], wednesdayEvening);
    // Leaves Thursday; Good Friday is no business day for the carrier: Monday, not Friday.
    expect(p.offered).toMatchObject({ deliveryDate: '2026-04-06', departure: 'berlin-dhl@2026-04-02' });
  });

  it('counts inbound by its expected date when stock now is short, and picks the earliest node', () => {
    const stock = [
      { node: 'berlin', sku: 'tee', available: 1, inbound: [{ at: '2026-04-07T10:00:00Z', quantity: 10 }] },
      { node: 'paris', sku: 'tee', available: 2 },
    ];
    const p = promise(cart, { country: 'FR', postalCode: '75001' }, { nodes: [berlin, paris], calendars: [week()] }, stock, [dailyTruck('berlin'), dailyTruck('paris', { lanes: [{ country: 'FR', days: 1 }, { country: 'DE', days: 2 }] })], wednesdayEvening);
    expect(p.offered).toMatchObject({ node: 'paris', deliveryDate: '2026-04-03' });
    const fromBerlin = p.candidates.find((c) => c.node === 'berlin')!;
    expect(fromBerlin.stockAt).toBe('2026-04-07T10:00:00.000Z');
    expect(fromBerlin.deliveryDate).toBe('2026-04-08');
    expect(deliveryDaysByNode(p, '2026-04-01')).toEqual({ paris: 2, berlin: 7 });
  });

  it('uses a lane’s transit by postal prefix', () => {
    const truck = dailyTruck('berlin', { lanes: [{ country: 'DE', days: 1 }, { country: 'DE', postalPrefix: '18', days: 3 }] });
    const to = (postalCode: string) => promise(cart, { country: 'DE', postalCode }, { nodes: [berlin], calendars: [week()] }, [{ node: 'berlin', sku: 'tee', available: 5 }], [truck], wednesdayEvening).offered!.deliveryDate;
    expect(to('10115')).toBe('2026-04-03');
    expect(to('18055')).toBe('2026-04-07');
  });

  it('splits by line when no node has the whole cart, and says so', () => {
    const two = { lines: [{ sku: 'tee', quantity: 2 }, { sku: 'cap', quantity: 1 }] };
    const stock = [
      { node: 'berlin', sku: 'tee', available: 5 },
      { node: 'paris', sku: 'cap', available: 5 },
    ];
    const p = promise(two, { country: 'DE' }, { nodes: [berlin, paris], calendars: [week()] }, stock, [dailyTruck('berlin'), dailyTruck('paris')], wednesdayEvening);
    expect(p.offered).toMatchObject({ split: true, deliveryDate: '2026-04-03' });
    expect(p.offered!.lines!.map((l) => [l.sku, l.node])).toEqual([
      ['tee', 'berlin'],
      ['cap', 'paris'],
    ]);
    expect(promise(two, { country: 'DE' }, { nodes: [berlin, paris], calendars: [week()] }, stock, [dailyTruck('berlin'), dailyTruck('paris')], wednesdayEvening, { split: false }).offered).toBeUndefined();
  });

  it('rides a faster service only when the policy allows it', () => {
    const express = dailyTruck('berlin', { id: 'berlin-exp', serviceLevel: 'express' } as Partial<DepartureInput>);
    const args = [cart, { country: 'DE' }, { nodes: [berlin], calendars: [week()] }, [{ node: 'berlin', sku: 'tee', available: 5 }], [express], wednesdayEvening] as const;
    expect(promise(...args).offered).toBeUndefined();
    expect(promise(...args, { serviceLevels: 'same-or-faster' }).offered).toMatchObject({ departure: 'berlin-exp@2026-04-02' });
  });

  it('refuses bad input with issue paths', () => {
    expect(() => promise({ lines: [{ sku: 'tee', quantity: -1 }] }, { country: 'Germany' }, { nodes: [] }, [], [], 'now')).toThrow(ValidationError);
    try {
      promise({ lines: [{ sku: 'tee', quantity: -1 }] }, { country: 'DE' }, { nodes: [] }, [], [], wednesdayEvening);
    } catch (e) {
      expect((e as ValidationError).issues[0]!.path).toEqual(['cart', 'lines', 0, 'quantity']);
    }
    const twice = [{ node: 'berlin', sku: 'tee', available: 5 }, { node: 'berlin', sku: 'tee', available: 1 }];
    expect(() => promise(cart, { country: 'DE' }, { nodes: [berlin] }, twice, [], wednesdayEvening)).toThrow(/availability\[1\]\.sku: tee at berlin is given twice/);
  });
});
