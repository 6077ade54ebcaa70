import type { Position } from '../domain/inventory';
import type { RingFence } from '../domain/network';
import { fenceFailure } from './fences';

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
  p: Position,
  requireAvailable: boolean,
  fences: { readonly rules: readonly RingFence[]; readonly takers: readonly string[] } = { rules: [], takers: [] },
): string | undefined {
  if (p.onHand < 0 || p.reserved < 0 || p.allocated < 0 || p.safety < 0) return 'a counter would go below zero';
  if (p.reserved + p.allocated > p.onHand) return 'reserved + allocated exceed on hand';
  if (requireAvailable && p.reserved + p.allocated + p.safety > p.onHand) return 'reserved + allocated + safety exceed on hand';
  for (const lot of Object.values(p.lots ?? {})) {
    if (lot.onHand < 0 || lot.reserved < 0) return `a counter of lot ${lot.lot} would go below zero`;
    if (lot.reserved > lot.onHand) return `lot ${lot.lot}: reserved exceed on hand`;
  }
  for (const [channel, held] of Object.entries(p.channels ?? {})) if (held < 0) return `channel ${channel} would hold fewer than zero`;
  if (requireAvailable && fences.rules.length > 0) return fenceFailure(p, fences.rules, fences.takers);
  return undefined;
}
