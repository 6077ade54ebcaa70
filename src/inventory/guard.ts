import type { Position } from '../domain/inventory';

/**
 * The rule every store applies to a position after a guarded increment: what is wrong, or
 * undefined when the position may be written. Stores apply it in their own primitive (an SQL
 * `WHERE`, a Lua check); this is the reference every one of them must match.
 *
 * @example
 * ```ts
 * positionGuardFailure({ ...p, reserved: p.reserved + 5 }, true) // 'reserved + allocated + safety exceed on hand'
 * ```
 */
export function positionGuardFailure(
  p: Pick<Position, 'onHand' | 'reserved' | 'allocated' | 'safety'>,
  requireAvailable: boolean,
): string | undefined {
  if (p.onHand < 0 || p.reserved < 0 || p.allocated < 0 || p.safety < 0) return 'a counter would go below zero';
  if (p.reserved + p.allocated > p.onHand) return 'reserved + allocated exceed on hand';
  if (requireAvailable && p.reserved + p.allocated + p.safety > p.onHand) return 'reserved + allocated + safety exceed on hand';
  return undefined;
}
