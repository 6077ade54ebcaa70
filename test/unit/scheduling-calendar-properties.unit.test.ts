import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Calendar } from '../../src/domain/schedule';
import {
  addWorkingTime,
  capacityAt,
  capacityCurve,
  type OpenInterval,
  openIntervals,
  openIntervalsOf,
  openTimeBetween,
  subtractWorkingTime,
  timeAtCapacity,
  type WorkingTime,
  workingTime,
} from '../../src/scheduling/calendar';

const MINUTE = 60_000;
const DAY = 86_400_000;
const HORIZON = 30 * DAY;
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC', 'Australia/Lord_Howe'] as const;
/** DST changes (2026) of the zones above, each with its zone, and one instant far from any. */
const ANCHORS: readonly (readonly [(typeof ZONES)[number], number])[] = (
  [
    ['America/New_York', '2026-03-08T07:00:00Z'], // spring forward
    ['Europe/Berlin', '2026-03-29T01:00:00Z'], // spring forward
    ['Australia/Sydney', '2026-04-04T16:00:00Z'], // fall back
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // fall back by 30 min
    ['Australia/Sydney', '2026-10-03T16:00:00Z'], // spring forward
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'], // spring forward by 30 min
    ['Europe/Berlin', '2026-10-25T01:00:00Z'], // fall back
    ['America/New_York', '2026-11-01T06:00:00Z'], // fall back
    ['Asia/Kolkata', '2026-06-15T12:00:00Z'],
    ['UTC', '2026-06-15T12:00:00Z'],
  ] as const
).map(([zone, instant]) => [zone, Date.parse(instant)] as const);

const isoDate = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// Quarter-hour boundaries, half of them between 00:45 and 03:30, where the DST gaps and repeated
// hours of these zones lie, so that shifts often start or end inside one.
// Unbiased: fast-check's integer bias would pile them up on the range ends instead.
const timeArb = fc.noBias(fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 3, max: 14 }))).map((q) => hhmm(q * 15));
const shiftArb = fc.record({
  from: timeArb,
  to: timeArb,
  capacity: fc.constantFrom(undefined, { unitsPerHour: 60 }, { unitsPerHour: 120, ordersPerHour: 10 }, { ordersPerHour: 5 }),
});

/** `sundayShift`: Sunday (the day all these DST changes fall on) has at least one shift. */
function calendarArb(anchor: number, zone: fc.Arbitrary<string>, sundayShift = false) {
  const anchorDay = Math.floor(anchor / DAY);
  return fc
    .record({
      timeZone: zone,
      week: fc
        .tuple(fc.array(fc.array(shiftArb, { maxLength: 2 }), { minLength: 6, maxLength: 6 }), fc.array(shiftArb, { minLength: sundayShift ? 1 : 0, maxLength: 2 }))
        .map(([monToSat, sunday]) => [...monToSat, sunday]),
      holidays: fc.uniqueArray(fc.integer({ min: -4, max: 4 }).map((d) => isoDate(anchorDay + d)), { maxLength: 3 }),
    })
    .map(({ timeZone, week, holidays }) =>
      Calendar.parse({
        id: `cal-${timeZone.replace('/', '-')}`,
        timeZone,
        week: week.map((day) => day.map(({ capacity, ...s }) => (capacity === undefined ? s : { ...s, capacity }))),
        holidays,
      }),
    );
}

/**
 * A DST change, one or two random calendars (the first mostly in the zone that changes, so the
 * change is exercised), and a minute-aligned instant within `before`/`after` days of the change.
 */
const caseArbNear = (before: number, after: number) =>
  fc.constantFrom(...ANCHORS).chain(([zone, anchor]) =>
    fc.record({
      calendars: fc
        .tuple(
          calendarArb(anchor, fc.oneof({ weight: 3, arbitrary: fc.constant(zone) }, { weight: 1, arbitrary: fc.constantFrom(...ZONES) }), true),
          fc.option(calendarArb(anchor, fc.constantFrom(...ZONES)), { nil: undefined }),
        )
        .map(([a, b]) => (b === undefined ? [a] : [a, b])),
      at: fc.integer({ min: -before * 1440, max: after * 1440 }).map((m) => anchor + m * MINUTE),
      anchor: fc.constant(anchor),
    }),
  );
