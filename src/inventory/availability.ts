import type { Position } from '../domain/inventory';

/**
 * Units that can still be promised from a position: on hand − reserved − allocated − safety,
 * never below zero (safety stock may exceed on hand after a loss).
 *
 * @example
 * ```ts
 * availableToPromise({ onHand: 10, reserved: 3, allocated: 0, safety: 2, ... }) // 5
 * ```
 */
export function availableToPromise(p: Pick<Position, 'onHand' | 'reserved' | 'allocated' | 'safety'>): number {
  return Math.max(0, p.onHand - p.reserved - p.allocated - p.safety);
}

/**
 * Units on hand not yet promised to anyone, ignoring safety stock. A negative adjustment may not
 * take this below zero: that would lose units someone holds.
 */
export function unpromisedOnHand(p: Pick<Position, 'onHand' | 'reserved' | 'allocated'>): number {
  return p.onHand - p.reserved - p.allocated;
}
