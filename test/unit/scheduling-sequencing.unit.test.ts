import { describe, expect, it } from 'vitest';
import {
  constantResource,
  isFeasible,
  type Job,
  linearResource,
  scheduleEdd,
  scheduleOnResource,
  scheduleOnResources,
} from '../../src/scheduling/sequencing';
import { feasibleSets, jobsIn } from '../support/milp-scheduling';

const job = (id: string, due: number, work: number | number[], priority = 0): Job => ({ id, due, priority, work: typeof work === 'number' ? [work] : work });
const TIE_BREAK = { priorities: 'tie-break' } as const;

describe('scheduleOnResource', () => {
  it('solves the textbook Moore–Hodgson instance: 2 late of 5', () => {
    // Pinedo, Scheduling (2016), example 3.3.3: p = (7, 8, 4, 6, 6), d = (9, 17, 18, 19, 21).
    const jobs = [job('j1', 9, 7), job('j2', 17, 8), job('j3', 18, 4), job('j4', 19, 6), job('j5', 21, 6)];
    const s = scheduleOnResource(jobs, linearResource(1), TIE_BREAK);
    expect(s).toEqual({ onTime: ['j3', 'j4', 'j5'], late: ['j1', 'j2'], starts: [0, 4, 10], finishes: [4, 10, 16] });
    expect(Math.max(...feasibleSets(jobs, [linearResource(1)]).map(jobsIn))).toBe(3);
  });

  it('misses nothing on an unlimited resource', () => {
    const jobs = [job('a', 1, 1e9), job('b', 0, 5), job('c', 2, 0)];
    expect(scheduleOnResource(jobs, constantResource(Number.POSITIVE_INFINITY)).late).toEqual([]);
    expect(scheduleOnResource(jobs, constantResource(Number.POSITIVE_INFINITY)).onTime).toEqual(['b', 'a', 'c']);
  });

  it('keeps only work-free jobs on a resource with no capacity', () => {
    const jobs = [job('a', 5, 1), job('b', 5, 0), job('c', 9, 2), job('d', 0, 0)];
    const s = scheduleOnResource(jobs, constantResource(0));
    expect(s.onTime).toEqual(['d', 'b']);
    expect(s.late).toEqual(['a', 'c']);
    // A linear resource has no capacity by `now` itself.
    expect(scheduleOnResource([job('x', 100, 1)], linearResource(1, 100)).late).toEqual(['x']);
  });

  it('breaks ties: the lower priority, then the earlier due, then the larger id is dropped', () => {
    const rate = linearResource(1);
    expect(scheduleOnResource([job('a', 10, 6, 2), job('b', 10, 6, 1)], rate, TIE_BREAK).late).toEqual(['b']);
    expect(scheduleOnResource([job('b', 10, 6), job('a', 10, 6)], rate, TIE_BREAK).late).toEqual(['b']);
    // Keeping the one due later leaves capacity free before it, for whatever comes next.
    expect(scheduleOnResource([job('a', 10, 7), job('b', 12, 7)], rate, TIE_BREAK).onTime).toEqual(['b']);
  });

  it('strict keeps a long urgent job over two short ordinary ones; tie-break drops it', () => {
    const jobs = [job('short-1', 10, 5, 0), job('long', 10, 10, 9), job('short-2', 10, 5, 0)];
    expect(scheduleOnResource(jobs, linearResource(1)).onTime).toEqual(['long']);
    expect(scheduleOnResource(jobs, linearResource(1), { priorities: 'strict' }).onTime).toEqual(['long']);
    expect(scheduleOnResource(jobs, linearResource(1), TIE_BREAK).onTime).toEqual(['short-1', 'short-2']);
  });

  it('fits a departure’s truck: the largest load stays behind', () => {
    const jobs = [job('a', 50, 15), job('b', 50, 20), job('c', 50, 10), job('d', 50, 8)];
    const s = scheduleOnResource(jobs, constantResource(40));
    expect(s.late).toEqual(['b']);
    expect(s.finishes.at(-1)).toBe(33);
  });

  it('is exact per class, not lexicographically: a known case where strict loses a low job', () => {
    // Class 1 keeps one of b, c either way; Moore–Hodgson keeps the shorter b, which crowds out a.
    const jobs = [job('a', 5, 1, 0), job('b', 9, 9, 1), job('c', 18, 10, 1)];
    expect(scheduleOnResource(jobs, linearResource(1)).onTime).toEqual(['b']);
    expect(isFeasible(['a', 'c'], jobs, [linearResource(1)])).toBe(true);
  });

  it('reads work[0], refuses negative work and a NaN capacity', () => {
    expect(scheduleOnResource([{ id: 'a', due: 1, priority: 0, work: [] }], constantResource(0)).onTime).toEqual(['a']);
    expect(() => scheduleOnResource([job('a', 1, -1)], constantResource(5))).toThrow(RangeError);
    expect(() => scheduleOnResource([job('a', 1, 1)], constantResource(Number.NaN))).toThrow(RangeError);
  });
});

