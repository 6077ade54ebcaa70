import { describe, expect, it } from 'vitest';
import { schedulingInstance } from '../../bench/scheduling.bench';
import { constantResource, isFeasible, type Job, linearResource, type Resource, scheduleOnResources } from '../../src/scheduling/sequencing';
import { seededRandom } from '../../src/simulation/random';
import { feasibleSets, jobsIn, milpSchedule, stepResource } from '../support/milp-scheduling';

/** A tiny instance: up to 10 jobs, 2–4 resources (rates, shifts, trucks), 3 priority classes. */
function tiny(seed: number): { jobs: Job[]; resources: Resource[] } {
  const random = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const R = int(2, 4);
  const jobs = Array.from({ length: int(1, 10) }, (_, i) => ({ id: `j${i}`, due: int(0, 45), priority: int(0, 2), work: Array.from({ length: R }, () => int(0, 12)) }));
  const resources = Array.from({ length: R }, (): Resource => {
    const kind = int(0, 2);
    if (kind === 0) return linearResource(int(1, 8) / 4);
    if (kind === 1) return constantResource(int(0, 40));
    return stepResource(Array.from({ length: 5 }, () => int(0, 12)));
  });
  return { jobs, resources };
}

// The MILP is the baseline of `scheduling.missed_vs_optimum`: it must model the problem exactly.
describe('bench MILP of sequencing on several resources', () => {
  it('finds the most on-time jobs every subset allows, as a feasible set', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { jobs, resources } = tiny(seed);
      const milp = await milpSchedule(jobs, resources, { timeLimit: 10 });
      expect(milp.optimal).toBe(true);
      expect(milp.onTimeCount).toBe(Math.max(...feasibleSets(jobs, resources).map(jobsIn)));
      expect(isFeasible(milp.onTime, jobs, resources)).toBe(true);
    }
  });

  it('weighted by class, finds the lexicographic optimum', async () => {
    for (let seed = 100; seed <= 130; seed++) {
      const { jobs, resources } = tiny(seed);
      // A job of class c outweighs all jobs of lower classes together.
      const weight = (job: Job) => (jobs.length + 1) ** job.priority;
      const milp = await milpSchedule(jobs, resources, { weight, timeLimit: 10 });
      const best = Math.max(...feasibleSets(jobs, resources).map((m) => jobs.reduce((sum, job, i) => (m & (1 << i) ? sum + weight(job) : sum), 0)));
      expect(milp.value).toBeCloseTo(best, 6);
    }
  });

  it('bounds the heuristic on a bench instance', async () => {
    const { jobs, resources } = schedulingInstance(3_000, { jobs: 50, departures: 4 });
    const milp = await milpSchedule(jobs, resources, { timeLimit: 30 });
    const heuristic = scheduleOnResources(jobs, resources, { priorities: 'tie-break' });
    expect(milp.optimal).toBe(true);
    expect(isFeasible(milp.onTime, jobs, resources)).toBe(true);
    expect(heuristic.onTime.length).toBeLessThanOrEqual(milp.onTimeCount);
    expect(heuristic.onTime.length).toBeGreaterThanOrEqual(milp.onTimeCount - 2);
  });
});
