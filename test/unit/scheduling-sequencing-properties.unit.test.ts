import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  constantResource,
  isFeasible,
  type Job,
  linearResource,
  type Resource,
  scheduleEdd,
  scheduleOnResource,
  scheduleOnResources,
} from '../../src/scheduling/sequencing';
import { feasibleSets, jobsIn, stepResource } from '../support/milp-scheduling';

// Resources as data, so fast-check prints and shrinks them: a rate (k/4 a ms, exact in binary),
// shifts (a step of capacity every 10 ms), a truck (constant), or unlimited.
type ResourceSpec =
  | { readonly kind: 'linear'; readonly quarters: number }
  | { readonly kind: 'shifts'; readonly steps: readonly number[] }
  | { readonly kind: 'truck'; readonly amount: number }
  | { readonly kind: 'unlimited' };

const specArb: fc.Arbitrary<ResourceSpec> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('linear' as const), quarters: fc.integer({ min: 1, max: 8 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('shifts' as const), steps: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 5, maxLength: 5 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('truck' as const), amount: fc.integer({ min: 0, max: 40 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'unlimited' as const }), weight: 1 },
);

function resourceOf(spec: ResourceSpec): Resource {
  switch (spec.kind) {
    case 'linear':
      return linearResource(spec.quarters / 4);
    case 'shifts':
      return stepResource(spec.steps);
    case 'truck':
      return constantResource(spec.amount);
    case 'unlimited':
      return constantResource(Number.POSITIVE_INFINITY);
  }
}

interface Case {
  readonly jobs: Job[];
  readonly specs: ResourceSpec[];
}

const caseArb = (resources: { min: number; max: number }, classes: number): fc.Arbitrary<Case> =>
  fc.integer(resources).chain((R) =>
    fc.record({
      jobs: fc
        .array(
          fc.record({
            due: fc.integer({ min: 0, max: 45 }),
            priority: fc.integer({ min: 0, max: classes - 1 }),
            work: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: R, maxLength: R }),
          }),
          { maxLength: 10 },
        )
        .map((jobs) => jobs.map((j, i) => ({ id: `j${i}`, ...j }))),
      specs: fc.array(specArb, { minLength: R, maxLength: R }),
    }),
  );