const caseArb = caseArbNear(3, 3);

const wtOf = (calendars: readonly Calendar[]): WorkingTime => workingTime(...calendars);

// ---- Oracle: minute by minute, from the zone's wall clock (Intl), independent of the library ----

const formats = new Map<string, Intl.DateTimeFormat>();
/** The zone's wall-clock reading at `t`, as minutes since 1970-01-01 00:00 local. */
function wallMinutes(t: number, timeZone: string): number {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(timeZone, f);
  }
  // "3/29/2026, 03:15"
  const [m, d, y, hh, mm] = f.format(t).split(/[/, :]+/).map(Number) as [number, number, number, number, number];
  return Date.UTC(y, m - 1, d, hh, mm) / MINUTE;
}

/**
 * Whether each minute of [from, to) is open in a calendar. A boundary at wall time W is passed once
 * the clock has shown W or later, i.e. once the running maximum M of the clock reading reaches W
 * (this is what makes a gap time "the first instant after the gap" and a repeated time "the
 * earlier one"); the minute is open when some shift has start ≤ M < end in wall minutes.
 */
function oracleOpen(calendar: Calendar, from: number, to: number): boolean[] {
  const holidays = new Set(calendar.holidays);
  const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  let max = Number.NEGATIVE_INFINITY;
  // Warm the running maximum up 3 h early: every backward clock jump is shorter than that.
  for (let t = from - 180 * MINUTE; t < from; t += MINUTE) max = Math.max(max, wallMinutes(t, calendar.timeZone));
  const open: boolean[] = [];
  // The shifts starting on a local day, as wall-minute spans; cached, the oracle asks per minute.
  const spans = new Map<number, [number, number][]>();
  const spansOf = (day: number) => {
    let list = spans.get(day);
    if (!list) {
      const weekday = (new Date(day * DAY).getUTCDay() + 6) % 7; // Monday = 0
      list = holidays.has(isoDate(day))
        ? []
        : calendar.week[weekday]!.map((s) => [day * 1440 + minutes(s.from), day * 1440 + minutes(s.to) + (minutes(s.to) <= minutes(s.from) ? 1440 : 0)]);
      spans.set(day, list);
    }
    return list;
  };
  for (let t = from; t < to; t += MINUTE) {
    max = Math.max(max, wallMinutes(t, calendar.timeZone));
    const today = Math.floor(max / 1440);
    open.push([...spansOf(today - 1), ...spansOf(today)].some(([start, end]) => start <= max && max < end));
  }
  return open;
}

const inside = (list: readonly OpenInterval[], t: number) => list.some((iv) => iv.start <= t && t < iv.end);
const stripped = (list: readonly OpenInterval[]) => {
  const out: { start: number; end: number }[] = [];
  for (const { start, end } of list) {
    const last = out[out.length - 1];
    if (last && last.end === start) last.end = end;
    else out.push({ start, end });
  }
  return out;
};

