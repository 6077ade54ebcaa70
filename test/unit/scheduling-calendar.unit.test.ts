import { TZDate } from '@date-fns/tz';
import { describe, expect, it } from 'vitest';
import { Calendar, type OpeningHours } from '../../src/domain/schedule';
import {
  addBusinessDays,
  addCalendarDays,
  addWorkingTime,
  capacityAt,
  capacityCurve,
  isWorkingDay,
  nextOpen,
  nextWorkingDay,
  openIntervals,
  openIntervalsOf,
  openTimeBetween,
  subtractWorkingTime,
  timeAtCapacity,
  wallClockToInstant,
  workingTime,
} from '../../src/scheduling/calendar';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (iso: string) => Date.parse(iso);
const iso = (t: number | undefined) => (t === undefined ? undefined : new Date(t).toISOString());

type Shift = Omit<OpeningHours, 'capacity'> & { capacity?: { unitsPerHour?: number; ordersPerHour?: number } };
/** A calendar with the given shifts on the given week indexes (0 = Monday). */
function calendar(id: string, timeZone: string, days: readonly number[], shifts: readonly Shift[], holidays: readonly string[] = []): Calendar {
  return Calendar.parse({ id, timeZone, week: Array.from({ length: 7 }, (_, i) => (days.includes(i) ? shifts : [])), holidays });
}

const MON_FRI = [0, 1, 2, 3, 4];
const berlin = calendar('berlin', 'Europe/Berlin', MON_FRI, [{ from: '08:00', to: '17:00' }]);

