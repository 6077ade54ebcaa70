/**
 * fulfillkit: order, warehouse and inventory fulfillment as a library. The OMS decides, the WMS
 * executes, the IMS tracks; this entry holds the pure core (schemas, errors, events, deciders)
 * and the runtime that runs it over a store.
 *
 * @packageDocumentation
 */

// Domain: schemas (with their inferred types), errors, events, state.
export * from './domain/ids';
export { LIMITS } from './domain/limits';
export * from './domain/primitives';
export * from './domain/catalog';
export * from './domain/network';
export * from './domain/order';
export * from './domain/holds';
export * from './domain/returns';
export * from './domain/inventory';
export * from './domain/warehouse';
export * from './domain/events';
export {
  FulfillkitError,
  ValidationError,
  InsufficientStockError,
  ConcurrencyError,
  IdempotencyConflictError,
  IllegalTransitionError,
  NotFoundError,
  DuplicateError,
  AdapterError,
  isFulfillkitError,
  formatPath,
  type ErrorCode,
  type ValidationIssue,
} from './domain/errors';
export { parse } from './domain/parse';
export { type FulfillmentState, type NodeWorkload, type Versioned, initialState, own, positionOf, emptyPosition } from './domain/state';
export { capacityLeft, workloadGuardFailure, workloadOf, type WorkloadChange } from './network/workload';
export { type Decider, type DecideContext, type IdSource, stamp } from './domain/decider';
export { fingerprint, stableStringify } from './domain/fingerprint';

// Engines.
export { availableToPromise, unpromisedOnHand, positionAtp, type AtpFigure, type AtpTerm, type AtpQuery } from './inventory/availability';
export { fenceFor, fencesOf, fenceSize, unusedFence, fenceFailure } from './inventory/fences';
export { positionGuardFailure } from './inventory/guard';
export { decideInventory, type InventoryCommand } from './inventory/decide';
export { totalBySku, shortagesAt, isDue, reserve, endReservations, nodeToday, type Demand, type Shortage, type Hold } from './inventory/reserve';
export { chooseLots, type LotRule } from './inventory/lots';
export { localDate } from './domain/time';
export * from './inventory/forecast/index';
export * from './inventory/replenishment/index';
export * from './inventory/classification/index';
export { decideOrder, type OrderCommand, type ShortagePolicy } from './orders/decide';
export { evaluateHolds, type FiredHold } from './orders/holds';
export * from './routing/index';
export * from './allocation/index';
export * from './scheduling/index';
export { ORDER_TRANSITIONS, canTransition, assertTransition } from './orders/lifecycle';
export { evolve, fold } from './decider/evolve';
export { fulfillmentDecider, type FulfillmentCommand } from './decider/decider';

// Runtime.
export { createFulfillment, type Fulfillment, type FulfillmentOptions, type OrderExplanation, type BacklogReport, type RoutingDecision } from './runtime/fulfillment';
export type { WindowReport } from './runtime/commands/orders';
export { placeWindow, type WindowCommand, type WindowOutcome } from './orders/window';
export type { FulfillmentListeners, RetryPolicy } from './runtime/executor';
export type { ExpiryReport } from './runtime/commands';
export type { Availability, NodeAvailability } from './runtime/availability';
export { type DemandHistorySeries, historyWindow } from './runtime/demand-history';
export { ReplenishmentQuery } from './runtime/replenishment-query';
export { ClassificationQuery } from './runtime/classification-query';
export { CapacityQuery, type NodeCapacity } from './runtime/capacity-query';
export * from './runtime/inputs';
export type { Store, Transport, Clock, Commit, EntityKind, EntityWrite, PositionChange, IdempotencyRecord, SliceKeys } from './runtime/ports';
export { ENTITY_COLLECTIONS, type EntityCollection, planCommit } from './runtime/commit-plan';
export type { ReleasePlanReport, ReleaseDueReport, SchedulingCommands, SchedulingPolicies } from './runtime/scheduling';
export * from './runtime/scheduling-inputs';
export { systemClock, randomIds } from './runtime/system';

// Simulation: a clock that moves when told and seeded sources, for harnesses and tests.
export { SimulatedClock } from './simulation/clock';
export { seededIds, seededRandom, sequentialIds } from './simulation/random';