describe('scheduleOnResources', () => {
  // Units throughput 1 a minute, and one truck of 10 volume for the 30-minute departure.
  const resources = [linearResource(1), constantResource(10)];
  const jobs = [job('a', 20, [12, 0]), job('b', 30, [6, 6]), job('c', 30, [6, 5]), job('d', 30, [5, 4]), job('e', 20, [7, 0])];

  it('finds the optimum of a small two-resource case', () => {
    const s = scheduleOnResources(jobs, resources, TIE_BREAK);
    const best = Math.max(...feasibleSets(jobs, resources).map(jobsIn));
    expect(best).toBe(4);
    expect(s.onTime).toEqual(['a', 'e', 'c', 'd']);
    expect(isFeasible(s.onTime, jobs, resources)).toBe(true);
    expect(s.starts).toEqual([[0, 12, 19, 25], [0, 0, 0, 5]]);
    expect(scheduleEdd(jobs, resources).onTime).toEqual(['a', 'e', 'b']);
    expect(s.finishes[1]!.at(-1)).toBe(s.onTime.reduce((sum, id) => sum + jobs.find((j) => j.id === id)!.work[1]!, 0));
  });

  it('keeps higher classes first under strict', () => {
    const urgent = jobs.map((j) => (j.id === 'a' ? { ...j, priority: 5 } : j));
    const s = scheduleOnResources(urgent, resources);
    expect(s.onTime).toContain('a');
    expect(isFeasible(s.onTime, urgent, resources)).toBe(true);
  });

  it('agrees with scheduleOnResource on one resource', () => {
    const one = [job('j1', 9, 7), job('j2', 17, 8), job('j3', 18, 4), job('j4', 19, 6), job('j5', 21, 6)];
    expect(scheduleOnResources(one, [linearResource(1)]).onTime).toEqual(scheduleOnResource(one, linearResource(1)).onTime);
  });
});

describe('scheduleEdd', () => {
  it('lets late jobs take capacity, as the peers do', () => {
    const jobs = [job('long', 10, 10), job('short-1', 12, 3), job('short-2', 14, 1)];
    const edd = scheduleEdd(jobs, [linearResource(1)]);
    expect(edd.onTime).toEqual(['long', 'short-2']);
    expect(edd.starts[0]).toEqual([0, 13]);
    expect(scheduleOnResource(jobs, linearResource(1)).onTime).toEqual(['short-1', 'short-2']);
  });
});

describe('isFeasible', () => {
  it('checks every due time with every job due by then', () => {
    const jobs = [job('a', 10, 6), job('b', 10, 5), job('c', 20, 3)];
    expect(isFeasible(['c', 'a'], jobs, [linearResource(1)])).toBe(true);
    expect(isFeasible(['a', 'b'], jobs, [linearResource(1)])).toBe(false);
    expect(isFeasible([], jobs, [constantResource(0)])).toBe(true);
    expect(() => isFeasible(['z'], jobs, [linearResource(1)])).toThrow(RangeError);
    expect(() => isFeasible(['a', 'a'], jobs, [linearResource(1)])).toThrow(RangeError);
  });
});