describe('wall-clock boundaries across DST', () => {
  it('moves a time inside a spring-forward gap to the first instant after it', () => {
    expect(iso(wallClockToInstant('2026-03-29', 2 * 60 + 30, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z'); // 03:00 CEST
    expect(iso(wallClockToInstant('2026-03-29', 2 * 60, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockToInstant('2026-03-08', 2 * 60 + 30, 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(iso(wallClockToInstant('2026-10-04', 2 * 60 + 15, 'Australia/Lord_Howe'))).toBe('2026-10-03T15:30:00.000Z'); // 30-min gap
  });

  it('takes the earlier instant of a time that occurs twice', () => {
    expect(iso(wallClockToInstant('2026-10-25', 2 * 60 + 30, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(iso(wallClockToInstant('2026-11-01', 60 + 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(wallClockToInstant('2026-04-05', 2 * 60 + 30, 'Australia/Sydney'))).toBe('2026-04-04T15:30:00.000Z'); // 02:30 AEDT
  });

  it('handles ordinary times and the next midnight (1440)', () => {
    expect(iso(wallClockToInstant('2026-03-27', 17 * 60, 'Europe/Berlin'))).toBe('2026-03-27T16:00:00.000Z');
    expect(iso(wallClockToInstant('2026-03-28', 1440, 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(wallClockToInstant('2026-07-01', 9 * 60, 'Asia/Kolkata'))).toBe('2026-07-01T03:30:00.000Z');
    expect(iso(wallClockToInstant('2026-07-01', 9 * 60, 'UTC'))).toBe('2026-07-01T09:00:00.000Z');
  });

  it('differs from TZDate on purpose (why TZDate alone is not used for boundaries)', () => {
    // TZDate shifts a gap time forward by the gap (02:30 → 03:30 CEST) and takes the later 02:30 in Berlin.
    expect(iso(new TZDate(2026, 2, 29, 2, 30, 'Europe/Berlin').getTime())).toBe('2026-03-29T01:30:00.000Z');
    expect(iso(new TZDate(2026, 9, 25, 2, 30, 'Europe/Berlin').getTime())).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('open intervals', () => {
  it('Berlin Mon–Fri 08:00–17:00 on a Friday before and after the DST change', () => {
    expect(openIntervals(berlin, at('2026-03-27T00:00:00Z'), at('2026-03-28T00:00:00Z'))).toEqual([{ start: at('2026-03-27T07:00:00Z'), end: at('2026-03-27T16:00:00Z') }]);
    expect(openIntervals(berlin, at('2026-04-03T00:00:00Z'), at('2026-04-04T00:00:00Z'))).toEqual([{ start: at('2026-04-03T06:00:00Z'), end: at('2026-04-03T15:00:00Z') }]);
  });

  it('clips to the window', () => {
    expect(openIntervals(berlin, at('2026-03-27T10:00:00Z'), at('2026-03-27T12:00:00Z'))).toEqual([{ start: at('2026-03-27T10:00:00Z'), end: at('2026-03-27T12:00:00Z') }]);
    expect(openIntervals(berlin, at('2026-03-27T12:00:00Z'), at('2026-03-27T12:00:00Z'))).toEqual([]);
  });

  it('an overnight shift across the spring-forward night is 7 h, and is found from the next day', () => {
    const nights = calendar('nights', 'Europe/Berlin', [5], [{ from: '22:00', to: '06:00' }]);
    const sunday = openIntervals(nights, at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z')); // Sunday, local
    expect(sunday).toEqual([{ start: at('2026-03-28T23:00:00Z'), end: at('2026-03-29T04:00:00Z') }]);
    const whole = openIntervals(nights, at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'));
    expect(whole).toEqual([{ start: at('2026-03-28T21:00:00Z'), end: at('2026-03-29T04:00:00Z') }]);
    expect(openTimeBetween(workingTime(nights), at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toBe(7 * HOUR);
  });

  it('an overnight shift across the fall-back night is 9 h', () => {
    const nights = calendar('nights', 'Europe/Berlin', [5], [{ from: '22:00', to: '06:00' }]);
    expect(openIntervals(nights, at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toEqual([{ start: at('2026-10-24T20:00:00Z'), end: at('2026-10-25T05:00:00Z') }]);
  });

  it('a shift starting in the repeated hour starts at its first occurrence; one inside the gap is empty', () => {
    const sunday = (from: string, to: string) => calendar('s', 'Europe/Berlin', [6], [{ from, to }]);
    expect(openIntervals(sunday('02:30', '03:30'), at('2026-10-24T00:00:00Z'), at('2026-10-26T00:00:00Z'))).toEqual([{ start: at('2026-10-25T00:30:00Z'), end: at('2026-10-25T02:30:00Z') }]);
    expect(openIntervals(sunday('02:00', '02:30'), at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toEqual([]);
    expect(openIntervals(sunday('02:30', '05:00'), at('2026-03-28T00:00:00Z'), at('2026-03-30T00:00:00Z'))).toEqual([{ start: at('2026-03-29T01:00:00Z'), end: at('2026-03-29T03:00:00Z') }]);
  });

  it('00:00–00:00 is the whole day (23 h on the spring-forward Sunday)', () => {
    const allDay = calendar('all', 'Europe/Berlin', [0, 1, 2, 3, 4, 5, 6], [{ from: '00:00', to: '00:00' }]);
    expect(openTimeBetween(workingTime(allDay), at('2026-03-28T23:00:00Z'), at('2026-03-29T22:00:00Z'))).toBe(23 * HOUR);
    // Every day open: one merged interval.
    expect(openIntervals(allDay, at('2026-03-27T00:00:00Z'), at('2026-04-02T00:00:00Z'))).toHaveLength(1);
  });

  it('a holiday closes the shifts starting on it, not last night’s shift running into it', () => {
    const c = calendar('h', 'Europe/Berlin', [3, 4], [{ from: '22:00', to: '06:00' }], ['2026-04-03']);
    expect(openIntervals(c, at('2026-04-02T00:00:00Z'), at('2026-04-05T00:00:00Z'))).toEqual([{ start: at('2026-04-02T20:00:00Z'), end: at('2026-04-03T04:00:00Z') }]);
    const goodFriday = calendar('b', 'Europe/Berlin', MON_FRI, [{ from: '08:00', to: '17:00' }], ['2026-04-03']);
    expect(openIntervals(goodFriday, at('2026-04-02T22:00:00Z'), at('2026-04-03T22:00:00Z'))).toEqual([]);
    expect(isWorkingDay(goodFriday, '2026-04-03')).toBe(false);
    expect(isWorkingDay(goodFriday, '2026-04-02')).toBe(true);
    expect(isWorkingDay(goodFriday, '2026-04-04')).toBe(false); // Saturday
  });

  it('keeps adjacent shifts apart only where capacity differs; overlaps go to the earlier shift', () => {
    const split = calendar('x', 'UTC', [0], [
      { from: '06:00', to: '10:00', capacity: { unitsPerHour: 100 } },
      { from: '10:00', to: '14:00', capacity: { unitsPerHour: 100 } },
      { from: '12:00', to: '18:00', capacity: { unitsPerHour: 50 } },
    ]);
    const monday = at('2026-03-16T00:00:00Z');
    expect(openIntervals(split, monday, monday + DAY)).toEqual([
      { start: monday + 6 * HOUR, end: monday + 14 * HOUR, capacity: { unitsPerHour: 100 } },
      { start: monday + 14 * HOUR, end: monday + 18 * HOUR, capacity: { unitsPerHour: 50 } },
    ]);
  });

  it('no calendar is always open', () => {
    expect(openIntervals(undefined, 5, 10)).toEqual([{ start: 5, end: 10 }]);
    expect(openIntervalsOf(workingTime(undefined), 5, 10)).toEqual([{ start: 5, end: 10 }]);
    expect(isWorkingDay(undefined, '2026-03-28')).toBe(true);
  });
});

describe('working time', () => {
  it('2 h before Friday 17:00 is Friday 15:00, before and after the March DST change', () => {
    const wt = workingTime(berlin);
    expect(iso(subtractWorkingTime(wt, at('2026-03-27T16:00:00Z'), 2 * HOUR))).toBe('2026-03-27T14:00:00.000Z');
    expect(iso(subtractWorkingTime(wt, at('2026-04-03T15:00:00Z'), 2 * HOUR))).toBe('2026-04-03T13:00:00.000Z');
  });

  it('2 h before Monday 09:00 is Friday 16:00 (across the DST weekend)', () => {
    expect(iso(subtractWorkingTime(workingTime(berlin), at('2026-03-30T07:00:00Z'), 2 * HOUR))).toBe('2026-03-27T15:00:00.000Z');
  });

  it('adds working time over the weekend and lands exactly on a shift end', () => {
    const wt = workingTime(berlin);
    expect(iso(addWorkingTime(wt, at('2026-03-27T15:00:00Z'), 2 * HOUR))).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(addWorkingTime(wt, at('2026-03-27T14:00:00Z'), 2 * HOUR))).toBe('2026-03-27T16:00:00.000Z');
    expect(addWorkingTime(wt, at('2026-03-28T12:00:00Z'), 0)).toBe(at('2026-03-28T12:00:00Z'));
    expect(subtractWorkingTime(wt, at('2026-03-28T12:00:00Z'), 0)).toBe(at('2026-03-28T12:00:00Z'));
  });

  it('returns undefined past the horizon, and scans a long horizon quickly', () => {
    const closed = calendar('closed', 'Europe/Berlin', [], []);
    const started = performance.now();
    expect(addWorkingTime(workingTime(closed), at('2026-01-01T00:00:00Z'), HOUR)).toBeUndefined();
    expect(subtractWorkingTime(workingTime(closed), at('2026-01-01T00:00:00Z'), HOUR)).toBeUndefined();
    expect(nextOpen(workingTime(closed), at('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
    // 45 working hours a week: 200 working days need ~40 weeks, inside the 400-day default.
    expect(addWorkingTime(workingTime(berlin), at('2026-01-05T07:00:00Z'), 200 * 9 * HOUR)).toBeDefined();
    expect(addWorkingTime(workingTime(berlin), at('2026-01-05T07:00:00Z'), 9 * HOUR, 8 * HOUR)).toBeUndefined();
  });

  it('nextOpen: now when open, else the next opening', () => {
    const wt = workingTime(berlin);
    expect(nextOpen(wt, at('2026-03-27T10:00:00Z'))).toBe(at('2026-03-27T10:00:00Z'));
    expect(iso(nextOpen(wt, at('2026-03-28T11:00:00Z')))).toBe('2026-03-30T06:00:00.000Z'); // Monday 08:00 CEST
  });

  it('composes a node calendar with a carrier calendar in another zone: exactly the overlap', () => {
    const node = calendar('node', 'Europe/Berlin', [0, 1, 2, 3, 4, 5], [{ from: '06:00', to: '22:00', capacity: { unitsPerHour: 100 } }]);
    const ny = calendar('ups-ny', 'America/New_York', MON_FRI, [{ from: '09:00', to: '18:00' }]);
    const shanghai = calendar('sf-sh', 'Asia/Shanghai', MON_FRI, [{ from: '08:00', to: '20:00' }]);
    // Monday 2026-03-16: New York already on EDT, Berlin still on CET.
    const mon = at('2026-03-16T00:00:00Z');
    expect(openIntervalsOf(workingTime(node, ny), mon, mon + DAY)).toEqual([{ start: at('2026-03-16T13:00:00Z'), end: at('2026-03-16T21:00:00Z'), capacity: { unitsPerHour: 100 } }]);
    // Monday 2026-04-06: both on summer time.
    const apr = at('2026-04-06T00:00:00Z');
    expect(openIntervalsOf(workingTime(node, ny), apr, apr + DAY)).toEqual([{ start: at('2026-04-06T13:00:00Z'), end: at('2026-04-06T20:00:00Z'), capacity: { unitsPerHour: 100 } }]);
    expect(openIntervalsOf(workingTime(node, shanghai), mon, mon + DAY)).toEqual([{ start: at('2026-03-16T05:00:00Z'), end: at('2026-03-16T12:00:00Z'), capacity: { unitsPerHour: 100 } }]);
    // Saturday: the node works, the carrier does not. Capacity follows the first calendar.
    expect(openIntervalsOf(workingTime(node, ny), at('2026-03-21T00:00:00Z'), at('2026-03-22T00:00:00Z'))).toEqual([]);
    expect(openIntervalsOf(workingTime(ny, node), mon, mon + DAY)).toEqual([{ start: at('2026-03-16T13:00:00Z'), end: at('2026-03-16T21:00:00Z') }]);
    expect(openTimeBetween(workingTime(node, ny, undefined), mon, mon + 7 * DAY)).toBe(5 * 8 * HOUR);
  });

  it('always open without calendars', () => {
    const wt = workingTime();
    expect(addWorkingTime(wt, 1000, 5000)).toBe(6000);
    expect(subtractWorkingTime(wt, 6000, 5000)).toBe(1000);
    expect(openTimeBetween(wt, 0, 30 * DAY)).toBe(30 * DAY);
    expect(nextOpen(wt, 42)).toBe(42);
    expect(addWorkingTime(wt, 0, 401 * DAY)).toBeUndefined();
  });

  it('rejects negative durations and non-finite instants', () => {
    expect(() => addWorkingTime(workingTime(), 0, -1)).toThrow(RangeError);
    expect(() => openTimeBetween(workingTime(), 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('business days', () => {
  const goodFriday = calendar('berlin-hol', 'Europe/Berlin', MON_FRI, [{ from: '08:00', to: '17:00' }], ['2026-04-03']);

  it('skips weekends and holidays', () => {
    expect(addBusinessDays([goodFriday], '2026-04-02', 1)).toBe('2026-04-06');
    expect(addBusinessDays([goodFriday], '2026-04-01', 3)).toBe('2026-04-07');
    expect(addBusinessDays([goodFriday], '2026-04-06', -1)).toBe('2026-04-02');
    expect(addBusinessDays([goodFriday], '2026-04-04', 0)).toBe('2026-04-06');
    expect(addBusinessDays([goodFriday], '2026-04-02', 0)).toBe('2026-04-02');
    expect(nextWorkingDay([goodFriday], '2026-04-03')).toBe('2026-04-06');
  });

  it('a working day must work in every calendar; none given is every day', () => {
    const saturdays = calendar('sat', 'UTC', [5], [{ from: '09:00', to: '12:00' }]);
    const sixDays = calendar('six', 'UTC', [0, 1, 2, 3, 4, 5], [{ from: '09:00', to: '12:00' }]);
    expect(addBusinessDays([sixDays, saturdays], '2026-03-16', 1)).toBe('2026-03-21');
    expect(addBusinessDays([], '2026-03-28', 3)).toBe('2026-03-31');
    expect(addBusinessDays([undefined], '2026-03-28', 0)).toBe('2026-03-28');
  });

  it('throws a RangeError naming the calendars when no day works', () => {
    const closed = calendar('closed-week', 'UTC', [], []);
    expect(() => addBusinessDays([berlin, closed], '2026-03-16', 1)).toThrow(/berlin, closed-week/);
    expect(() => nextWorkingDay([closed], '2026-03-16')).toThrow(RangeError);
  });

  it('adds calendar days in UTC date arithmetic', () => {
    expect(addCalendarDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(() => addCalendarDays('2026-3-1', 1)).toThrow(RangeError);
  });
});

describe('capacity curve', () => {
  // Monday 2026-03-16 in Berlin (CET): early shift 06–14 at 100 units/h, late shift 14–22 without its own rate.
  const node = calendar('node', 'Europe/Berlin', [0], [
    { from: '06:00', to: '14:00', capacity: { unitsPerHour: 100 } },
    { from: '14:00', to: '22:00' },
  ]);
  const from = at('2026-03-15T23:00:00Z');
  const to = from + DAY;

  it('accrues each shift at its own rate, else the fallback', () => {
    const curve = capacityCurve(workingTime(node), 'units', from, to, { unitsPerHour: 50 })!;
    expect(Array.from(curve.times)).toEqual([from, at('2026-03-16T05:00:00Z'), at('2026-03-16T13:00:00Z'), at('2026-03-16T21:00:00Z')]);
    expect(Array.from(curve.cumulative)).toEqual([0, 0, 800, 1200]);
    expect(capacityAt(curve, from - HOUR)).toBe(0);
    expect(capacityAt(curve, at('2026-03-16T09:00:00Z'))).toBe(400);
    expect(capacityAt(curve, at('2026-03-16T15:00:00Z'))).toBe(900);
    expect(capacityAt(curve, to + DAY)).toBe(1200);
    expect(iso(timeAtCapacity(curve, 1000))).toBe('2026-03-16T17:00:00.000Z');
    expect(iso(timeAtCapacity(curve, 800))).toBe('2026-03-16T13:00:00.000Z');
    expect(timeAtCapacity(curve, 0)).toBe(from);
    expect(timeAtCapacity(curve, 1200.5)).toBeUndefined();
  });

  it('a shift without a rate and no fallback does none; no rate anywhere is unlimited', () => {
    const noFallback = capacityCurve(workingTime(node), 'units', from, to)!;
    expect(Array.from(noFallback.cumulative)).toEqual([0, 0, 800, 800]);
    expect(capacityCurve(workingTime(node), 'orders', from, to, { unitsPerHour: 50 })).toBeUndefined();
    expect(capacityCurve(workingTime(), 'orders', from, to)).toBeUndefined();
    const orders = capacityCurve(workingTime(node), 'orders', from, to, { ordersPerHour: 10 })!;
    expect(capacityAt(orders, to)).toBe(160);
  });

  it('counts only the hours the carrier is open too, at the node’s rate', () => {
    const carrier = calendar('c', 'UTC', [0], [{ from: '12:00', to: '16:00' }]);
    const curve = capacityCurve(workingTime(node, carrier), 'units', from, to, { unitsPerHour: 50 })!;
    expect(capacityAt(curve, to)).toBe(100 + 3 * 50);
  });

  it('timeAtCapacity inverts capacityAt', () => {
    const curve = capacityCurve(workingTime(node), 'units', from, to, { unitsPerHour: 50 })!;
    for (const c of [1, 123.4, 799.99, 800, 801, 1199]) {
      const t = timeAtCapacity(curve, c)!;
      expect(capacityAt(curve, t)).toBeGreaterThanOrEqual(c - 1e-6);
      expect(capacityAt(curve, t - 1)).toBeLessThan(c);
    }
  });
});
