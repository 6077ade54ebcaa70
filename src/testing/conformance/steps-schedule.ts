import { expect } from 'vitest';
import { NODES } from './fixtures';
import { type Model, type Real, Step } from './model';

/** A daily pick-up at every node, defined on first use (defining it again unchanged writes nothing). */
async function defineDepartures(r: Real): Promise<void> {
  for (const node of NODES) {
    await r.ff.defineDeparture({ id: `${node}-daily`, kind: 'recurring', node, carrier: 'post', weekdays: [0, 1, 2, 3, 4, 5, 6], at: '17:00' });
  }
}

/**
 * Plans the release of every reserved order: with no throughput limit and a daily pick-up, each is
 * scheduled on time and due at once; the model records when it is due.
 */
export class PlanRelease extends Step {
  async apply(m: Model, r: Real) {
    await defineDepartures(r);
    const plan = await r.ff.planRelease({ policy: { releaseWindowMinutes: 0 } });
    const reserved = m.orders.filter((o) => o.status === 'reserved');
    expect(plan.orders.map((p) => p.order).sort(), 'every reserved order is planned').toEqual(reserved.map((o) => o.id).sort());
    expect(plan.missed).toBe(0);
    for (const o of reserved) {
      const planned = plan.orders.find((p) => p.order === o.id)!;
      expect(planned.schedule?.onTime).toBe(true);
      o.releaseAt = Date.parse(planned.schedule!.releaseAt);
      expect(o.releaseAt).toBeLessThanOrEqual(m.now);
    }
  }
  toString() {
    return 'planRelease';
  }
}

/** Releases what is due: exactly the reserved orders the model saw planned, through the lifecycle. */
export class ReleaseDue extends Step {
  async apply(m: Model, r: Real) {
    const { released } = await r.ff.releaseDue();
    const due = m.orders.filter((o) => o.status === 'reserved' && o.releaseAt !== undefined && o.releaseAt <= m.now);
    expect([...released].sort()).toEqual(due.map((o) => o.id).sort());
    for (const o of due) {
      o.status = 'released';
      o.expiresAt = undefined;
    }
  }
  toString() {
    return 'releaseDue';
  }
}
