import type { LotId } from '../domain/ids';
import type { Position } from '../domain/inventory';

/** How lots are picked for a hold: first expiry first out, or first received first out. */
export type LotRule = 'fefo' | 'fifo';

/**
 * The lots that serve `quantity` units: FEFO (earliest expiry, then earliest receipt) or FIFO
 * (earliest receipt), skipping lots that expired before `today` and units already held. Ties break
 * by lot id, so the choice is deterministic. Returns undefined when the lots cannot serve it all.
 *
 * @example
 * ```ts
 * chooseLots(position, 5, 'fefo', '2026-03-27') // [{ lot: 'L-7', quantity: 3 }, { lot: 'L-9', quantity: 2 }]
 * ```
 */
export function chooseLots(position: Position, quantity: number, rule: LotRule, today: string): { lot: LotId; quantity: number }[] | undefined {
  const usable = Object.values(position.lots ?? {})
    .filter((l) => l.onHand > l.reserved && (l.expiresOn === undefined || l.expiresOn >= today))
    .sort((a, b) => {
      if (rule === 'fefo') {
        const ea = a.expiresOn ?? '9999-12-31';
        const eb = b.expiresOn ?? '9999-12-31';
        if (ea !== eb) return ea < eb ? -1 : 1;
      }
      if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? -1 : 1;
      return a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0;
    });
  const chosen: { lot: LotId; quantity: number }[] = [];
  let left = quantity;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(left, lot.onHand - lot.reserved);
    chosen.push({ lot: lot.lot, quantity: take });
    left -= take;
  }
  return left === 0 ? chosen : undefined;
}