describe('working calendar properties', () => {
  // The real check of DST handling: windows of up to 2 days that mostly straddle a DST change.
  it('open intervals match a minute-by-minute wall-clock oracle (DST, overnight, holidays)', () => {
    fc.assert(
      fc.property(caseArbNear(1.5, 0), fc.integer({ min: 1, max: 720 }), ({ calendars, at, anchor }, past) => {
        // The window always straddles the DST change: at most 1.5 days before it, up to 12 h after.
        const to = anchor + past * MINUTE;
        const length = (to - at) / MINUTE;
        const got = openIntervalsOf(wtOf(calendars), at, to);
        const perCalendar = calendars.map((c) => oracleOpen(c, at, to));
        let openMinutes = 0;
        for (let i = 0; i < length; i++) {
          const expected = perCalendar.every((o) => o[i]);
          if (expected) openMinutes++;
          if (inside(got, at + i * MINUTE) !== expected) {
            throw new Error(`minute ${new Date(at + i * MINUTE).toISOString()}: expected ${expected ? 'open' : 'closed'}`);
          }
        }
        expect(openTimeBetween(wtOf(calendars), at, to)).toBe(openMinutes * MINUTE);
      }),
      { numRuns: 120 },
    );
  });

  it('intervals are sorted, disjoint, inside the window, and inside an open interval of every calendar', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 10 * 1440 }), ({ calendars, at }, length) => {
        const to = at + length * MINUTE;
        const got = openIntervalsOf(wtOf(calendars), at, to);
        // Whole open stretches: a calendar may split one where its capacity changes, which the
        // intersection (capacity from the first calendar) merges again.
        const own = calendars.map((c) => stripped(openIntervals(c, at, to)));
        got.forEach((iv, i) => {
          expect(iv.start).toBeGreaterThanOrEqual(at);
          expect(iv.end).toBeLessThanOrEqual(to);
          expect(iv.end).toBeGreaterThan(iv.start);
          if (i > 0) expect(iv.start).toBeGreaterThanOrEqual(got[i - 1]!.end);
          for (const list of own) expect(list.some((o) => o.start <= iv.start && iv.end <= o.end)).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('intersection is commutative (ignoring capacity)', () => {
    fc.assert(
      fc.property(caseArb, ({ calendars, at }) => {
        const [a, b = a!] = calendars;
        const to = at + 7 * DAY;
        expect(stripped(openIntervalsOf(workingTime(a, b), at, to))).toEqual(stripped(openIntervalsOf(workingTime(b, a), at, to)));
      }),
      { numRuns: 100 },
    );
  });

  it('addWorkingTime: exactly d open time, and the earliest such instant', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 3 * 1440 }), ({ calendars, at }, minutes) => {
        const wt = wtOf(calendars);
        const d = minutes * MINUTE;
        const end = addWorkingTime(wt, at, d, HORIZON);
        if (end === undefined) {
          expect(openTimeBetween(wt, at, at + HORIZON)).toBeLessThan(d);
          return;
        }
        expect(openTimeBetween(wt, at, end)).toBe(d);
        if (d > 0) expect(openTimeBetween(wt, at, end - MINUTE)).toBeLessThan(d);
      }),
      { numRuns: 100 },
    );
  });

  it('subtractWorkingTime: exactly d open time, and no later start gives enough', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 0, max: 3 * 1440 }), ({ calendars, at }, minutes) => {
        const wt = wtOf(calendars);
        const d = minutes * MINUTE;
        const start = subtractWorkingTime(wt, at, d, HORIZON);
        if (start === undefined) {
          expect(openTimeBetween(wt, at - HORIZON, at)).toBeLessThan(d);
          return;
        }
        expect(start).toBeLessThanOrEqual(at);
        expect(openTimeBetween(wt, start, at)).toBe(d);
        if (d > 0 && start + MINUTE <= at) expect(openTimeBetween(wt, start + MINUTE, at)).toBeLessThan(d);
      }),
      { numRuns: 100 },
    );
  });

  it('capacity curve: monotone, and timeAtCapacity inverts capacityAt', () => {
    const fallbackArb = fc.constantFrom(undefined, { unitsPerHour: 30 }, { ordersPerHour: 7 });
    fc.assert(
      fc.property(caseArb, fallbackArb, fc.constantFrom('units' as const, 'orders' as const), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), ({ calendars, at }, fallback, rate, fractions) => {
        const curve = capacityCurve(wtOf(calendars), rate, at, at + 7 * DAY, fallback);
        if (curve === undefined) return;
        const total = curve.cumulative[curve.cumulative.length - 1]!;
        const times = fractions.map((f) => at + f * 8 * DAY).sort((x, y) => x - y);
        for (let i = 1; i < times.length; i++) expect(capacityAt(curve, times[i]!)).toBeGreaterThanOrEqual(capacityAt(curve, times[i - 1]!));
        for (const f of fractions) {
          const c = f * total;
          const t = timeAtCapacity(curve, c);
          expect(t).toBeDefined();
          expect(capacityAt(curve, t!)).toBeGreaterThanOrEqual(c - 1e-6);
          if (t! > at) expect(capacityAt(curve, t! - 1)).toBeLessThan(c);
        }
        expect(timeAtCapacity(curve, total + 1)).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});
