/**
 * Allocation: dividing scarce stock among many orders at once, by a policy (FIFO, priority tiers,
 * earliest due date, fair share, maximum released value), with channel ring-fences, pre-emption
 * of lower-priority holds, and backorders filled when stock arrives. Pure.
 *
 * @packageDocumentation
 */
export { AllocatableLine, AllocatableOrder, type AllocatableOrderInput, HeldUnits } from './order';
export {
  AllocationPolicy,
  type AllocationPolicyInput,
  type AllocationRule,
  EddPolicy,
  FairSharePolicy,
  FifoPolicy,
  MaxValuePolicy,
  PreemptionPolicy,
  PriorityPolicy,
} from './policy';
export { AllocateOptions, type AllocateOptionsInput, ChannelQuota, Supply, type SupplyInput } from './supply';
export type { AllocatedLine, Allocation, AllocationTrace, Backorder, OrderAllocation, PreemptedUnits } from './result';
export { allocate } from './allocate';
export { BackorderLine, type BackordersInput, fillBackorders } from './backorders';
