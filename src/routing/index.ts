/**
 * Routing (sourcing): which nodes ship each line of an order, at least cost, within stock,
 * capacity and policy, with a trace of why. Pure engines: `routeOrder` for one order (exact branch
 * and bound up to 8 lines × 30 nodes, a measured heuristic beyond), `routeBatch` for a release
 * window sharing stock and capacity, `priceAllocation` to cost a given allocation.
 *
 * @packageDocumentation
 */
export { RoutingNode, type RoutingNodeInput, prepareNodes } from './node';
export { RoutableLine, RoutableOrder, type RoutableOrderInput } from './order';
export { RoutingCost, RoutingPolicy, type RoutingPolicyInput, preparePolicy } from './policy';
export type { RoutingStock } from './stock';
export type { RoutingContext } from './validate';
export type {
  CandidateTrace,
  CostBreakdown,
  PlanCost,
  PlannedLine,
  PlannedShipment,
  RejectedPlan,
  RoutingPlan,
  RoutingStatus,
  RoutingTrace,
  SearchTrace,
} from './plan';
export { haversineKm } from './geo';
export { routeOrder } from './route';
export { routeBatch } from './batch';
export { priceAllocation, type AllocationInput } from './price';