/** Whether `mask` (bits over `jobs`) holds job `i`. */
const has = (mask: number, i: number) => (mask & (1 << i)) !== 0;
const maskOf = (jobs: readonly Job[], ids: readonly string[]) => ids.reduce((m, id) => m | (1 << jobs.findIndex((j) => j.id === id)), 0);
/** On-time jobs of each class present, highest class first. */
function counts(jobs: readonly Job[], mask: number): number[] {
  const classes = [...new Set(jobs.map((j) => j.priority))].sort((a, b) => b - a);
  return classes.map((c) => jobs.filter((j, i) => j.priority === c && has(mask, i)).length);
}
function compareLex(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

describe('sequencing on one resource, against every subset', () => {
  it('tie-break misses exactly the fewest jobs possible, and its answer is feasible', () => {
    fc.assert(
      fc.property(caseArb({ min: 1, max: 1 }, 3), ({ jobs, specs }) => {
        const resource = resourceOf(specs[0]!);
        const s = scheduleOnResource(jobs, resource, { priorities: 'tie-break' });
        expect(isFeasible(s.onTime, jobs, [resource])).toBe(true);
        expect(s.onTime.length).toBe(Math.max(...feasibleSets(jobs, [resource]).map(jobsIn)));
        expect(s.onTime.length + s.late.length).toBe(jobs.length);
      }),
      { numRuns: 5_000 },
    );
  });

  it('strict keeps the most jobs of the top class, and of each class given the jobs kept above it', () => {
    fc.assert(
      fc.property(caseArb({ min: 1, max: 1 }, 3), ({ jobs, specs }) => {
        const resource = resourceOf(specs[0]!);
        const s = scheduleOnResource(jobs, resource);
        expect(isFeasible(s.onTime, jobs, [resource])).toBe(true);
        const chosen = maskOf(jobs, s.onTime);
        const sets = feasibleSets(jobs, [resource]);
        for (const c of new Set(jobs.map((j) => j.priority))) {
          // The pass of class c: the jobs kept above c stay, only jobs of class c may join them.
          const above = jobs.reduce((m, j, i) => (j.priority > c && has(chosen, i) ? m | (1 << i) : m), 0);
          const allowed = jobs.reduce((m, j, i) => (j.priority === c ? m | (1 << i) : m), above);
          const ofClass = (mask: number) => jobs.filter((j, i) => j.priority === c && has(mask, i)).length;
          const best = Math.max(...sets.filter((m) => (m & above) === above && (m & ~allowed) === 0).map(ofClass));
          expect(ofClass(chosen)).toBe(best);
        }
      }),
      { numRuns: 5_000 },
    );
  });

  it('strict is never lexicographically worse than EDD', () => {
    fc.assert(
      fc.property(caseArb({ min: 1, max: 1 }, 3), ({ jobs, specs }) => {
        const resource = resourceOf(specs[0]!);
        const strict = counts(jobs, maskOf(jobs, scheduleOnResource(jobs, resource).onTime));
        expect(compareLex(strict, counts(jobs, maskOf(jobs, scheduleEdd(jobs, [resource]).onTime)))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1_000 },
    );
  });

  it('does not depend on the order of the input', () => {
    fc.assert(
      fc.property(caseArb({ min: 1, max: 3 }, 3), fc.nat(), ({ jobs, specs }, seed) => {
        const resources = specs.map(resourceOf);
        const shuffled = [...jobs].sort((a, b) => ((a.due * 31 + seed) % 7) - ((b.due * 31 + seed) % 7) || (a.id < b.id ? 1 : -1));
        expect(scheduleOnResource(shuffled, resources[0]!)).toEqual(scheduleOnResource(jobs, resources[0]!));
        expect(scheduleOnResources(shuffled, resources, { priorities: 'tie-break' })).toEqual(scheduleOnResources(jobs, resources, { priorities: 'tie-break' }));
      }),
      { numRuns: 500 },
    );
  });
});

describe('sequencing on several resources (a heuristic)', () => {
  it('answers feasibly, keeps work-free jobs, never does worse than EDD nor better than every subset', () => {
    fc.assert(
      fc.property(caseArb({ min: 2, max: 4 }, 3), ({ jobs, specs }) => {
        const resources = specs.map(resourceOf);
        const best = Math.max(...feasibleSets(jobs, resources).map(jobsIn));
        const tieBreak = scheduleOnResources(jobs, resources, { priorities: 'tie-break' });
        const strict = scheduleOnResources(jobs, resources);
        const edd = scheduleEdd(jobs, resources);
        for (const s of [tieBreak, strict, edd]) expect(isFeasible(s.onTime, jobs, resources)).toBe(true);
        const free = jobs.filter((j) => j.work.every((w) => w === 0)).map((j) => j.id);
        for (const s of [tieBreak, strict]) expect(s.onTime).toEqual(expect.arrayContaining(free));
        expect(tieBreak.onTime.length).toBeGreaterThanOrEqual(edd.onTime.length);
        expect(tieBreak.onTime.length).toBeLessThanOrEqual(best);
        expect(compareLex(counts(jobs, maskOf(jobs, strict.onTime)), counts(jobs, maskOf(jobs, edd.onTime)))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 3_000 },
    );
  });

  it('is exact on one resource under tie-break, as Moore–Hodgson is', () => {
    fc.assert(
      fc.property(caseArb({ min: 1, max: 1 }, 3), ({ jobs, specs }) => {
        const resource = resourceOf(specs[0]!);
        const many = scheduleOnResources(jobs, [resource], { priorities: 'tie-break' });
        expect(many.onTime.length).toBe(scheduleOnResource(jobs, resource, { priorities: 'tie-break' }).onTime.length);
      }),
      { numRuns: 1_000 },
    );
  });
});
