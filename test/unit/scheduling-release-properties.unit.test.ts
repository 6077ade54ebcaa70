import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceLevel } from '../../src/domain/schedule';
import { planRelease } from '../../src/scheduling/plan-release';

const NOW = Date.parse('2026-03-27T06:00:00Z');
const HOUR = 3_600_000;
const LEVELS = ServiceLevel.options;

/** Fewest orders that must miss, by enumeration: a set is feasible when, in EDD order, work so far fits the capacity by each due. */
function bruteForceMissed(jobs: readonly { due: number; units: number }[], unitsPerHour: number): number {
  let best = jobs.length;
  for (let mask = 0; mask < 1 << jobs.length; mask++) {
    const kept = jobs.filter((_, i) => mask & (1 << i)).sort((a, b) => a.due - b.due);
    let sum = 0;
    let ok = true;
    for (const j of kept) {
      sum += j.units;
      if (sum > (unitsPerHour * (j.due - NOW)) / HOUR + 1e-9) ok = false;
    }
    if (ok) best = Math.min(best, jobs.length - kept.length);
  }
  return best;
}

describe('planRelease on one resource against brute force', () => {
  it('misses exactly as few cutoffs as the best subset, on every instance', () => {
    const instance = fc.record({
      unitsPerHour: fc.integer({ min: 1, max: 20 }),
      // One departure per service level, each with its own cutoff 1–12 h ahead.
      cutoffHours: fc.array(fc.integer({ min: 1, max: 12 }), { minLength: LEVELS.length, maxLength: LEVELS.length }),
      orders: fc.array(fc.record({ level: fc.integer({ min: 0, max: LEVELS.length - 1 }), units: fc.integer({ min: 1, max: 40 }), priority: fc.integer({ min: 0, max: 9 }) }), { minLength: 1, maxLength: 10 }),
    });
    fc.assert(
      fc.property(instance, ({ unitsPerHour, cutoffHours, orders }) => {
        const departures = LEVELS.map((level, i) => {
          const at = new Date(NOW + cutoffHours[i]! * HOUR).toISOString();
          return { id: `d-${level}`, kind: 'one-off' as const, node: 'n', carrier: 'c', serviceLevel: level, departsAt: at, cutoffs: [{ kind: 'pickup' as const, at }] };
        });
        const node = { id: 'n', processing: { capacity: { unitsPerHour } } };
        const input = orders.map((o, i) => ({ id: `o${i}`, node: 'n', serviceLevel: LEVELS[o.level]!, lines: 1, units: o.units, priority: o.priority }));
        const plan = planRelease(input, { nodes: [node] }, departures, {}, NOW, { priorities: 'tie-break', maxRollovers: 0 });
        const jobs = orders.map((o) => ({ due: NOW + cutoffHours[o.level]! * HOUR, units: o.units }));
        expect(plan.missed).toBe(bruteForceMissed(jobs, unitsPerHour));
        // Every order the plan keeps is ready by its cutoff at the node's pace.
        for (const p of plan.orders) if (p.schedule) expect(Date.parse(p.schedule.readyAt)).toBeLessThanOrEqual(Date.parse(p.schedule.cutoff));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic and blind to input order: the same plan per order, byte for byte', () => {
    const orders = fc.array(fc.record({ level: fc.integer({ min: 0, max: 2 }), units: fc.integer({ min: 1, max: 30 }), priority: fc.integer({ min: 0, max: 9 }) }), { minLength: 1, maxLength: 25 });
    fc.assert(
      fc.property(orders, fc.integer({ min: 1, max: 30 }), fc.boolean(), (list, unitsPerHour, strict) => {
        const departures = LEVELS.slice(0, 3).map((level, i) => ({ id: `d-${level}`, kind: 'recurring' as const, node: 'n', carrier: 'c', serviceLevel: level, weekdays: [0, 1, 2, 3, 4], at: `${10 + 3 * i}:00` }));
        const network = { nodes: [{ id: 'n', timeZone: 'Europe/Berlin', processing: { pickMinutes: 20, capacity: { unitsPerHour } } }] };
        const input = list.map((o, i) => ({ id: `o${i}`, node: 'n', serviceLevel: LEVELS[o.level]!, lines: 1, units: o.units, priority: o.priority }));
        const policy = { priorities: strict ? ('strict' as const) : ('tie-break' as const) };
        const byId = (plan: ReturnType<typeof planRelease>) => JSON.stringify([...plan.orders].sort((a, b) => (a.order < b.order ? -1 : 1)));
        const forward = planRelease(input, network, departures, {}, NOW, policy);
        expect(JSON.stringify(planRelease(input, network, departures, {}, NOW, policy))).toBe(JSON.stringify(forward));
        expect(byId(planRelease([...input].reverse(), network, departures, {}, NOW, policy))).toBe(byId(forward));
      }),
      { numRuns: 100 },
    );
  });
});
