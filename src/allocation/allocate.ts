import { fairShare } from './fair-share';
import { type AllocateInput, readInput } from './input';
import { maxValue } from './max-value';
import type { AllocatableOrderInput } from './order';
import { type Decided, outcome } from './outcome';
import type { AllocationPolicyInput } from './policy';
import { Pool } from './pool';
import { preempt } from './preemption';
import { compile } from './problem';
import type { Allocation } from './result';
import { sequenceOf, serveInSequence } from './sequence';
import type { AllocateOptionsInput, SupplyInput } from './supply';

/**
 * Divides scarce stock among many orders at once, by a policy:
 * - `fifo`: by `placedAt`, then id; `priority`: higher priority first, FIFO within a tier;
 *   `edd`: earliest `promisedBy` first, none last, then FIFO. Orders are served one after another:
 *   a ship-complete order gets all it still needs or nothing, any other what is left, line by line.
 * - `fair-share`: each SKU split in proportion to the units each line wants (largest remainder);
 *   ship-complete orders the split leaves short get nothing and their share is split again.
 * - `max-value`: the ship-complete orders (and units of others) that release the most value, by
 *   a Lagrangian-priced greedy with drop-add improvement; `trace.bound` bounds what any
 *   allocation could release.
 *
 * Units an order `holds` count towards its lines. With `preemption`, orders left short may then
 * take units that lower-priority orders hold. `options.channelQuota` ring-fences units of the
 * supply for a channel: its orders take from the fence first, others never do.
 *
 * Never allocates more of a SKU than the supply (within a channel, than its fence and the shared
 * units), never fills a ship-complete order in part. Pure and deterministic: ties are broken by
 * `placedAt` then id, so the result does not depend on the order of `orders`. Throws
 * `ValidationError` with issue paths (`orders[3].lines[0].quantity`) on bad input, nothing else.
 *
 * @example
 * ```ts
 * const result = allocate(
 *   [{ id: 'o1', channel: 'web', placedAt: '2026-03-27T09:00:00Z', shipComplete: true, lines: [{ id: 'l1', sku: 'tee', quantity: 2 }] },
 *    { id: 'o2', channel: 'web', placedAt: '2026-03-27T09:05:00Z', lines: [{ id: 'l1', sku: 'tee', quantity: 3 }] }],
 *   { tee: 4 },
 *   { rule: 'fifo' },
 * )
 * // result.allocations: o1 gets 2 (complete), o2 gets 2; result.unallocated: o2/l1 short by 1
 * ```
 */
export function allocate(
  orders: readonly AllocatableOrderInput[],
  supply: SupplyInput,
  policy: AllocationPolicyInput,
  options?: AllocateOptionsInput,
): Allocation {
  return decide(readInput(orders, supply, policy, options, 'allocate'));
}

/** Runs the policy's rule, then pre-emption, on validated input. */
export function decide(input: AllocateInput): Allocation {
  const p = compile(input);
  const pool = new Pool(p);
  const fill = new Float64Array(p.lineSku.length);
  const { policy } = input;
  let decided: Omit<Decided, 'takings'>;
  switch (policy.rule) {
    case 'fifo':
    case 'priority':
    case 'edd': {
      const sequence = sequenceOf(p, policy.rule);
      serveInSequence(p, pool, fill, sequence);
      decided = { rule: policy.rule, sequence, notes: [] };
      break;
    }
    case 'fair-share': {
      const sequence = sequenceOf(p, 'fifo');
      decided = { rule: policy.rule, sequence, notes: fairShare(p, pool, fill) };
      break;
    }
    case 'max-value': {
      const mv = maxValue(p, pool, fill, policy);
      decided = { rule: policy.rule, sequence: mv.sequence, notes: mv.notes, competing: { bound: mv.competingBound, value: mv.competingValue } };
      break;
    }
  }
  const preemption = policy.preemption === undefined ? { takings: [], notes: [] } : preempt(p, pool, fill, decided.sequence, policy.preemption);
  return outcome(p, pool, fill, { ...decided, takings: preemption.takings, notes: [...decided.notes, ...preemption.notes] });
}
