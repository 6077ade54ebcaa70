/**
 * Working calendars as pure arithmetic on epoch-ms instants: open intervals of shifts across time
 * zones and DST, composed calendars (node ∩ carrier), working-time addition and subtraction,
 * business days, and cumulative capacity curves for release planning.
 *
 * @packageDocumentation
 */
export { isWorkingDay, type OpenInterval, openIntervals, wallClockToInstant } from './intervals';
export {
  addWorkingTime,
  DEFAULT_HORIZON_MS,
  nextOpen,
  openIntervalsOf,
  openTimeBetween,
  subtractWorkingTime,
  type WorkingTime,
  workingTime,
} from './working-time';
export { addBusinessDays, addCalendarDays, nextWorkingDay } from './business-days';
export { type CapacityCurve, type CapacityRate, capacityAt, capacityCurve, timeAtCapacity } from './capacity-curve';
