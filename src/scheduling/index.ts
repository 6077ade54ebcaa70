/**
 * Cutoff scheduling and delivery promise: calendars in IANA zones, departures and their cutoffs,
 * release planning (fewest missed cutoffs), the cutoff risk monitor and the promise engine. Pure.
 *
 * @packageDocumentation
 */
export * from './calendar/index';
export * from './sequencing/index';
export { departureIdsOf, departureOccurrences, type DepartureOccurrence, type OccurrenceWindow } from './occurrences';
export { leadTimeMinutes, type OrderSize } from './lead-time';
export { arrivalOf, businessWeek, transitDays, type Arrival, type Destination } from './transit';
export { ReleasePolicy, type ReleasePolicyInput, SERVICE_SPEED, serves } from './policy';
export { ReleaseOrder, type ReleaseOrderInput, ReleaseOrders } from './release-order';
export { SchedulingNetwork, type SchedulingNetworkInput, Departures, calendarsById, departuresByNode } from './network';
export { CapacityAdjustments, planRelease, type DepartureLoad, type PlannedRelease, type ReleaseDecision, type ReleasePlan } from './plan-release';
export type { NodePlanTrace } from './node-plan';
export { cutoffRisks, type CutoffRisk, type RiskLevel, type WatchedOrder } from './risk';
export { PromiseAddress, PromiseCart, type PromiseCartInput, PromisePolicy, type PromisePolicyInput, PromiseStock, type PromiseStockInput, PromiseStocks } from './promise-input';
export { deliveryDaysByNode, promise, type DeliveryPromise, type NodePromise, type OfferedPromise } from './promise';
export { stockReady, type StockReady } from './stock-ready';
export {
  cancelDepartureEvents,
  defineCalendarEvents,
  defineDepartureEvents,
  delayDepartureEvents,
  departedEvents,
  scheduleEvents,
  type DepartureDelay,
} from './decide';
